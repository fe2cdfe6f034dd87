import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { AdapterError } from '../errors/app-error';
import { adapterBreakerState, adapterCallDuration, adapterCalls, adapterRetries } from '../metrics/adapter-metrics';
import { type AdapterCallContext, createAdapterPolicy } from './adapter-policy';

/** What the fake vendor does on one call. */
type Answer = 'ok' | 'unavailable' | 'rate-limited' | 'invalid-to' | 'refused' | 'hang' | 'bug';

/** Shaped like Twilio's RestException: an HTTP status, the vendor's own code, a message quoting the input. */
class FakeVendorError extends Error {
  constructor(
    readonly status: number,
    readonly code?: number,
  ) {
    super(`The 'To' number +15550100 is not a valid phone number (HTTP ${status})`);
  }
}

/** A vendor that answers each call from a script, then 'ok'; it records every attempt it saw. */
function fakeVendor(...script: Answer[]) {
  const seen: AdapterCallContext[] = [];
  const call = async (context: AdapterCallContext): Promise<string> => {
    seen.push(context);
    const answer = script.shift() ?? 'ok';
    switch (answer) {
      case 'ok':
        return `sent on attempt ${context.attempt}`;
      case 'unavailable':
        throw new FakeVendorError(503);
      case 'rate-limited':
        throw new FakeVendorError(429, 20429);
      case 'invalid-to':
        throw new FakeVendorError(400, 21211);
      case 'refused':
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      case 'hang':
        return new Promise<string>(() => {});
      case 'bug':
        throw new TypeError('Cannot read properties of undefined');
    }
  };
  return { call, seen };
}

async function metricValue(
  metric: { get(): Promise<{ values: { labels: Record<string, string | number | undefined>; value: number }[] }> },
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected))
    .reduce((sum, value) => sum + value.value, 0);
}

/** Each test gets its own adapter label, so metrics of one never leak into another's assertions. */
const adapterName = () => `fake-${randomUUID().slice(0, 8)}`;
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 2 } };

async function failureOf(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AdapterError)) throw error;
  return error;
}

