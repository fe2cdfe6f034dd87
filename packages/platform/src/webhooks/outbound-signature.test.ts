import { createHmac } from 'node:crypto';
import { signWebhookPayload, verifyWebhookSignature } from './outbound-signature';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ id: 'evt-1', type: 'token.called', data: { token: 'A-007' } });
const t = 1_764_200_000;

describe('outbound webhook signatures', () => {
  it('signs HMAC-SHA256 of "t.body" as t=<unix>,v1=<hex>, which the verify function accepts', () => {
    const header = signWebhookPayload(secret, body, t);
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
    expect(verifyWebhookSignature(secret, { header, body: Buffer.from(body), now: t + 10 })).toEqual({
      verified: true,
      payload: JSON.parse(body),
      timestamp: t,
    });
  });

  it('refuses a tampered body, another secret, and a signature moved to another time', () => {
    const header = signWebhookPayload(secret, body, t);
    const tampered = body.replace('A-007', 'A-008');
    expect(verifyWebhookSignature(secret, { header, body: tampered, now: t })).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
    expect(verifyWebhookSignature('whsec_other', { header, body, now: t }).verified).toBe(false);
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature(secret, { header: moved, body, now: t })).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
  });

  it('accepts any of several v1 signatures (a secret being rotated) and refuses a missing or garbled header', () => {
    const header = `${signWebhookPayload(secret, body, t)},v1=${'0'.repeat(64)}`;
    expect(verifyWebhookSignature(secret, { header, body, now: t }).verified).toBe(true);
    for (const bad of [undefined, '', `t=${t}`, 'v1=abc', `t=soon,v1=${'0'.repeat(64)}`]) {
      expect(verifyWebhookSignature(secret, { header: bad, body, now: t })).toEqual({
        verified: false,
        reason: 'missing-signature',
      });
    }
  });

  it('refuses a correctly signed delivery outside the tolerance, as a replay', () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, { header, body, now: t + 301 })).toEqual({
      verified: false,
      reason: 'stale-timestamp',
    });
    expect(verifyWebhookSignature(secret, { header, body, now: t - 301 }).verified).toBe(false);
    expect(verifyWebhookSignature(secret, { header, body, now: t + 3600, toleranceSeconds: 3600 }).verified).toBe(true);
  });

  it('refuses a signed body that is not JSON', () => {
    expect(
      verifyWebhookSignature(secret, { header: signWebhookPayload(secret, 'not json', t), body: 'not json', now: t }),
    ).toEqual({ verified: false, reason: 'malformed-payload' });
  });
});
