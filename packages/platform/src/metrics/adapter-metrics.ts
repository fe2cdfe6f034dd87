import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

/** How one call through an adapter's resilience policy ended: `success` or why it failed. */
export type AdapterCallOutcome =
  'success' | 'timeout' | 'breaker-open' | 'rejected' | 'vendor-error' | 'internal-error';

export const adapterCalls = new Counter({
  name: 'clinicflow_adapter_calls_total',
  help: 'Calls to external systems through their resilience policy, by adapter and outcome',
  labelNames: ['adapter', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const adapterRetries = new Counter({
  name: 'clinicflow_adapter_retries_total',
  help: 'Attempts repeated after a transient failure, by adapter',
  labelNames: ['adapter'] as const,
  registers: [metricsRegistry],
});

export const adapterCallDuration = new Histogram({
  name: 'clinicflow_adapter_call_duration_seconds',
  help: 'Time a call to an external system took, retries and queueing included, by adapter',
  labelNames: ['adapter'] as const,
  // Vendors answer in tens of milliseconds when well and in seconds when not; timeouts cap the tail.
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** The breaker's state as a number, so a dashboard can plot it and an alert can fire on 2. */
export const BreakerStateValue = { closed: 0, 'half-open': 1, open: 2 } as const;
export type BreakerState = keyof typeof BreakerStateValue;

export const adapterBreakerState = new Gauge({
  name: 'clinicflow_adapter_breaker_state',
  help: "State of an adapter's circuit breaker: 0 closed, 1 half-open, 2 open",
  labelNames: ['adapter'] as const,
  registers: [metricsRegistry],
});
