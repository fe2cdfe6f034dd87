import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import { z } from 'zod';
import type { WebhookVerification } from './webhook-verification';

export const SENDGRID_SIGNATURE_HEADER = EventWebhookHeader.SIGNATURE().toLowerCase();
export const SENDGRID_TIMESTAMP_HEADER = EventWebhookHeader.TIMESTAMP().toLowerCase();

export interface SendGridWebhookRequest {
  /** The `X-Twilio-Email-Event-Webhook-Signature` header. */
  signature: string | undefined;
  /** The `X-Twilio-Email-Event-Webhook-Timestamp` header. */
  timestamp: string | undefined;
  /** The raw body exactly as received: the signature covers its bytes, not a re-serialisation. */
  body: string | Buffer;
}

const sendGridEvent = z
  .object({
    email: z.string(),
    event: z.string(),
    timestamp: z.number(),
    sg_event_id: z.string(),
    sg_message_id: z.string().optional(),
  })
  .loose();

/** One event of SendGrid's Event Webhook; custom args sent with the mail come back as extra fields. */
export type SendGridEvent = z.infer<typeof sendGridEvent>;

const eventBatch = z.array(sendGridEvent);
const eventWebhook = new EventWebhook();

/**
 * Checks a SendGrid Event Webhook batch with SendGrid's own `@sendgrid/eventwebhook`: an ECDSA P-256
 * signature over the timestamp followed by the body, against the public key SendGrid shows for the
 * account (base64 DER). Replays are not refused here: events carry `sg_event_id` to deduplicate on.
 */
export function verifySendGridSignature(
  publicKey: string,
  request: SendGridWebhookRequest,
): WebhookVerification<SendGridEvent[]> {
  if (!request.signature || !request.timestamp) return { verified: false, reason: 'missing-signature' };
  let verified: boolean;
  try {
    verified = eventWebhook.verifySignature(
      eventWebhook.convertPublicKeyToECDSA(publicKey),
      request.body,
      request.signature,
      request.timestamp,
    );
  } catch {
    // The library throws on a signature that is not base64 DER at all: that is a bad signature too.
    verified = false;
  }
  if (!verified) return { verified: false, reason: 'invalid-signature' };
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString());
  } catch {
    return { verified: false, reason: 'malformed-payload' };
  }
  const events = eventBatch.safeParse(json);
  return events.success ? { verified: true, payload: events.data } : { verified: false, reason: 'malformed-payload' };
}
