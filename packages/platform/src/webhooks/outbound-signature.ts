import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every ClinicFlow webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const OUTBOUND_SIGNATURE_HEADER = 'ClinicFlow-Signature';

/** How far a delivery's signed time may be from the receiver's clock before it is refused as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The signature of one delivery: HMAC-SHA256, keyed with the endpoint's secret, over `<t>.<body>`. */
export function signWebhookPayload(secret: string, body: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

export interface OutboundWebhookRequest {
  /** The `ClinicFlow-Signature` header. */
  header: string | undefined;
  /** The raw body exactly as received: the signature covers its bytes, not a re-serialisation. */
  body: string | Buffer;
  /** Seconds either side of `now` a signature's time may be; default SIGNATURE_TOLERANCE_SECONDS. */
  toleranceSeconds?: number;
  /** The receiver's clock, in Unix seconds; default the current time. */
  now?: number;
}

export type OutboundWebhookVerification =
  | { verified: true; payload: unknown; timestamp: number }
  | { verified: false; reason: 'missing-signature' | 'invalid-signature' | 'stale-timestamp' | 'malformed-payload' };

/**
 * Checks a ClinicFlow webhook delivery the way a receiver should (docs/webhooks.md shows the same
 * steps): parse the header, recompute HMAC-SHA256 over `t.body` with the endpoint's secret, compare
 * in constant time (any `v1` may match), refuse a time outside the tolerance (a replayed delivery),
 * and only then parse the body. Uses node:crypto alone.
 */
export function verifyWebhookSignature(secret: string, request: OutboundWebhookRequest): OutboundWebhookVerification {
  const parts = (request.header ?? '').split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value);
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value!);
  if (timestamps.length !== 1 || signatures.length === 0) return { verified: false, reason: 'missing-signature' };
  const timestamp = Number(timestamps[0]);
  if (!Number.isSafeInteger(timestamp)) return { verified: false, reason: 'missing-signature' };
  const body = request.body.toString();
  const expected = Buffer.from(signWebhookPayload(secret, body, timestamp).slice(`t=${timestamp},v1=`.length), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { verified: false, reason: 'invalid-signature' };
  const now = request.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (request.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) {
    return { verified: false, reason: 'stale-timestamp' };
  }
  try {
    return { verified: true, payload: JSON.parse(body) as unknown, timestamp };
  } catch {
    return { verified: false, reason: 'malformed-payload' };
  }
}
