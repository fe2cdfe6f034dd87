import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Environment } from '@clinicflow/platform';

interface StoredFieldKeys {
  FIELD_ENCRYPTION_KEYS: string;
  BLIND_INDEX_KEY: string;
}

/**
 * Embedded mode's keys for encryption at rest (decision 0017), kept in a file beside the data they
 * open, so values written before a restart still open after it. An environment that sets its own keys
 * keeps them. Development only: production sets both variables from its secret store.
 */
export async function withFieldKeys(environment: Environment, path: string): Promise<Environment> {
  if (environment.FIELD_ENCRYPTION_KEYS || environment.BLIND_INDEX_KEY) return environment;
  let stored: StoredFieldKeys;
  try {
    stored = JSON.parse(await readFile(path, 'utf8')) as StoredFieldKeys;
  } catch {
    stored = {
      FIELD_ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(stored), { mode: 0o600 });
  }
  return { ...environment, ...stored };
}
