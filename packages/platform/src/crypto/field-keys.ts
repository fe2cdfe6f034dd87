import { ConfigError } from '../config/load-config';
import type { Environment } from '../subgraph/subgraph-definition';

/** One AES-256 key and the id its ciphertexts carry, so a rotated-out key still opens old values. */
export interface FieldKey {
  id: string;
  key: Buffer;
}

/** The keys of field encryption at rest (decision 0017), from the environment. */
export interface FieldKeys {
  /** New values are sealed with this one: the first in `FIELD_ENCRYPTION_KEYS`. */
  current: FieldKey;
  byId: ReadonlyMap<string, FieldKey>;
  /** HMAC key for blind indexes; never rotated with the others, since every index would change. */
  blindIndexKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function decodeKey(variable: string, encoded: string): Buffer {
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new ConfigError([`${variable}: each key must be 32 bytes, base64-encoded`]);
  return key;
}

/**
 * `FIELD_ENCRYPTION_KEYS=<id>:<base64 key>[,<id>:<base64 key>...]` (the first seals, all open) and
 * `BLIND_INDEX_KEY=<base64 key>`. Null when neither is set; a ConfigError naming the variable when
 * either is missing or malformed. Values are never echoed.
 */
export function fieldKeysFrom(environment: Environment): FieldKeys | null {
  const keys = environment.FIELD_ENCRYPTION_KEYS?.trim();
  const blind = environment.BLIND_INDEX_KEY?.trim();
  if (!keys && !blind) return null;
  if (!keys) throw new ConfigError(['FIELD_ENCRYPTION_KEYS: is required with BLIND_INDEX_KEY']);
  if (!blind) throw new ConfigError(['BLIND_INDEX_KEY: is required with FIELD_ENCRYPTION_KEYS']);
  const parsed = keys.split(',').map((entry) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon).trim();
    if (colon < 0 || !KEY_ID.test(id)) {
      throw new ConfigError(['FIELD_ENCRYPTION_KEYS: each entry must be <key id>:<base64 key>, ids of 1-32 letters']);
    }
    return { id, key: decodeKey('FIELD_ENCRYPTION_KEYS', entry.slice(colon + 1).trim()) };
  });
  const byId = new Map(parsed.map((key) => [key.id, key]));
  if (byId.size !== parsed.length) throw new ConfigError(['FIELD_ENCRYPTION_KEYS: key ids must be unique']);
  return { current: parsed[0] as FieldKey, byId, blindIndexKey: decodeKey('BLIND_INDEX_KEY', blind) };
}

let installed: FieldKeys | null = null;

/**
 * The process's keys. Column transformers are fixed when an entity class is declared, before any
 * environment is read, so the subgraph bootstrap installs the keys once at start (every subgraph of a
 * process reads the same environment).
 */
export function installFieldKeys(keys: FieldKeys | null): void {
  installed = keys;
}

/** The id new values are sealed under, or null when the process has no keys. */
export const currentFieldKeyId = (): string | null => installed?.current.id ?? null;

export function fieldKeys(): FieldKeys {
  if (!installed) {
    throw new Error('Field encryption keys are not configured: set FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY');
  }
  return installed;
}
