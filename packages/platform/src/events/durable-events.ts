import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/**
 * Durable events on PostgreSQL through pg-boss. `publishInTransaction` writes the job with the
 * caller's transaction, so the event exists exactly when the change that caused it committed.
 */
export function createDurableEvents(databaseUrl: string): PgBoss {
  return new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
}

export async function publishInTransaction(
  boss: PgBoss,
  manager: EntityManager,
  queue: string,
  data: object,
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  return boss.send(queue, data, {
    ...options,
    db: { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) },
  });
}
