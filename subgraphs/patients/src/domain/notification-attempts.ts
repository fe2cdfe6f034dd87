import { registerEnumType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { NotificationChannel } from './notification.entity';

/**
 * How one provider's part in one send attempt ended: it refused (nothing sent), did not answer, or
 * accepted it (sent), and then what its callbacks said (delivered or failed).
 */
export enum AttemptStatus {
  REFUSED = 'refused',
  UNCONFIRMED = 'unconfirmed',
  SENT = 'sent',
  DELIVERED = 'delivered',
  FAILED = 'failed',
}
registerEnumType(AttemptStatus, {
  name: 'NotificationAttemptStatus',
  description:
    "How a provider's part in a send ended: refused (nothing sent), unconfirmed (no answer), sent, delivered or failed",
});

export interface AttemptRecord {
  attemptId: string;
  provider: string;
  notificationId: string;
  channel: NotificationChannel;
  status: AttemptStatus;
  /** Why it was refused or failed, in the provider's codes: never the message or the address. */
  reason: string | null;
}

const rank = (column: string) =>
  `CASE ${column} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'failed' THEN 2 ELSE 0 END`;

/**
 * Adds a provider's attempt to the notification's delivery history, or moves its status forward
 * (refused or unconfirmed, then sent, then delivered or failed) whatever order the send's answer and
 * the provider's callbacks arrive in. A notification that does not exist gets nothing.
 */
export async function recordAttempt(executor: Pick<EntityManager, 'query'>, attempt: AttemptRecord): Promise<void> {
  await executor.query(
    `INSERT INTO patients.notification_attempt (attempt_id, provider, notification_id, channel, status, reason)
     SELECT $1, $2, n.id, $4, $5, $6 FROM patients.notification n WHERE n.id = $3
     ON CONFLICT (attempt_id, provider) DO UPDATE
        SET status = EXCLUDED.status, reason = coalesce(EXCLUDED.reason, notification_attempt.reason), updated_at = now()
      WHERE ${rank('EXCLUDED.status')} > ${rank('notification_attempt.status')}`,
    [attempt.attemptId, attempt.provider, attempt.notificationId, attempt.channel, attempt.status, attempt.reason],
  );
}

/** One provider's part in one send attempt, as the delivery history keeps it. */
export interface AttemptRow {
  notificationId: string;
  attemptId: string;
  provider: string;
  channel: NotificationChannel;
  status: AttemptStatus;
  reason: string | null;
  startedAt: Date;
  updatedAt: Date;
}

/** The delivery history of these notifications, oldest attempt first. */
export async function attemptsOf(
  executor: Pick<EntityManager, 'query'>,
  notificationIds: readonly string[],
): Promise<AttemptRow[]> {
  return (await executor.query(
    `SELECT notification_id AS "notificationId", attempt_id AS "attemptId", provider, channel, status, reason,
            created_at AS "startedAt", updated_at AS "updatedAt"
       FROM patients.notification_attempt WHERE notification_id = ANY($1::uuid[]) ORDER BY created_at, provider`,
    [notificationIds],
  )) as AttemptRow[];
}
