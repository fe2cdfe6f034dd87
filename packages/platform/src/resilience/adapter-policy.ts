import {
  BrokenCircuitError,
  bulkhead,
  BulkheadRejectedError,
  CircuitState,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { AdapterError } from '../errors/app-error';
import {
  adapterBreakerState,
  adapterCallDuration,
  adapterCalls,
  adapterRetries,
  type BreakerState,
  BreakerStateValue,
} from '../metrics/adapter-metrics';
import { describeVendorFailure } from './vendor-failure';

/** How calls to one external system are protected. Every field but `adapter` has a default. */
export interface AdapterPolicyOptions {
  /** Names the external system in metrics and errors: `twilio`, `sendgrid`. */
  adapter: string;
  /** Longest wait for one attempt. */
  timeoutMs?: number;
  /** Further attempts after a transient failure, for calls that are safe to repeat. */
  retries?: number;
  /** True when repeating a call cannot do its work twice (a read, a PUT); a call may also bring an idempotency key. */
  idempotent?: boolean;
  /** Exponential backoff with decorrelated jitter between attempts. */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Opens after this many transient failures in a row and lets one trial call through after `halfOpenAfterMs`. */
  breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
  /** At most `limit` calls in flight and `queue` waiting; any more are refused at once. */
  concurrency?: { limit?: number; queue?: number };
}

export const ADAPTER_POLICY_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 3,
  idempotent: false,
  backoff: { initialDelayMs: 200, maxDelayMs: 5_000 },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
  concurrency: { limit: 10, queue: 100 },
} as const;

/** What the wrapped call is given on each attempt. */
export interface AdapterCallContext {
  /** Aborted when the attempt times out: pass it to any client that accepts one. */
  signal: AbortSignal;
  /** 1 for the first attempt. */
  attempt: number;
  /** The same on every attempt; send it in the vendor's idempotency header. */
  idempotencyKey?: string;
}

export interface AdapterCallOptions {
  /** Makes a call repeatable where the vendor honours idempotency keys, so it is retried like an idempotent one. */
  idempotencyKey?: string;
}

export interface AdapterPolicy {
  readonly adapter: string;
  /**
   * Runs `call` under the policy. Resolves with its result, or rejects with an `AdapterError`
   * (timeout, breaker-open, rejected, vendor-error). An error that came neither from the vendor nor
   * from the network (a bug in the adapter) is rethrown as it is, and is neither retried nor counted by the breaker.
   */
  execute<T>(call: (context: AdapterCallContext) => Promise<T>, options?: AdapterCallOptions): Promise<T>;
  breakerState(): BreakerState;
}

