import type { DataSource } from 'typeorm';

/** Every night at 03:47 UTC. */
export const NOTIFICATION_RETENTION_SCHEDULE = '47 3 * * *';

/**
 * Deletes the notifications created before `cutoff` that are finished (their attempts go with them)
 * and the vendor callback ids received before it, in one transaction. Queued ones are kept, however old.
 */
export async function pruneNotificationHistory(
  dataSource: DataSource,
  cutoff: Date,
): Promise<{ notifications: number; callbacks: number }> {
  return dataSource.transaction(async (manager) => {
    const [, notifications] = (await manager.query(
      `DELETE FROM patients.notification WHERE created_at < $1 AND status <> 'queued'`,
      [cutoff],
    )) as [unknown, number];
    const [, callbacks] = (await manager.query(
      `DELETE FROM patients.notification_webhook_event WHERE received_at < $1`,
      [cutoff],
    )) as [unknown, number];
    return { notifications, callbacks };
  });
}
