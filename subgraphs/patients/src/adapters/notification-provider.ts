import type { NotificationChannel } from '../domain/notification.entity';

/** One message to one patient, as a provider is asked to send it. */
export interface OutboundMessage {
  notificationId: string;
  /** This send's id: the provider's callbacks carry it back, so an unanswered send can be confirmed later. */
  attemptId: string;
  /** Phone number (E.164) or email address. */
  to: string;
  subject: string;
  text: string;
}

/**
 * A provider on one channel (Twilio for SMS, SendGrid for email). `send` resolves with the provider's
 * message id once the provider accepted the message, or rejects with an `AdapterError`.
 */
export interface NotificationProvider {
  readonly name: string;
  readonly channel: NotificationChannel;
  send(message: OutboundMessage): Promise<string>;
}

/** The path of a provider's webhooks on the patients subgraph, below `NOTIFICATIONS_WEBHOOK_BASE_URL`. */
export const webhookPath = (provider: string, hook: 'status' | 'inbound' | 'events') =>
  `/webhooks/notifications/${provider}/${hook}`;
