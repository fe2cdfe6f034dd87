import {
  asSystemActor,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  type SendGridEvent,
  type SubgraphResources,
  TWILIO_SIGNATURE_HEADER,
  verifySendGridSignature,
  verifyTwilioSignature,
} from '@clinicflow/platform';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';
import { webhookPath } from '../adapters/notification-provider';
import { loadNotificationSettings, type NotificationSettings } from '../adapters/notification-settings';
import { ContactPreferenceService } from '../domain/contact-preference.service';
import { NotificationReports, type ProviderReport } from '../domain/notification-reports';
import { NotificationChannel } from '../domain/notification.entity';
import { smsKeywordOf } from '../domain/sms-keywords';

const HELP_REPLY =
  'ClinicFlow appointment and queue messages. Reply STOP to opt out, START to opt back in. For help, call the clinic.';

/** Twilio's message statuses, as our delivery outcomes; statuses not listed (receiving, scheduled…) change nothing. */
const TWILIO_OUTCOMES: Record<string, ProviderReport['outcome']> = {
  accepted: 'accepted',
  queued: 'accepted',
  sending: 'accepted',
  sent: 'accepted',
  delivered: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
};

/** SendGrid's delivery events, as our outcomes; engagement events (open, click) change nothing. */
const SENDGRID_OUTCOMES: Record<string, ProviderReport['outcome']> = {
  processed: 'accepted',
  delivered: 'delivered',
  bounce: 'failed',
  dropped: 'failed',
};

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** The form body as received: the signature covers exactly these bytes. */
const formBody = express.text({ type: 'application/x-www-form-urlencoded', limit: '64kb' });
const jsonBody = express.raw({ type: 'application/json', limit: '1mb' });

/**
 * The vendors' webhooks for notifications, served beside `/graphql` (not behind the gateway): Twilio
 * status callbacks and inbound SMS for each SMS provider, SendGrid's Event Webhook. Each request is
 * verified with the vendor's own library before anything in it is read, and each event is applied
 * once: its id is stored in the same transaction as its effect, so a replay changes nothing.
 */
export function notificationWebhookRoutes(resources: SubgraphResources): Router {
  const router = Router();
  const settings = loadNotificationSettings(resources.environment);
  const logger = resources.logger.child({ component: 'notification-webhooks' });
  const reports = new NotificationReports(resources.database, resources.jobs);
  const preferences = new ContactPreferenceService(resources.database);
  const base = settings.webhookBaseUrl;
  if (!base) return router;

  const smsAccounts: [string, NonNullable<NotificationSettings['sms']>][] = [];
  if (settings.sms) smsAccounts.push(['twilio', settings.sms]);
  if (settings.smsFallback) smsAccounts.push(['sms-fallback', settings.smsFallback]);

  for (const [provider, account] of smsAccounts) {
    const verified = (req: Request, res: Response): URLSearchParams | null => {
      const verification = verifyTwilioSignature(account.authToken, {
        url: `${base}${req.originalUrl}`,
        signature: req.header(TWILIO_SIGNATURE_HEADER),
        body: typeof req.body === 'string' ? req.body : '',
      });
      if (verification.verified) return verification.payload;
      logger.warn({ provider, reason: verification.reason }, 'refused an unverified webhook');
      refuse(res, 403, 'FORBIDDEN', 'The request is not signed by the provider');
      return null;
    };

    router.post(webhookPath(provider, 'status'), formBody, async (req, res, next) => {
      const params = verified(req, res);
      if (!params) return;
      try {
        const status = params.get('MessageStatus') ?? '';
        const messageSid = params.get('MessageSid') ?? '';
        const outcome = TWILIO_OUTCOMES[status];
        const notificationId = typeof req.query.notification === 'string' ? req.query.notification : '';
        if (outcome && messageSid) {
          const errorCode = params.get('ErrorCode');
          await reports.apply([
            {
              eventId: `${messageSid}:${status}`,
              provider,
              channel: NotificationChannel.SMS,
              notificationId,
              attemptId: typeof req.query.attempt === 'string' ? req.query.attempt : null,
              messageId: messageSid,
              outcome,
              ...(outcome === 'failed'
                ? { failure: `${provider} reported ${status}${errorCode ? ` (error ${errorCode})` : ''}` }
                : {}),
            },
          ]);
        }
        res.status(204).end();
      } catch (error) {
        next(error);
      }
    });

    router.post(webhookPath(provider, 'inbound'), formBody, async (req, res, next) => {
      const params = verified(req, res);
      if (!params) return;
      try {
        const keyword = smsKeywordOf(params.get('Body') ?? '');
        const reply = new MessagingResponse();
        const messageSid = params.get('MessageSid') ?? '';
        const from = params.get('From') ?? '';
        if ((keyword === 'opt-out' || keyword === 'opt-in') && messageSid && from) {
          // Twilio answers its own opt-out and opt-in keywords; ClinicFlow records the consent.
          // Audited as a system actor: the change is the patient's, received by SMS, not a caller's.
          const changed = await asSystemActor(resources.jobs, 'patients.sms-keyword', () =>
            preferences.applySmsKeyword(provider, messageSid, from, keyword === 'opt-out'),
          );
          logger.info({ provider, keyword, patients: changed }, 'sms consent keyword applied');
        } else if (keyword === 'help') {
          reply.message(HELP_REPLY);
        }
        res.type('text/xml').send(reply.toString());
      } catch (error) {
        next(error);
      }
    });
  }

  const email = settings.email;
  if (email?.webhookPublicKey) {
    const publicKey = email.webhookPublicKey;
    router.post(webhookPath('sendgrid', 'events'), jsonBody, async (req, res, next) => {
      const verification = verifySendGridSignature(publicKey, {
        signature: req.header(SENDGRID_SIGNATURE_HEADER),
        timestamp: req.header(SENDGRID_TIMESTAMP_HEADER),
        body: Buffer.isBuffer(req.body) ? req.body : '',
      });
      if (!verification.verified) {
        logger.warn({ provider: 'sendgrid', reason: verification.reason }, 'refused an unverified webhook');
        refuse(res, 403, 'FORBIDDEN', 'The request is not signed by the provider');
        return;
      }
      try {
        await reports.apply(verification.payload.flatMap((event) => sendGridReport(event)));
        res.status(204).end();
      } catch (error) {
        next(error);
      }
    });
  }
  // Errors answer with a code and no stack. A 5xx makes the vendor retry, and the retry finds the
  // event unapplied (its id commits with its effect).
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if ((error as { type?: string }).type === 'entity.too.large') {
      refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'The webhook body is too large');
      return;
    }
    logger.error({ err: error }, 'a notification webhook could not be applied');
    refuse(res, 503, 'SERVICE_UNAVAILABLE', 'The webhook could not be applied; send it again later');
  });
  return router;
}

function sendGridReport(event: SendGridEvent): ProviderReport[] {
  const outcome = SENDGRID_OUTCOMES[event.event];
  const notificationId = event.notificationId;
  if (!outcome || typeof notificationId !== 'string') return [];
  const attemptId = typeof event.attemptId === 'string' ? event.attemptId : null;
  return [
    {
      eventId: event.sg_event_id,
      provider: 'sendgrid',
      channel: NotificationChannel.EMAIL,
      notificationId,
      attemptId,
      messageId: (event.sg_message_id ?? '').split('.')[0] ?? '',
      outcome,
      ...(outcome === 'failed' ? { failure: `sendgrid reported ${event.event}` } : {}),
    },
  ];
}
