import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature as Twilio computes it: HMAC-SHA1 keyed with the account's auth token over the
 * full URL followed by each POST parameter's name and value, sorted by name, in base64. Written here
 * from Twilio's description, not borrowed from its SDK, so tests that verify with the SDK check both.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const signed = Object.keys(params)
    .sort()
    .reduce((data, name) => data + name + params[name], url);
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}
