import { randomBytes } from 'node:crypto';

export type TwilioMessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';

/** How the sandbox ends a message to a number instead of delivering it. */
export interface DeliveryFailure {
  status: 'failed' | 'undelivered';
  /** Twilio's error code, such as 30003 (unreachable handset) or 30007 (carrier filtering). */
  errorCode: number;
}

/** A message the sandbox holds, as Twilio's Message resource describes one. */
export interface SandboxMessage {
  sid: string;
  accountSid: string;
  direction: 'outbound-api' | 'inbound';
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  status: TwilioMessageStatus;
  errorCode: number | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export const API_VERSION = '2010-04-01';

/** Twilio SIDs: two letters for the kind of resource, then 32 hex digits. */
export const newSid = (prefix: 'AC' | 'SM' | 'MG') => `${prefix}${randomBytes(16).toString('hex')}`;

/** Twilio writes dates in RFC 2822 with a numeric zone. */
const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');

/** GSM-7 messages are split into 153-character segments once they exceed 160. */
const segments = (body: string) => (body.length <= 160 ? 1 : Math.ceil(body.length / 153));

export const messageUri = (message: SandboxMessage) =>
  `/${API_VERSION}/Accounts/${message.accountSid}/Messages/${message.sid}.json`;

/** The Message resource's JSON, field for field as Twilio's API returns it. */
export function messageResource(message: SandboxMessage): Record<string, unknown> {
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: message.dateSent ? rfc2822(message.dateSent) : null,
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: null,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: '0',
    num_segments: String(segments(message.body)),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: messageUri(message).replace(/\.json$/, '/Media.json') },
    to: message.to,
    uri: messageUri(message),
  };
}

/** The form parameters of a status callback for the message's current status. */
export function statusCallbackParams(message: SandboxMessage): Record<string, string> {
  return {
    AccountSid: message.accountSid,
    ApiVersion: API_VERSION,
    From: message.from ?? '',
    MessageSid: message.sid,
    MessageStatus: message.status,
    SmsSid: message.sid,
    SmsStatus: message.status,
    To: message.to,
    ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
    ...(message.errorCode !== null ? { ErrorCode: String(message.errorCode) } : {}),
  };
}

/** The form parameters Twilio posts to a number's webhook when an SMS comes in. */
export function inboundSmsParams(message: SandboxMessage): Record<string, string> {
  return {
    AccountSid: message.accountSid,
    ApiVersion: API_VERSION,
    Body: message.body,
    From: message.from ?? '',
    MessageSid: message.sid,
    NumMedia: '0',
    NumSegments: String(segments(message.body)),
    SmsMessageSid: message.sid,
    SmsSid: message.sid,
    SmsStatus: message.status,
    To: message.to,
  };
}
