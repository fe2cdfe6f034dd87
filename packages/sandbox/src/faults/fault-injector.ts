import { seededRandom } from './seeded-random';

/** How badly a sandbox provider behaves. Faults apply to the vendor API, never to the control routes. */
export interface FaultSettings {
  /** Probability (0 to 1) that a request is answered with `errorStatus` and the vendor's error body. */
  errorRate: number;
  errorStatus: 429 | 500 | 503;
  /** Added before every answer, errors included. */
  latencyMs: number;
  /** Probability (0 to 1) that a request is never answered: the client's own timeout has to end it. */
  timeoutRate: number;
  /** Seeds the draw that picks which requests fail; setting any fault restarts the sequence. */
  seed: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = {
  errorRate: 0,
  errorStatus: 503,
  latencyMs: 0,
  timeoutRate: 0,
  seed: 1,
};

/** What happens to one request. */
export type FaultDecision = 'answer' | 'error' | 'timeout';

const ERROR_STATUSES: readonly number[] = [429, 500, 503];

function validate(settings: FaultSettings): void {
  const isRate = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;
  if (!isRate(settings.errorRate)) throw new RangeError('errorRate must be between 0 and 1');
  if (!isRate(settings.timeoutRate)) throw new RangeError('timeoutRate must be between 0 and 1');
  if (settings.errorRate + settings.timeoutRate > 1) throw new RangeError('errorRate + timeoutRate must not exceed 1');
  if (!ERROR_STATUSES.includes(settings.errorStatus)) throw new RangeError('errorStatus must be 429, 500 or 503');
  if (!Number.isFinite(settings.latencyMs) || settings.latencyMs < 0) throw new RangeError('latencyMs must be >= 0');
  if (!Number.isInteger(settings.seed)) throw new RangeError('seed must be an integer');
}

/** Decides, request by request and repeatably, whether a sandbox answers, fails or stays silent. */
export class FaultInjector {
  private current: FaultSettings = { ...NO_FAULTS };
  private random = seededRandom(NO_FAULTS.seed);

  constructor(initial: Partial<FaultSettings> = {}) {
    this.set(initial);
  }

  get settings(): Readonly<FaultSettings> {
    return this.current;
  }

  /** Changes the settings given (the rest stay; unknown fields are ignored) and restarts the draw from the seed. */
  set(changes: Partial<FaultSettings>): Readonly<FaultSettings> {
    const next: FaultSettings = {
      errorRate: changes.errorRate ?? this.current.errorRate,
      errorStatus: changes.errorStatus ?? this.current.errorStatus,
      latencyMs: changes.latencyMs ?? this.current.latencyMs,
      timeoutRate: changes.timeoutRate ?? this.current.timeoutRate,
      seed: changes.seed ?? this.current.seed,
    };
    validate(next);
    this.current = next;
    this.random = seededRandom(next.seed);
    return this.current;
  }

  /** Back to a well-behaved vendor. */
  reset(): Readonly<FaultSettings> {
    return this.set(NO_FAULTS);
  }

  /** One draw per request: below `timeoutRate` it hangs, below that plus `errorRate` it fails. */
  decide(): FaultDecision {
    const { errorRate, timeoutRate } = this.current;
    if (errorRate === 0 && timeoutRate === 0) return 'answer';
    const draw = this.random();
    if (draw < timeoutRate) return 'timeout';
    return draw < timeoutRate + errorRate ? 'error' : 'answer';
  }
}
