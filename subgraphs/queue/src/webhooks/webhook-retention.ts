import type { DataSource } from 'typeorm';

/** Every night at 03:17 UTC. */
export const WEBHOOK_RETENTION_SCHEDULE = '17 3 * * *';

/**
 * Deletes the events that occurred before `cutoff` and their delivery attempts, in one transaction:
 * the delivery log and replay by event id reach back as far as the retention period, no further.
 */
export async function pruneWebhookHistory(
  dataSource: DataSource,
  cutoff: Date,
): Promise<{ events: number; attempts: number }> {
  return dataSource.transaction(async (manager) => {
    const [, attempts] = (await manager.query(
      `DELETE FROM queue.webhook_attempt attempt USING queue.webhook_event event
        WHERE attempt.event_id = event.id AND event.occurred_at < $1`,
      [cutoff],
    )) as [unknown, number];
    const [, events] = (await manager.query(`DELETE FROM queue.webhook_event WHERE occurred_at < $1`, [cutoff])) as [
      unknown,
      number,
    ];
    return { events, attempts };
  });
}
