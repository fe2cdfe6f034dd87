import type { Environment } from '@clinicflow/platform';
import {
  type SendGridSandbox,
  startSendGridSandbox,
  startTwilioSandbox,
  type TwilioSandbox,
} from '@clinicflow/sandbox';

/** The sandboxes' sending numbers and address (fictional: 555-01xx numbers are reserved for examples). */
const SANDBOX_SMS_FROM = '+15555550100';
const SANDBOX_FALLBACK_SMS_FROM = '+15555550199';
const SANDBOX_EMAIL_FROM = 'clinic@clinicflow.localhost';

/** Where each provider posts to the patients subgraph (see subgraphs/patients/src/adapters/notification-provider.ts). */
const hook = (base: string, provider: string, kind: string) => `${base}/webhooks/notifications/${provider}/${kind}`;

export interface NotificationSandboxes {
  /** The patients subgraph's settings for the providers started here (nothing for those the environment names). */
  environment: Environment;
  twilio: TwilioSandbox | null;
  fallback: TwilioSandbox | null;
  sendgrid: SendGridSandbox | null;
  stop(): Promise<void>;
}

/**
 * Embedded mode's SMS and email providers: a Twilio sandbox, a second one as the fallback SMS
 * provider, and a SendGrid sandbox, all on 127.0.0.1, posting their signed callbacks to the patients
 * subgraph at `patientsBaseUrl`. A provider whose credentials the environment already holds (a real
 * account) is left alone.
 */
export async function startNotificationSandboxes(
  patientsBaseUrl: string,
  environment: Environment,
): Promise<NotificationSandboxes> {
  const twilio = environment.TWILIO_ACCOUNT_SID
    ? null
    : await startTwilioSandbox({ inboundSmsUrl: hook(patientsBaseUrl, 'twilio', 'inbound') });
  const fallback =
    environment.SMS_FALLBACK_ACCOUNT_SID || environment.TWILIO_ACCOUNT_SID
      ? null
      : await startTwilioSandbox({ inboundSmsUrl: hook(patientsBaseUrl, 'sms-fallback', 'inbound') });
  const sendgrid = environment.SENDGRID_API_KEY
    ? null
    : await startSendGridSandbox({ eventWebhookUrl: hook(patientsBaseUrl, 'sendgrid', 'events') });
  return {
    environment: {
      NOTIFICATIONS_WEBHOOK_BASE_URL: environment.NOTIFICATIONS_WEBHOOK_BASE_URL ?? patientsBaseUrl,
      ...(twilio
        ? {
            TWILIO_ACCOUNT_SID: twilio.accountSid,
            TWILIO_AUTH_TOKEN: twilio.authToken,
            TWILIO_FROM_NUMBER: SANDBOX_SMS_FROM,
            TWILIO_API_URL: twilio.url,
          }
        : {}),
      ...(fallback
        ? {
            SMS_FALLBACK_ACCOUNT_SID: fallback.accountSid,
            SMS_FALLBACK_AUTH_TOKEN: fallback.authToken,
            SMS_FALLBACK_FROM_NUMBER: SANDBOX_FALLBACK_SMS_FROM,
            SMS_FALLBACK_API_URL: fallback.url,
          }
        : {}),
      ...(sendgrid
        ? {
            SENDGRID_API_KEY: sendgrid.apiKey,
            SENDGRID_FROM_EMAIL: SANDBOX_EMAIL_FROM,
            SENDGRID_API_URL: sendgrid.url,
            SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
          }
        : {}),
    },
    twilio,
    fallback,
    sendgrid,
    stop: async () => {
      await Promise.all([twilio?.close(), fallback?.close(), sendgrid?.close()]);
    },
  };
}
