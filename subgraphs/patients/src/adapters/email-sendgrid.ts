import { type AdapterPolicyOptions, createAdapterPolicy } from '@clinicflow/platform';
import { createSendGridMail } from '@clinicflow/sandbox';
import sendGridMail, { type MailService } from '@sendgrid/mail';
import { NotificationChannel } from '../domain/notification.entity';
import type { NotificationSettings } from './notification-settings';
import type { NotificationProvider } from './notification-provider';

const MailServiceClass = sendGridMail.constructor as new () => MailService;

/**
 * Email through `@sendgrid/mail`, under the resilience policy; never retried by the policy (the v3
 * mail send takes no idempotency key). The notification and attempt ids go as custom args, which
 * SendGrid's Event Webhook hands back with every event.
 */
export function createSendGridEmail(
  settings: NonNullable<NotificationSettings['email']>,
  policy: Omit<AdapterPolicyOptions, 'adapter' | 'idempotent'>,
): NotificationProvider {
  const sdkTimeoutMs = (policy.timeoutMs ?? 10_000) + 5_000;
  let mail: MailService;
  if (settings.apiUrl) {
    mail = createSendGridMail({ apiKey: settings.apiKey, baseUrl: settings.apiUrl, timeoutMs: sdkTimeoutMs });
  } else {
    mail = new MailServiceClass();
    mail.setApiKey(settings.apiKey);
    mail.setTimeout(sdkTimeoutMs);
  }
  const calls = createAdapterPolicy({ ...policy, adapter: 'sendgrid', idempotent: false });
  return {
    name: 'sendgrid',
    channel: NotificationChannel.EMAIL,
    send: async (message) => {
      const [response] = await calls.execute(() =>
        mail.send({
          to: message.to,
          from: settings.from,
          subject: message.subject,
          text: message.text,
          customArgs: { notificationId: message.notificationId, attemptId: message.attemptId },
        }),
      );
      const messageId = response.headers['x-message-id'];
      return typeof messageId === 'string' ? messageId : message.attemptId;
    },
  };
}
