import { type AdapterPolicyOptions, createAdapterPolicy } from '@clinicflow/platform';
import { createTwilioClient } from '@clinicflow/sandbox';
import twilio from 'twilio';
import { NotificationChannel } from '../domain/notification.entity';
import type { TwilioAccount } from './notification-settings';
import { type NotificationProvider, webhookPath } from './notification-provider';

/**
 * SMS through the `twilio` SDK, under the resilience policy. A send is not idempotent (Twilio's
 * Messages API takes no idempotency key), so the policy never retries it: a send that failed is
 * retried by the notification's consumer, which knows whether the last one may have gone out.
 */
export function createTwilioSms(
  name: string,
  account: TwilioAccount,
  policy: Omit<AdapterPolicyOptions, 'adapter' | 'idempotent'>,
  webhookBaseUrl: string,
): NotificationProvider {
  // The SDK's own timeout sits above the policy's, so the policy decides.
  const sdkTimeoutMs = (policy.timeoutMs ?? 10_000) + 5_000;
  const client = account.apiUrl
    ? createTwilioClient({ ...account, baseUrl: account.apiUrl, timeoutMs: sdkTimeoutMs })
    : twilio(account.accountSid, account.authToken, { timeout: sdkTimeoutMs, autoRetry: false });
  const calls = createAdapterPolicy({ ...policy, adapter: name, idempotent: false });
  return {
    name,
    channel: NotificationChannel.SMS,
    send: async (message) => {
      const callback = new URL(`${webhookBaseUrl}${webhookPath(name, 'status')}`);
      callback.searchParams.set('notification', message.notificationId);
      callback.searchParams.set('attempt', message.attemptId);
      const sent = await calls.execute(() =>
        client.messages.create({
          to: message.to,
          from: account.from,
          body: message.text,
          statusCallback: callback.toString(),
        }),
      );
      return sent.sid;
    },
  };
}
