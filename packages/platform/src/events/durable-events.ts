import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/** The PostgreSQL schema pg-boss keeps its queues, jobs and subscriptions in, shared by every service. */
export const DURABLE_EVENTS_SCHEMA = 'pgboss';

/**
 * Durable events on PostgreSQL through pg-boss. `publishInTransaction` writes the job with the
 * caller's transaction, so the event exists exactly when the change that caused it committed.
 * `options` are for tests and tools (a short maintenance interval, so a dead worker's jobs expire soon).
 */
export function createDurableEvents(
  databaseUrl: string,
  options: Omit<PgBoss.ConstructorOptions, 'connectionString' | 'schema'> = {},
): PgBoss {
  return new PgBoss({ max: 4, ...options, connectionString: databaseUrl, schema: DURABLE_EVENTS_SCHEMA });
}

/** pg-boss runs its statements through this, so they join the transaction of `manager`. */
export function transactionDb(manager: EntityManager): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) };
}

export async function publishInTransaction(
  boss: PgBoss,
  manager: EntityManager,
  queue: string,
  data: object,
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  return boss.send(queue, data, { ...options, db: transactionDb(manager) });
}
