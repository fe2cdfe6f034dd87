import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Environment } from '@clinicflow/platform';

/**
 * Embedded mode's outbound webhook settings: WEBHOOK_SECRET_KEY kept in a file beside the data it
 * seals endpoint secrets in (so registered endpoints still sign after a restart), and receivers on
 * http://127.0.0.1 allowed. An environment that sets either keeps its own. Development only:
 * production sets WEBHOOK_SECRET_KEY from its secret store and never allows local receivers.
 */
export async function withWebhookSettings(environment: Environment, keyPath: string): Promise<Environment> {
  let key = environment.WEBHOOK_SECRET_KEY;
  if (!key) {
    try {
      key = (await readFile(keyPath, 'utf8')).trim();
    } catch {
      key = randomBytes(32).toString('hex');
      await mkdir(dirname(keyPath), { recursive: true });
      await writeFile(keyPath, key, { mode: 0o600 });
    }
  }
  return { WEBHOOK_ALLOW_LOCAL_HTTP: 'true', ...environment, WEBHOOK_SECRET_KEY: key };
}
