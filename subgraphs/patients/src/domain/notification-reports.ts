import type { EntityManager } from 'typeorm';
import type { Database } from '@clinicflow/platform';
import type { NotificationChannel } from './notification.entity';

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
 * Applies delivery reports from verified provider callbacks, each once. Statuses only move forward
 * (queued, sent, then delivered or failed), whatever order the callbacks arrive in. A report for a
 * send that was waiting to be confirmed confirms it.
 */
export class NotificationReports {
  constructor(private readonly database: Database) {}

  /** Applies the reports; returns how many were new. */
  async apply(reports: ProviderReport[]): Promise<number> {
    return this.database.dataSource.transaction(async (manager) => {
      let applied = 0;
      for (const report of reports) {
        if (!UUID.test(report.notificationId)) continue;
        if (!(await claimWebhookEvent(manager, report.provider, report.eventId))) continue;
        applied += 1;
        await manager.query(
          `UPDATE patients.notification
              SET status = CASE
                    WHEN status IN ('delivered', 'failed') THEN status
                    WHEN $5 = 'delivered' THEN 'delivered'
                    WHEN $5 = 'failed' THEN 'failed'
                    ELSE 'sent' END,
                  reason = CASE WHEN $5 = 'failed' AND status NOT IN ('delivered', 'failed') THEN $7 ELSE reason END,
                  channel = $2, provider = $3, provider_message_id = $4,
                  sent_at = coalesce(sent_at, now()),
                  delivered_at = CASE WHEN $5 = 'delivered' THEN coalesce(delivered_at, now()) ELSE delivered_at END,
                  pending_attempt_id = CASE WHEN pending_attempt_id = $6 THEN NULL ELSE pending_attempt_id END,
                  pending_since = CASE WHEN pending_attempt_id = $6 THEN NULL ELSE pending_since END,
                  updated_at = now()
            WHERE id = $1 AND status <> 'skipped'`,
          [
            report.notificationId,
            report.channel,
            report.provider,
            report.messageId,
            report.outcome,
            report.attemptId && UUID.test(report.attemptId) ? report.attemptId : null,
            report.failure ?? null,
          ],
        );
      }
      return applied;
    });
  }
}
