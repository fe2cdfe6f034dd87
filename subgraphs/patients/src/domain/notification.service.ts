import { randomUUID } from 'node:crypto';
import {
  AdapterError,
  type Database,
  type Logger,
  publishInTransaction,
  recordBackgroundRead,
} from '@clinicflow/platform';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { NotificationProvider } from '../adapters/notification-provider';
import type { ProvidersByChannel } from '../adapters/notification-providers';
import type { NotificationSettings } from '../adapters/notification-settings';
import { ContactPreference, defaultPreference } from './contact-preference.entity';
import { AttemptStatus, recordAttempt } from './notification-attempts';
import { addressOn, type ContactPoints, noChannelReason, usableChannels } from './notification-channels';
import type { NotificationRequest } from './notification-requests';
import { renderNotification } from './notification-templates';
import { Notification, NotificationKind, NotificationStatus } from './notification.entity';
import { quietHoursEnd } from './quiet-hours';

/** The queue a notification's sends run in; its job carries only the notification's id. */
export const NOTIFICATION_SEND_QUEUE = 'patients.notification-sends';

export interface NotificationSend {
  notificationId: string;
}

/** Told while the patient is at the clinic: sent at once, quiet hours or not. */
const AT_THE_CLINIC = new Set([
  NotificationKind.CHECK_IN_CONFIRMATION,
  NotificationKind.TURN_NEAR,
  NotificationKind.TOKEN_CALLED,
]);

/** A send the provider may or may not have accepted: it did not answer, or the connection broke mid-way. */
function isUnconfirmed(error: AdapterError): boolean {
  if (error.reason === 'timeout') return true;
  return error.reason === 'vendor-error' && error.vendorStatus === undefined && error.vendorCode !== 'ECONNREFUSED';
}

const describe = (error: AdapterError) =>
  `${error.adapter} ${error.reason}${error.vendorStatus !== undefined ? ` ${error.vendorStatus}` : ''}${
    error.vendorCode !== undefined ? ` (${error.vendorCode})` : ''
  }`;

type Settings = Pick<NotificationSettings, 'throttle' | 'confirmGraceSeconds'>;

/**
 * Notifications: accepting a request (once per event), and sending it through the patient's channels
 * with failover. See decision 0011 for how a send is made exactly once.
 */
export class NotificationService {
  constructor(
    private readonly database: Database,
    private readonly jobs: PgBoss,
    private readonly providers: ProvidersByChannel,
    private readonly settings: Settings,
    private readonly logger: Logger,
  ) {}

  /**
   * Records the notification an event asked for and schedules its send, in one transaction: a
   * redelivered event finds its notification and does nothing. Throttled ones are kept as skipped.
   */
  async accept(eventId: string, request: NotificationRequest): Promise<Notification | null> {
    return this.database.dataSource.transaction(async (manager) => {
      // One patient's requests one at a time, so the throttle's count is exact.
      const [patient] = (await manager.query(`SELECT id FROM patients.patient WHERE id = $1 FOR NO KEY UPDATE`, [
        request.patientId,
      ])) as { id: string }[];
      if (!patient) {
        this.logger.warn(
          { eventId, patientId: request.patientId },
          'notification asked for an unknown patient: dropped',
        );
        return null;
      }
      const existing = await manager.findOneBy(Notification, { eventId });
      if (existing) return existing;
      const preference =
        (await manager.findOneBy(ContactPreference, { patientId: request.patientId })) ??
        defaultPreference(request.patientId);
      const [{ recent }] = (await manager.query(
        `SELECT count(*)::int AS recent FROM patients.notification
          WHERE patient_id = $1 AND status <> 'skipped' AND created_at > now() - make_interval(mins => $2)`,
        [request.patientId, this.settings.throttle.windowMinutes],
      )) as [{ recent: number }];
      const throttled = recent >= this.settings.throttle.max;
      const notBefore = AT_THE_CLINIC.has(request.kind)
        ? null
        : quietHoursEnd(new Date(), {
            start: preference.quietHoursStart,
            end: preference.quietHoursEnd,
            timeZone: preference.timeZone,
          });
      const notification = await manager.save(
        manager.create(Notification, {
          patientId: request.patientId,
          eventId,
          kind: request.kind,
          details: request.details,
          status: throttled ? NotificationStatus.SKIPPED : NotificationStatus.QUEUED,
          reason: throttled
            ? `throttled: ${this.settings.throttle.max} per ${this.settings.throttle.windowMinutes} minutes`
            : null,
          notBefore,
        }),
      );
      if (!throttled) await this.schedule(manager, notification.id, notBefore);
      return notification;
    });
  }

