import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

const CONSUMER = 'e2e.matrix';
const DEAD_LETTER = `${CONSUMER}.dead-letter`;

/**
 * A failed delivery waiting in a dead-letter queue, as pg-boss leaves one when a consumer's last
 * attempt fails (a job in `<consumer>.dead-letter` with the event and the consumer's failure record),
 * made directly so that tests about who may act on it do not wait for retries.
 */
export async function createFailedDelivery(databaseUrl: string): Promise<string> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    await dataSource.query(`SELECT pgboss.create_queue($1, $2)`, [DEAD_LETTER, { policy: 'standard' }]);
    await dataSource.query(`SELECT pgboss.create_queue($1, $2)`, [
      CONSUMER,
      { policy: 'standard', retryLimit: 1, deadLetter: DEAD_LETTER },
    ]);
    const now = new Date().toISOString();
    const [row] = (await dataSource.query(
      `INSERT INTO pgboss.job (name, data, output, retry_limit) VALUES ($1, $2, $3, 1) RETURNING id`,
      [
        DEAD_LETTER,
        {
          event: { id: randomUUID(), name: 'e2e.happened', key: null, publishedAt: now },
          data: { patientId: randomUUID() },
        },
        {
          message: 'the vendor was down',
          attempts: 2,
          firstAttemptAt: now,
          lastAttemptAt: now,
          deliveryId: randomUUID(),
        },
      ],
    )) as { id: string }[];
    return row!.id;
  } finally {
    await dataSource.destroy();
  }
}