type Settings = {
  adapter: string;
  timeoutMs: number;
  retries: number;
  idempotent: boolean;
  backoff: { initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  concurrency: { limit: number; queue: number };
};

function resolveSettings(options: AdapterPolicyOptions): Settings {
  const defaults = ADAPTER_POLICY_DEFAULTS;
  return {
    adapter: options.adapter,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    retries: options.retries ?? defaults.retries,
    idempotent: options.idempotent ?? defaults.idempotent,
    backoff: { ...defaults.backoff, ...options.backoff },
    breaker: { ...defaults.breaker, ...options.breaker },
    concurrency: { ...defaults.concurrency, ...options.concurrency },
  };
}

// cockatiel 3.2.1's own `isTaskCancelledError` tests for the bulkhead's marker instead, so these
// checks use the error classes (an isolated breaker throws a subclass of BrokenCircuitError).
const isTimeout = (error: unknown) => error instanceof TaskCancelledError;
const isBreakerOpen = (error: unknown) => error instanceof BrokenCircuitError;
const isQueueFull = (error: unknown) => error instanceof BulkheadRejectedError;

/** An attempt that timed out, or a vendor failure that may pass: worth retrying and counted by the breaker. */
function isTransient(error: Error): boolean {
  return isTimeout(error) || describeVendorFailure(error)?.transient === true;
}

const breakerStateOf = (state: CircuitState): BreakerState =>
  state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open';

function toAdapterError(settings: Settings, error: unknown): AdapterError | null {
  const { adapter } = settings;
  if (isBreakerOpen(error)) {
    const message = `${adapter} is unavailable: its circuit breaker is open after repeated failures`;
    return new AdapterError({ adapter, reason: 'breaker-open', retriable: true, message });
  }
  if (isQueueFull(error)) {
    const { limit, queue } = settings.concurrency;
    const message = `${adapter} is busy: ${limit} calls in flight and ${queue} waiting`;
    return new AdapterError({ adapter, reason: 'rejected', retriable: true, message });
  }
  if (isTimeout(error)) {
    const message = `${adapter} did not answer within ${settings.timeoutMs} ms`;
    return new AdapterError({ adapter, reason: 'timeout', retriable: true, message });
  }
  const vendor = describeVendorFailure(error);
  if (!vendor) return null;
  const message =
    vendor.status !== undefined
      ? `${adapter} answered HTTP ${vendor.status}${vendor.code !== undefined ? ` (code ${vendor.code})` : ''}`
      : `${adapter} could not be reached (${vendor.code})`;
  return new AdapterError({
    adapter,
    reason: 'vendor-error',
    retriable: vendor.transient,
    message,
    ...(vendor.status !== undefined ? { vendorStatus: vendor.status } : {}),
    ...(vendor.code !== undefined ? { vendorCode: vendor.code } : {}),
  });
}

/**
 * The one way ClinicFlow calls an external system: a concurrency limit with a bounded queue, then
 * retries (only for calls that are safe to repeat, only on transient failures), then a circuit
 * breaker, then a timeout on each attempt. The breaker sits inside the retries so every failed
 * attempt counts toward opening it, and an open breaker ends the retries at once.
 */
export function createAdapterPolicy(options: AdapterPolicyOptions): AdapterPolicy {
  const settings = resolveSettings(options);
  const { adapter } = settings;
  const transient = handleWhen(isTransient);
  const limiter = bulkhead(settings.concurrency.limit, settings.concurrency.queue);
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: settings.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.breaker.consecutiveFailures),
  });
  // Aggressive: the caller gets its answer when the time is up, whether or not the vendor's SDK gives up.
  const attemptTimeout = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
  const retrying = retry(transient, {
    maxAttempts: settings.retries,
    backoff: new ExponentialBackoff({
      initialDelay: settings.backoff.initialDelayMs,
      maxDelay: settings.backoff.maxDelayMs,
    }),
  });
  const once = wrap(limiter, breaker, attemptTimeout);
  const withRetries = wrap(limiter, retrying, breaker, attemptTimeout);

  adapterBreakerState.set({ adapter }, BreakerStateValue.closed);
  breaker.onStateChange((state) => adapterBreakerState.set({ adapter }, BreakerStateValue[breakerStateOf(state)]));
  retrying.onRetry(() => adapterRetries.inc({ adapter }));

  return {
    adapter,
    breakerState: () => breakerStateOf(breaker.state),
    async execute<T>(call: (context: AdapterCallContext) => Promise<T>, callOptions: AdapterCallOptions = {}) {
      const { idempotencyKey } = callOptions;
      const policy = settings.idempotent || idempotencyKey !== undefined ? withRetries : once;
      const stopTimer = adapterCallDuration.startTimer({ adapter });
      let attempt = 0;
      try {
        // A signal of its own for every call: without one, cockatiel hangs each call's abort listener on one
        // shared signal, and more than ten calls at once trip Node's listener-leak warning.
        const result = await policy.execute(({ signal }) => {
          attempt += 1;
          return call({ signal, attempt, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });
        }, new AbortController().signal);
        adapterCalls.inc({ adapter, outcome: 'success' });
        return result;
      } catch (error) {
        const failure = toAdapterError(settings, error);
        adapterCalls.inc({ adapter, outcome: failure ? failure.reason : 'internal-error' });
        throw failure ?? error;
      } finally {
        stopTimer();
      }
    },
  };
}
