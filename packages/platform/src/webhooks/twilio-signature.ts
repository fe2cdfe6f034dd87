// The webhooks module alone: the SDK's root loads every REST resource, which verifying needs none of.
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { WebhookVerification } from './webhook-verification';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

export interface TwilioWebhookRequest {
  /** The full URL Twilio was told to call (StatusCallback, the number's SMS URL), query string included. */
  url: string;
  /** The `X-Twilio-Signature` header. */
  signature: string | undefined;
  /** The raw `application/x-www-form-urlencoded` body. */
  body: string;
}

/**
 * Checks a Twilio webhook (a status callback, an inbound SMS) with Twilio's own `validateRequest`:
 * HMAC-SHA1 with the account's auth token over the URL and the sorted form parameters.
 */
export function verifyTwilioSignature(
  authToken: string,
  request: TwilioWebhookRequest,
): WebhookVerification<URLSearchParams> {
  if (!request.signature) return { verified: false, reason: 'missing-signature' };
  const form = new URLSearchParams(request.body);
  // Twilio signs every value of a repeated parameter, so repeated names stay lists here; copied into
  // a fresh array because the SDK tests `instanceof Array`, which an array from another realm fails.
  const params: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name);
    params[name] = values.length === 1 ? (values[0] as string) : [...values];
  }
  return validateRequest(authToken, request.signature, request.url, params)
    ? { verified: true, payload: form }
    : { verified: false, reason: 'invalid-signature' };
}
