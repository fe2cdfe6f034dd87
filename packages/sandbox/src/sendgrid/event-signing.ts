import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** The Event Webhook's signing key pair, as SendGrid keeps one per account. */
export interface EventSigningKey {
  privateKey: KeyObject;
  /** The verification key as SendGrid's settings page shows it: base64 of the DER public key. */
  publicKey: string;
}

export function createEventSigningKey(): EventSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

/**
 * SendGrid's Event Webhook signature: ECDSA over P-256 with SHA-256, of the timestamp header's value
 * followed by the exact body bytes, DER-encoded and then base64.
 */
export function signEventPayload(key: EventSigningKey, timestamp: string, payload: string): string {
  return sign('sha256', Buffer.from(timestamp + payload, 'utf8'), key.privateKey).toString('base64');
}
