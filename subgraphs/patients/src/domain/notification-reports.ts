import { type Database, publishInTransaction } from '@clinicflow/platform';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AttemptStatus, recordAttempt } from './notification-attempts';
import type { NotificationChannel } from './notification.entity';
import { NOTIFICATION_SEND_QUEUE, type NotificationSend } from './notification.service';

/** What a provider's callback says about one message. */
export interface ProviderReport {
  /** The provider's own id for this event, stored so that a replay does nothing. */
  eventId: string;
  provider: string;
  channel: NotificationChannel;
  notificationId: string;
  attemptId: string | null;
  messageId: string;
  outcome: 'accepted' | 'delivered' | 'failed';
  /** Why it failed, in the provider's codes: never the message or the address. */
  failure?: string;
}

/** A report's outcome, as the attempt's status in the delivery history. */
const ATTEMPT_STATUS: Record<ProviderReport['outcome'], AttemptStatus> = {
  accepted: AttemptStatus.SENT,
  delivered: AttemptStatus.DELIVERED,
  failed: AttemptStatus.FAILED,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claims a webhook event id; false when it was applied before (a replay). */
export async function claimWebhookEvent(manager: EntityManager, provider: string, eventId: string): Promise<boolean> {
  const claimed = (await manager.query(
    `INSERT INTO patients.notification_webhook_event (provider, event_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [provider, eventId],
  )) as unknown[];
  return claimed.length === 1;
}

/**
 * Applies delivery reports from verified provider callbacks, each once, and keeps each in the
 * notification's delivery history. Only a report for the notification's current attempt changes the
 * notification: an older attempt's report changes nothing else. Statuses only move forward (queued,
 * sent, then delivered), whatever order the callbacks arrive in; a report for a send that was waiting
 * to be confirmed confirms it. A failure report (undelivered, bounced) fails the notification over:
 * it is queued again and its send job scheduled in the same transaction, and that send skips every
 * provider that has reported a failure for it (decision 0011).
 */
export class NotificationReports {
  constructor(
    private readonly database: Database,
    private readonly jobs: PgBoss,
  ) {}

  /** Applies the reports; returns how many were new. */
  async apply(reports: ProviderReport[]): Promise<number> {
    return this.database.dataSource.transaction(async (manager) => {
      let applied = 0;
      for (const report of reports) {
        const attemptId = report.attemptId;
        if (!UUID.test(report.notificationId) || !attemptId || !UUID.test(attemptId)) continue;
        if (!(await claimWebhookEvent(manager, report.provider, report.eventId))) continue;
        applied += 1;
        await recordAttempt(manager, {
          attemptId,
          provider: report.provider,
          notificationId: report.notificationId,
          channel: report.channel,
          status: ATTEMPT_STATUS[report.outcome],
          reason: report.failure ?? null,
        });
        if (report.outcome === 'failed') await this.failOver(manager, report, attemptId);
        else await this.confirm(manager, report, attemptId);
      }
      return applied;
    });
  }

  private async confirm(manager: EntityManager, report: ProviderReport, attemptId: string): Promise<void> {
    await manager.query(
      `UPDATE patients.notification
          SET status = CASE WHEN status = 'delivered' OR $5 = 'delivered' THEN 'delivered' ELSE 'sent' END,
              reason = NULL, channel = $2, provider = $3, provider_message_id = $4,
              sent_at = coalesce(sent_at, now()),
              delivered_at = CASE WHEN $5 = 'delivered' THEN coalesce(delivered_at, now()) ELSE delivered_at END,
              pending_attempt_id = NULL, pending_since = NULL, updated_at = now()
        WHERE id = $1 AND current_attempt_id = $6 AND status IN ('queued', 'sent', 'delivered', 'dead-lettered')`,
      [report.notificationId, report.channel, report.provider, report.messageId, report.outcome, attemptId],
    );
  }

  /** The current attempt failed after it was accepted: queue the notification again, once. */
  private async failOver(manager: EntityManager, report: ProviderReport, attemptId: string): Promise<void> {
    const requeued = (await manager.query(
      `UPDATE patients.notification
          SET status = 'queued', reason = $3, current_attempt_id = NULL, pending_attempt_id = NULL,
              pending_since = NULL, updated_at = now()
        WHERE id = $1 AND current_attempt_id = $2 AND status IN ('queued', 'sent', 'dead-lettered')
       RETURNING id`,
      [report.notificationId, attemptId, report.failure ?? `${report.provider} reported a failure`],
    )) as [unknown[], number];
    if (requeued[0].length === 0) return;
    const send: NotificationSend = { notificationId: report.notificationId };
    await publishInTransaction(this.jobs, manager, NOTIFICATION_SEND_QUEUE, send);
  }
}
