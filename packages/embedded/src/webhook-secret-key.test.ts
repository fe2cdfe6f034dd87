import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withWebhookSettings } from './webhook-secret-key';

describe('withWebhookSettings', () => {
  it('keeps one key in the file across restarts and allows local receivers', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'webhook-key-')), 'nested', 'webhook-secret-key');
    const first = await withWebhookSettings({}, path);
    expect(first.WEBHOOK_SECRET_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(first.WEBHOOK_ALLOW_LOCAL_HTTP).toBe('true');
    expect((await withWebhookSettings({}, path)).WEBHOOK_SECRET_KEY).toBe(first.WEBHOOK_SECRET_KEY);
  });

  it("leaves the environment's own key and setting as they are", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'webhook-key-')), 'webhook-secret-key');
    const own = { WEBHOOK_SECRET_KEY: 'ab'.repeat(32), WEBHOOK_ALLOW_LOCAL_HTTP: 'false' };
    expect(await withWebhookSettings(own, path)).toEqual(own);
  });
});
