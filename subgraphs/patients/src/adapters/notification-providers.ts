import type { AdapterPolicyOptions } from '@clinicflow/platform';
import { NotificationChannel } from '../domain/notification.entity';
import { createSendGridEmail } from './email-sendgrid';
import type { NotificationProvider } from './notification-provider';
import type { NotificationSettings } from './notification-settings';
import { createTwilioSms } from './sms-twilio';

/** The providers of each channel, in the order they are tried: Twilio, then the fallback SMS provider. */
export type ProvidersByChannel = Record<NotificationChannel, NotificationProvider[]>;

export function createNotificationProviders(settings: NotificationSettings): ProvidersByChannel {
  const policy: Omit<AdapterPolicyOptions, 'adapter' | 'idempotent'> = {
    timeoutMs: settings.policy.timeoutMs,
    breaker: { consecutiveFailures: settings.policy.breakerFailures, halfOpenAfterMs: settings.policy.halfOpenAfterMs },
    concurrency: { limit: settings.policy.concurrency, queue: settings.policy.concurrency * 10 },
  };
  const base = settings.webhookBaseUrl ?? '';
  const sms = [
    ...(settings.sms ? [createTwilioSms('twilio', settings.sms, policy, base)] : []),
    ...(settings.smsFallback ? [createTwilioSms('sms-fallback', settings.smsFallback, policy, base)] : []),
  ];
  const email = settings.email ? [createSendGridEmail(settings.email, policy)] : [];
  return { [NotificationChannel.SMS]: sms, [NotificationChannel.EMAIL]: email };
}