  private async schedule(manager: EntityManager, notificationId: string, notBefore: Date | null): Promise<void> {
    const send: NotificationSend = { notificationId };
    await publishInTransaction(
      this.jobs,
      manager,
      NOTIFICATION_SEND_QUEUE,
      send,
      notBefore ? { startAfter: notBefore } : {},
    );
  }

  /**
   * Sends a queued notification: the patient's channels in their order, each channel's providers in
   * turn, until one accepts. A provider that refused (an error answer, an open breaker, a full queue)
   * passes the message on to the next. One that did not answer may have sent it, so nothing else is
   * tried: the send waits for the provider's callback, and is made again only once the grace period
   * has passed without one. Throws when nothing was sent, so the delivery is retried; on the last
   * attempt the notification is marked dead-lettered with the reason first. Providers that reported an
   * earlier attempt failed after accepting it are left out; when none is left, the notification is
   * dead-lettered with their reasons at once. Every provider asked is kept in the delivery history.
   */
  async send(notificationId: string, lastAttempt: boolean): Promise<void> {
    const attemptId = randomUUID();
    const claimed = (await this.database.dataSource.query(
      `UPDATE patients.notification n
          SET pending_attempt_id = $2, current_attempt_id = $2, pending_since = now(), attempts = attempts + 1,
              updated_at = now()
         FROM patients.patient p
        WHERE n.id = $1 AND p.id = n.patient_id AND n.status IN ('queued', 'dead-lettered')
          AND (n.pending_attempt_id IS NULL OR n.pending_since < now() - make_interval(secs => $3))
       RETURNING n.patient_id AS "patientId", n.kind, n.details, p.phone, p.email, p.preferred_language AS language,
                 ARRAY(SELECT coalesce(a.reason, a.provider || ' reported a failure') FROM patients.notification_attempt a
                        WHERE a.notification_id = n.id AND a.status = 'failed' ORDER BY a.created_at) AS failures,
                 ARRAY(SELECT a.provider FROM patients.notification_attempt a
                        WHERE a.notification_id = n.id AND a.status = 'failed') AS "failedProviders"`,
      [notificationId, attemptId, this.settings.confirmGraceSeconds],
    )) as [
      Array<
        {
          patientId: string;
          kind: NotificationKind;
          details: Record<string, unknown>;
          language: string;
          /** Why each provider that accepted an earlier attempt later reported it failed. */
          failures: string[];
          failedProviders: string[];
        } & ContactPoints
      >,
      number,
    ];
    const row = claimed[0][0];
    if (!row) return this.notClaimed(notificationId, lastAttempt);
    // The send read the patient's phone and email: audited under this job (system actor).
    recordBackgroundRead(row.patientId, 'Patient');
    const preference =
      (await this.database.dataSource.manager.findOneBy(ContactPreference, { patientId: row.patientId })) ??
      defaultPreference(row.patientId);
    // A provider that reported an earlier attempt failed (after accepting it) is not asked again.
    const routes = usableChannels(preference, row).flatMap((channel) =>
      this.providers[channel]
        .filter((provider) => !row.failedProviders.includes(provider.name))
        .map((provider) => ({ provider, to: addressOn(channel, row) })),
    );
    if (routes.length === 0 && row.failures.length > 0) {
      const reason = `every provider reported a failure: ${row.failures.join('; ')}`;
      await this.finish(notificationId, attemptId, NotificationStatus.DEAD_LETTERED, reason);
      return;
    }
    if (routes.length === 0) {
      await this.finish(notificationId, attemptId, NotificationStatus.SKIPPED, noChannelReason(preference, row));
      return;
    }
    const message = renderNotification(row.kind, row.details, {
      timeZone: preference.timeZone,
      language: row.language,
    });
    const refusals: string[] = [];
    for (const { provider, to } of routes) {
      try {
        const messageId = await provider.send({ notificationId, attemptId, to, ...message });
        await this.recordAttempt(notificationId, attemptId, provider, AttemptStatus.SENT, null);
        await this.markSent(notificationId, attemptId, provider, messageId);
        return;
      } catch (error) {
        if (!(error instanceof AdapterError)) throw error;
        if (isUnconfirmed(error)) {
          await this.recordAttempt(notificationId, attemptId, provider, AttemptStatus.UNCONFIRMED, describe(error));
          await this.markUnconfirmed(notificationId, attemptId, `unconfirmed: ${describe(error)}`, lastAttempt);
          throw new Error(`${provider.name} did not confirm the send; waiting for its callback`);
        }
        await this.recordAttempt(notificationId, attemptId, provider, AttemptStatus.REFUSED, describe(error));
        refusals.push(describe(error));
      }
    }
    const reason = `no provider accepted it: ${refusals.join('; ')}`;
    await this.finish(notificationId, attemptId, lastAttempt ? NotificationStatus.DEAD_LETTERED : null, reason);
    throw new Error(reason);
  }

