import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CredentialKind } from './credential-kind';

/**
 * The secrets of app credentials. Each is 256 random bits, so a single SHA-256 is enough to keep it
 * at rest: a slow hash (scrypt, argon2) protects guessable passwords, and nobody guesses 2^256
 * (decision 0016). The public part names the credential, so a lookup needs no scan.
 */
const PREFIX: Record<CredentialKind, string> = {
  [CredentialKind.CLIENT_CREDENTIALS]: 'cfc_',
  [CredentialKind.API_KEY]: 'cfk_',
};

/** A new public identifier: the OAuth client_id, or the first part of an API key. */
export const newClientId = (kind: CredentialKind): string => `${PREFIX[kind]}${randomBytes(12).toString('hex')}`;

export const newSecret = (): string => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Compares in constant time: how long it takes says nothing of how much of the secret was right. */
export const secretMatches = (secret: string, hash: Buffer): boolean => {
  const candidate = hashSecret(secret);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
};

/** An API key as its holder sends it: `cfk_<24 hex>.<secret>`. */
export const apiKeyOf = (clientId: string, secret: string): string => `${clientId}.${secret}`;

/** Splits an API key into its public and secret parts; null when it has not the shape of one. */
export function parseApiKey(key: string): { clientId: string; secret: string } | null {
  const match = /^(cfk_[0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/.exec(key);
  return match ? { clientId: match[1] as string, secret: match[2] as string } : null;
}
