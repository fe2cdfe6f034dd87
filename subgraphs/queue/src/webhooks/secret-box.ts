import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * Seals endpoint signing secrets at rest with AES-256-GCM under WEBHOOK_SECRET_KEY. Signing needs
 * the secret itself, so it cannot be hashed; a copy of the database without the key reveals none.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to the endpoint's id as associated
 * data, so a sealed secret copied onto another endpoint does not open.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('A webhook secret key has 32 bytes');
  }

  seal(secret: string, endpointId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv).setAAD(Buffer.from(endpointId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'))].join('.');
  }

  open(sealed: string, endpointId: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !data) {
      throw new Error('The sealed webhook secret is not in a known form');
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(endpointId))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A new signing secret: 32 random bytes, with a prefix that tells what it is. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