describe('createAdapterPolicy', () => {
  it('passes a result through and counts the call and its duration', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({ adapter });
    const vendor = fakeVendor('ok');
    await expect(policy.execute(vendor.call)).resolves.toBe('sent on attempt 1');
    expect(await metricValue(adapterCalls, { adapter, outcome: 'success' })).toBe(1);
    expect(await metricValue(adapterCallDuration, { adapter })).toBeGreaterThan(0);
    expect(await metricValue(adapterBreakerState, { adapter })).toBe(0);
  });

  it('retries transient failures of an idempotent call with backoff, then succeeds', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({ adapter, idempotent: true, retries: 3, ...fast });
    const vendor = fakeVendor('unavailable', 'rate-limited', 'refused');
    await expect(policy.execute(vendor.call)).resolves.toBe('sent on attempt 4');
    expect(vendor.seen.map((context) => context.attempt)).toEqual([1, 2, 3, 4]);
    expect(await metricValue(adapterRetries, { adapter })).toBe(3);
    expect(await metricValue(adapterCalls, { adapter, outcome: 'success' })).toBe(1);
  });

  it('does not retry a call that is not idempotent, unless it brings an idempotency key', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({ adapter, retries: 2, ...fast });

    const once = fakeVendor('unavailable', 'ok');
    const failure = await failureOf(policy.execute(once.call));
    expect(once.seen).toHaveLength(1);
    expect(failure).toMatchObject({
      reason: 'vendor-error',
      retriable: true,
      vendorStatus: 503,
      code: 'SERVICE_UNAVAILABLE',
    });

    const keyed = fakeVendor('unavailable', 'ok');
    await expect(policy.execute(keyed.call, { idempotencyKey: 'notification-42' })).resolves.toBe('sent on attempt 2');
    expect(keyed.seen.map((context) => context.idempotencyKey)).toEqual(['notification-42', 'notification-42']);
  });

  it('never retries a 4xx, and keeps the vendor code but not the vendor message', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({ adapter, idempotent: true, ...fast });
    const vendor = fakeVendor('invalid-to', 'ok');
    const failure = await failureOf(policy.execute(vendor.call));
    expect(vendor.seen).toHaveLength(1);
    expect(failure).toMatchObject({
      adapter,
      reason: 'vendor-error',
      retriable: false,
      vendorStatus: 400,
      vendorCode: 21211,
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(failure.message).not.toContain('+15550100');
    expect(await metricValue(adapterCalls, { adapter, outcome: 'vendor-error' })).toBe(1);
  });

  it('gives up on an attempt that does not answer in time, and retries it when that is safe', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({
      adapter,
      timeoutMs: 20,
      idempotent: true,
      retries: 1,
      breaker: { consecutiveFailures: 2 },
      ...fast,
    });
    const vendor = fakeVendor('hang', 'hang');
    const started = Date.now();
    const failure = await failureOf(policy.execute(vendor.call));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(vendor.seen).toHaveLength(2);
    expect(vendor.seen[0]?.signal.aborted).toBe(true);
    expect(failure).toMatchObject({ reason: 'timeout', retriable: true, code: 'SERVICE_UNAVAILABLE' });
    expect(failure.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', adapter, reason: 'timeout' });
    expect(await metricValue(adapterCalls, { adapter, outcome: 'timeout' })).toBe(1);
    // A vendor that stops answering is as down as one that answers 503.
    expect(policy.breakerState()).toBe('open');
  });

  describe('circuit breaker', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('opens after consecutive transient failures, fails fast, then half-opens after the delay', async () => {
      const adapter = adapterName();
      const policy = createAdapterPolicy({ adapter, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 30_000 } });
      const down = fakeVendor('unavailable', 'refused', 'unavailable');
      for (let call = 0; call < 3; call += 1) await failureOf(policy.execute(down.call));
      expect(policy.breakerState()).toBe('open');
      expect(await metricValue(adapterBreakerState, { adapter })).toBe(2);

      const untouched = fakeVendor('ok');
      const fastFailure = await failureOf(policy.execute(untouched.call));
      expect(untouched.seen).toHaveLength(0);
      expect(fastFailure).toMatchObject({ reason: 'breaker-open', retriable: true, code: 'SERVICE_UNAVAILABLE' });

      jest.advanceTimersByTime(30_001);
      const stillDown = fakeVendor('unavailable');
      await failureOf(policy.execute(stillDown.call));
      expect(stillDown.seen).toHaveLength(1);
      expect(policy.breakerState()).toBe('open');

      jest.advanceTimersByTime(30_001);
      await expect(policy.execute(fakeVendor('ok').call)).resolves.toBe('sent on attempt 1');
      expect(policy.breakerState()).toBe('closed');
      expect(await metricValue(adapterBreakerState, { adapter })).toBe(0);
      expect(await metricValue(adapterCalls, { adapter, outcome: 'breaker-open' })).toBe(1);
    });

    it('is not opened by requests the vendor refused as invalid', async () => {
      const policy = createAdapterPolicy({ adapter: adapterName(), breaker: { consecutiveFailures: 2 } });
      const vendor = fakeVendor('invalid-to', 'invalid-to', 'invalid-to');
      for (let call = 0; call < 3; call += 1) await failureOf(policy.execute(vendor.call));
      expect(policy.breakerState()).toBe('closed');
    });

    it('ends the retries of a call when the breaker opens under it', async () => {
      const adapter = adapterName();
      const policy = createAdapterPolicy({
        adapter,
        idempotent: true,
        retries: 5,
        backoff: { initialDelayMs: 0, maxDelayMs: 0 },
        breaker: { consecutiveFailures: 2 },
      });
      const vendor = fakeVendor('unavailable', 'unavailable', 'unavailable');
      const pending = failureOf(policy.execute(vendor.call));
      await jest.advanceTimersByTimeAsync(10);
      expect((await pending).reason).toBe('breaker-open');
      expect(vendor.seen).toHaveLength(2);
    });
  });

  it('refuses calls beyond the concurrency limit and its queue at once', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({ adapter, concurrency: { limit: 1, queue: 1 } });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      await held;
      return 'done';
    };
    const inFlight = policy.execute(slow);
    const queued = policy.execute(slow);
    const refused = await failureOf(policy.execute(slow));
    expect(refused).toMatchObject({ reason: 'rejected', retriable: true, code: 'SERVICE_UNAVAILABLE' });
    release();
    await expect(Promise.all([inFlight, queued])).resolves.toEqual(['done', 'done']);
    expect(await metricValue(adapterCalls, { adapter, outcome: 'rejected' })).toBe(1);
  });

  it('gives every call an abort signal of its own, so calls at once pile no listeners on a shared one', async () => {
    // cockatiel's default parent signal, shared by every call made without one: Node warns of a leak past ten listeners.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { neverAbortedSignal } = require('cockatiel/dist/common/abort') as { neverAbortedSignal: AbortSignal };
    const policy = createAdapterPolicy({ adapter: adapterName(), concurrency: { limit: 32, queue: 0 } });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let mostListeners = 0;
    const calls = Array.from({ length: 20 }, () =>
      policy.execute(async () => {
        mostListeners = Math.max(mostListeners, getEventListeners(neverAbortedSignal, 'abort').length);
        await held;
        return 'done';
      }),
    );
    release();
    await expect(Promise.all(calls)).resolves.toHaveLength(20);
    expect(mostListeners).toBe(0);
  });

  it('rethrows a bug in the adapter as it is, without retrying or blaming the vendor', async () => {
    const adapter = adapterName();
    const policy = createAdapterPolicy({ adapter, idempotent: true, breaker: { consecutiveFailures: 1 }, ...fast });
    const vendor = fakeVendor('bug', 'ok');
    await expect(policy.execute(vendor.call)).rejects.toBeInstanceOf(TypeError);
    expect(vendor.seen).toHaveLength(1);
    expect(policy.breakerState()).toBe('closed');
    expect(await metricValue(adapterCalls, { adapter, outcome: 'internal-error' })).toBe(1);
  });
});