  private recordAttempt(
    notificationId: string,
    attemptId: string,
    provider: NotificationProvider,
    status: AttemptStatus,
    reason: string | null,
  ): Promise<void> {
    return recordAttempt(this.database.dataSource, {
      attemptId,
      provider: provider.name,
      notificationId,
      channel: provider.channel,
      status,
      reason,
    });
  }

  /** Another send holds the notification (waiting for a callback), or it is done already. */
  private async notClaimed(notificationId: string, lastAttempt: boolean): Promise<void> {
    const current = await this.database.dataSource.manager.findOneBy(Notification, { id: notificationId });
    if (!current || ![NotificationStatus.QUEUED, NotificationStatus.DEAD_LETTERED].includes(current.status)) return;
    if (lastAttempt) {
      await this.database.dataSource.query(
        `UPDATE patients.notification SET status = 'dead-lettered', updated_at = now() WHERE id = $1 AND status = 'queued'`,
        [notificationId],
      );
    }
    throw new Error('an earlier send is waiting for the provider to confirm it');
  }

  private async markSent(notificationId: string, attemptId: string, provider: NotificationProvider, messageId: string) {
    // A callback may have come first (it can outrun the API's answer) and moved the status on: keep it.
    await this.database.dataSource.query(
      `UPDATE patients.notification
          SET status = CASE WHEN status IN ('queued', 'dead-lettered') THEN 'sent' ELSE status END,
              reason = NULL, channel = $3, provider = $4, provider_message_id = $5,
              sent_at = coalesce(sent_at, now()), pending_attempt_id = NULL, pending_since = NULL, updated_at = now()
        WHERE id = $1 AND (pending_attempt_id = $2 OR pending_attempt_id IS NULL)`,
      [notificationId, attemptId, provider.channel, provider.name, messageId],
    );
  }

  private async markUnconfirmed(notificationId: string, attemptId: string, reason: string, lastAttempt: boolean) {
    await this.database.dataSource.query(
      `UPDATE patients.notification
          SET reason = $3, status = CASE WHEN $4 AND status = 'queued' THEN 'dead-lettered' ELSE status END, updated_at = now()
        WHERE id = $1 AND pending_attempt_id = $2`,
      [notificationId, attemptId, reason, lastAttempt],
    );
  }

  /** Ends this attempt: clears it, records why, and sets the status when one is given. */
  private async finish(notificationId: string, attemptId: string, status: NotificationStatus | null, reason: string) {
    await this.database.dataSource.query(
      `UPDATE patients.notification
          SET status = coalesce($3, status), reason = $4, pending_attempt_id = NULL, pending_since = NULL, updated_at = now()
        WHERE id = $1 AND pending_attempt_id = $2`,
      [notificationId, attemptId, status, reason],
    );
  }
}
