import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ValueTransformer } from 'typeorm';
import { fieldKeys } from './field-keys';

const VERSION = 'v1';

/**
 * Seals a value with AES-256-GCM under the current key: `v1.<key id>.<iv>.<ciphertext>.<tag>`
 * (base64url). `context` (the table and column) is authenticated with it, so a value copied into
 * another column does not open there.
 */
export function sealField(plaintext: string, context: string): string {
  const { current } = fieldKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, current.id, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens a sealed value with the key its id names; throws when it was altered or the key is unknown. */
export function openField(sealed: string, context: string): string {
  const [version, keyId, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !keyId || !iv || ciphertext === undefined || !tag) {
    throw new Error(`An encrypted column (${context}) holds a value that is not sealed`);
  }
  const key = fieldKeys().byId.get(keyId);
  if (!key) throw new Error(`An encrypted column (${context}) holds a value sealed with key ${keyId}, not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A TypeORM column transformer: the entity holds the plaintext, the column only the sealed value.
 * `@Column({ type: 'text', transformer: encryptedColumn('billing.coverage.member_id') })`.
 */
export function encryptedColumn(context: string): ValueTransformer {
  return {
    to: (value: string | null | undefined) =>
      value === null || value === undefined ? value : sealField(value, context),
    from: (value: string | null) => (value === null ? null : openField(value, context)),
  };
}
