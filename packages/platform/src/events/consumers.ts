import type PgBoss from 'pg-boss';
import { Counter } from 'prom-client';
import { asSystemActor } from '../audit/background-jobs';
import type { Logger } from '../logging/logger';
import { metricsRegistry } from '../metrics/registry';
import { DURABLE_EVENTS_SCHEMA } from './durable-events';
import { isEventEnvelope } from './published-events';
import { type FailureRecord, readFailure, scrubMessage } from './failure-record';

const SCHEMA = DURABLE_EVENTS_SCHEMA;

/**
 * How a consumer retries a delivery that failed (its handler threw, ran past its timeout, or its
 * process died). After `limit` retries the delivery goes to the consumer's dead-letter queue.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Seconds before the first retry: whole seconds, at least 1 with backoff. */
  delaySeconds: number;
  /**
   * Exponential backoff with jitter: retry n waits a random time between delay × 2^(n-1) and
   * delay × 2^n seconds (pg-boss 10 computes it in the statement that fails the job). Without
   * backoff every retry waits `delaySeconds` exactly.
   */
  backoff: boolean;
}

/** Six attempts over about four minutes (5-10 s, 10-20 s, 20-40 s, 40-80 s, 80-160 s between them). */
export const DEFAULT_RETRY: RetryPolicy = { limit: 5, delaySeconds: 5, backoff: true };

/** One event (or job) handed to a consumer's handler. */
export interface Delivery<T> {
  /**
   * The event's id: the same on every attempt and replay. Handlers that change anything dedupe on it
   * (a unique column written in the same transaction as the change, or the vendor's idempotency key),
   * because a delivery may run again after its change committed (the process died before it could
   * mark the delivery done). For a job sent straight to the consumer, the job's id.
   */
  id: string;
  /** This delivery's job id in the consumer's queue (a replay is a new one). */
  deliveryId: string;
  /** The event's name; for a job sent straight to the consumer, the consumer's name. */
  event: string;
  /** The subject the event is about (see `EventHeader.key`), or null. */
  key: string | null;
  data: T;
  /** When the event was published; null for a job sent straight to the consumer. */
  publishedAt: Date | null;
  /** 1 on the first attempt, 2 on the first retry, and so on (a replay starts again at 1). */
  attempt: number;
  /** Aborted when the delivery runs past its timeout: pass it on to anything that takes one. */
  signal: AbortSignal;
}

export interface ConsumerOptions<T> {
  /**
   * The consumer's queue, unique across the platform: `<service>.<what it does>`, e.g.
   * `billing.patient-registered`. Its dead-letter queue is `<name>.dead-letter`.
   */
  name: string;
  /** The events it subscribes to. None: it only takes jobs sent straight to its queue (`publishInTransaction`). */
  events?: string[];
  handler(delivery: Delivery<T>): Promise<unknown>;
  retry?: Partial<RetryPolicy>;
  /**
   * Handle events with the same key one at a time, in the order they were published: a key's next
   * event waits while an earlier one is pending, running, or waiting for a retry (not once it is in
   * the dead-letter queue). Events of other keys, and events without a key, do not wait.
   */
  ordered?: boolean;
  /** Deliveries run at once in this process (default 4); ordered consumers run one per key. */
  concurrency?: number;
  /** A delivery still running after this long fails (and is retried); also how soon a dead worker's deliveries return. */
  timeoutSeconds?: number;
  /**
   * pg-boss's queue policy. `short` keeps at most one job per singleton key waiting (a later send with
   * the same key is dropped), for debounced work sent straight to the queue: never for events.
   */
  policy?: 'standard' | 'short';
  /** How often an idle consumer looks for work (default 2 s). */
  pollingIntervalSeconds?: number;
  /**
   * A cron expression (UTC): pg-boss sends the consumer one job per tick, once across all replicas,
   * for housekeeping such as retention. Without it, any schedule left from an earlier version is removed.
   */
  schedule?: string;
}

export interface Consumer<T = unknown> {
  readonly name: string;
  readonly deadLetterQueue: string;
  readonly events: readonly string[];
  readonly retry: RetryPolicy;
  readonly ordered: boolean;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  readonly policy: 'standard' | 'short';
  readonly pollingIntervalSeconds: number;
  readonly schedule: string | null;
  handler(delivery: Delivery<T>): Promise<unknown>;
}

export const DEAD_LETTER_SUFFIX = '.dead-letter';
export const deadLetterQueueOf = (consumer: string) => `${consumer}${DEAD_LETTER_SUFFIX}`;

const CONSUMER_NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

/** Declares a consumer; `startConsumers` creates its queues and subscriptions and runs it. */
export function defineConsumer<T>(options: ConsumerOptions<T>): Consumer<T> {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const consumer: Consumer<T> = {
    name: options.name,
    deadLetterQueue: deadLetterQueueOf(options.name),
    events: [...new Set(options.events ?? [])],
    retry,
    ordered: options.ordered ?? false,
    concurrency: options.concurrency ?? 4,
    timeoutSeconds: options.timeoutSeconds ?? 60,
    policy: options.policy ?? 'standard',
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    schedule: options.schedule ?? null,
    handler: options.handler,
  };
  const problems = [
    !CONSUMER_NAME.test(consumer.name) && 'its name must be lower-case words joined by . or -',
    consumer.name.endsWith(DEAD_LETTER_SUFFIX) && `its name may not end with ${DEAD_LETTER_SUFFIX}`,
    !(Number.isInteger(retry.limit) && retry.limit >= 0) && 'retry.limit must be a whole number, 0 or more',
    !(Number.isInteger(retry.delaySeconds) && retry.delaySeconds >= (retry.backoff ? 1 : 0)) &&
      'retry.delaySeconds must be a whole number of seconds (at least 1 with backoff)',
    !(Number.isInteger(consumer.concurrency) && consumer.concurrency >= 1) && 'concurrency must be 1 or more',
    !(Number.isInteger(consumer.timeoutSeconds) && consumer.timeoutSeconds >= 1 && consumer.timeoutSeconds < 86_400) &&
      'timeoutSeconds must be a whole number of seconds under a day',
    !(consumer.pollingIntervalSeconds >= 0.5) && 'pollingIntervalSeconds must be at least 0.5',
    consumer.policy === 'short' &&
      (consumer.events.length > 0 || consumer.ordered) &&
      'a short-policy queue drops jobs, so it may neither subscribe to events nor be ordered',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new Error(`Consumer ${options.name}: ${problems.join('; ')}`);
  return consumer;
}

export const eventDeliveries = new Counter({
  name: 'clinicflow_event_deliveries_total',
  help: 'Attempts to deliver an event or job to a consumer, by consumer and outcome (completed, retried, dead-lettered)',
  labelNames: ['consumer', 'outcome'] as const,
  registers: [metricsRegistry],
});

export interface RunningConsumers {
  /** Stops fetching, and waits for the deliveries in hand (each at most its timeout). */
  stop(): Promise<void>;
}

/**
 * Creates each consumer's queue (with its retry policy, timeout and dead-letter queue, updated when
 * they change), brings its subscriptions in line with its `events`, and runs it.
 */
export async function startConsumers(
  jobs: PgBoss,
  consumers: readonly Consumer<unknown>[],
  options: { logger: Logger },
): Promise<RunningConsumers> {
  const list = consumers;
  const names = list.map((consumer) => consumer.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`Consumer ${duplicate} is defined twice`);
  for (const consumer of list) await prepareQueues(jobs, consumer);
  const runners = list.map((consumer) => new ConsumerRunner(jobs, consumer, options.logger));
  for (const runner of runners) runner.start();
  return {
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}

async function prepareQueues(jobs: PgBoss, consumer: Consumer<unknown>): Promise<void> {
  const db = jobs.getDb();
  await jobs.createQueue(consumer.deadLetterQueue, { name: consumer.deadLetterQueue });
  const settings = (): PgBoss.Queue => ({
    name: consumer.name,
    policy: consumer.policy,
    retryLimit: consumer.retry.limit,
    retryDelay: consumer.retry.delaySeconds,
    retryBackoff: consumer.retry.backoff,
    expireInSeconds: consumer.timeoutSeconds,
    deadLetter: consumer.deadLetterQueue,
  });
  // createQueue leaves an existing queue as it was; updateQueue applies changed settings to it
  // (new jobs take them; jobs already queued keep theirs).
  await jobs.createQueue(consumer.name, settings());
  await jobs.updateQueue(consumer.name, settings());
  for (const event of consumer.events) await jobs.subscribe(event, consumer.name);
  if (consumer.schedule) await jobs.schedule(consumer.name, consumer.schedule, {}, { tz: 'UTC' });
  else await jobs.unschedule(consumer.name);
  await db.executeSql(`DELETE FROM ${SCHEMA}.subscription WHERE name = $1 AND NOT (event = ANY($2::text[]))`, [
    consumer.name,
    consumer.events,
  ]);
  if (consumer.ordered) {
    // The ordering check looks for an earlier unfinished job of the same key; this index keeps it
    // to those rows, however many finished jobs the queue still holds.
    const { rows } = await db.executeSql(`SELECT partition_name FROM ${SCHEMA}.queue WHERE name = $1`, [consumer.name]);
    const partition = (rows[0] as { partition_name: string }).partition_name;
    try {
      await db.executeSql(
        `CREATE INDEX IF NOT EXISTS "${partition}_cf_order" ON ${SCHEMA}."${partition}"
           (singleton_key, ((data->'event'->>'publishedAt') COLLATE "C"), id) WHERE state < 'completed'`,
        [],
      );
    } catch (error) {
      // Two replicas starting at once may both create it; the loser's "already exists" is no failure.
      const code = (error as { code?: string }).code;
      if (code !== '23505' && code !== '42P07') throw error;
    }
  }
}

interface FetchedJob {
  id: string;
  data: unknown;
  output: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startedOn: Date;
  expireInSeconds: number;
  key: string | null;
}

/**
 * The fetch: pg-boss's own (the next due jobs, marked active, counting retries), and for ordered
 * consumers only the jobs no earlier job of the same key is still waiting for. A job in `retry`
 * counts as waiting, so a key's later events stay behind a failed one until it succeeds or is
 * dead-lettered. Concurrent fetches see each other's candidates as unfinished, so they never take
 * two jobs of one key.
 */
function fetchStatement(ordered: boolean): string {
  const position = (alias: string) => `((${alias}.data->'event'->>'publishedAt') COLLATE "C", ${alias}.id)`;
  const orderGate = ordered
    ? `AND NOT EXISTS (
        SELECT 1 FROM ${SCHEMA}.job earlier
        WHERE earlier.name = $1
          AND earlier.singleton_key = candidate.singleton_key
          AND earlier.state < 'completed'
          AND ${position('earlier')} < ${position('candidate')}
      )`
    : '';
  return `
    WITH next AS (
      SELECT candidate.id
      FROM ${SCHEMA}.job candidate
      WHERE candidate.name = $1
        AND candidate.state < 'active'
        AND candidate.start_after < now()
        ${orderGate}
      ORDER BY candidate.priority DESC, candidate.created_on, candidate.id
      LIMIT $2
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${SCHEMA}.job job SET
      state = 'active',
      started_on = now(),
      retry_count = CASE WHEN job.started_on IS NOT NULL THEN job.retry_count + 1 ELSE job.retry_count END
    FROM next
    WHERE job.name = $1 AND job.id = next.id
    RETURNING job.id, job.data, job.output, job.retry_count AS "retryCount", job.retry_limit AS "retryLimit",
      job.created_on AS "createdOn", job.started_on AS "startedOn",
      EXTRACT(epoch FROM job.expire_in)::float8 AS "expireInSeconds", job.singleton_key AS "key"`;
}

class HandlerTimeout extends Error {
  constructor(seconds: number) {
    super(`the handler did not finish within ${seconds} s`);
  }
}

/** One consumer's loop: fetch what is due (up to the free slots), run each, complete or fail it. */
class ConsumerRunner {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly fetchSql: string;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly jobs: PgBoss,
    private readonly consumer: Consumer<unknown>,
    private readonly logger: Logger,
  ) {
    this.fetchSql = fetchStatement(consumer.ordered);
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    const db = this.jobs.getDb();
    while (!this.stopping) {
      const free = this.consumer.concurrency - this.inFlight.size;
      let full = false;
      if (free > 0) {
        try {
          const { rows } = await db.executeSql(this.fetchSql, [this.consumer.name, free]);
          for (const job of rows as FetchedJob[]) this.track(this.handle(job));
          full = rows.length === free;
        } catch (error) {
          if (this.stopping) break;
          this.logger.error({ err: error, consumer: this.consumer.name }, 'fetching deliveries failed');
        }
      }
      // Idle: wait for the polling interval. A delivery that ends wakes the loop at once, as its
      // slot is free and, for an ordered consumer, its key's next event may now be due.
      await this.pause(full ? null : this.consumer.pollingIntervalSeconds * 1000);
    }
  }

  /** Waits `ms`, or (null) until a delivery ends; either way, a delivery ending or `stop` ends the wait. */
  private pause(ms: number | null): Promise<void> {
    if (this.stopping || (ms === null && this.inFlight.size < this.consumer.concurrency)) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      if (ms !== null) timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.wake?.();
    });
  }

  private async handle(job: FetchedJob): Promise<void> {
    const { consumer } = this;
    const envelope = isEventEnvelope(job.data) ? job.data : null;
    const controller = new AbortController();
    const delivery: Delivery<unknown> = {
      id: envelope?.event.id ?? job.id,
      deliveryId: job.id,
      event: envelope?.event.name ?? consumer.name,
      key: envelope?.event.key ?? job.key ?? null,
      data: envelope ? envelope.data : job.data,
      publishedAt: envelope ? new Date(envelope.event.publishedAt) : null,
      attempt: job.retryCount + 1,
      signal: controller.signal,
    };
    const timeoutSeconds = job.expireInSeconds || consumer.timeoutSeconds;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        // What the job changes of patient data is audited under the consumer's name (system actor).
        asSystemActor(this.jobs, consumer.name, () => consumer.handler(delivery)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            reject(new HandlerTimeout(timeoutSeconds));
          }, timeoutSeconds * 1000);
        }),
      ]);
    } catch (error) {
      clearTimeout(timer);
      await this.fail(job, delivery, error);
      return;
    }
    clearTimeout(timer);
    try {
      await this.jobs.complete(consumer.name, job.id);
      eventDeliveries.inc({ consumer: consumer.name, outcome: 'completed' });
    } catch (error) {
      // The job stays active until it expires and runs again; the handler's dedupe makes that safe.
      this.logger.error({ err: error, consumer: consumer.name, deliveryId: job.id }, 'could not mark a delivery done');
    }
  }

  private async fail(job: FetchedJob, delivery: Delivery<unknown>, error: unknown): Promise<void> {
    const { consumer } = this;
    const previous = readFailure(job.output);
    // What the dead letter will say: the last error, how many attempts, and when. The first attempt's
    // time travels from failure to failure in the job's output; when an attempt ended in a crash
    // (pg-boss then writes its own output) it is lost, and the time the job was queued stands in.
    const record: FailureRecord = {
      message: scrubMessage(error instanceof Error ? error.message : String(error)),
      attempts: delivery.attempt,
      firstAttemptAt:
        previous?.firstAttemptAt ?? new Date(job.retryCount === 0 ? job.startedOn : job.createdOn).toISOString(),
      lastAttemptAt: new Date(job.startedOn).toISOString(),
      deliveryId: job.id,
    };
    const deadLettered = job.retryCount >= job.retryLimit;
    eventDeliveries.inc({ consumer: consumer.name, outcome: deadLettered ? 'dead-lettered' : 'retried' });
    this.logger.warn(
      {
        consumer: consumer.name,
        event: delivery.event,
        eventId: delivery.id,
        deliveryId: job.id,
        attempt: delivery.attempt,
        // The scrubbed message only: a handler's error may quote the payload, and logs carry no patient data.
        error: record.message,
      },
      deadLettered ? 'delivery failed for the last time: dead-lettered' : 'delivery failed: it will be retried',
    );
    try {
      await this.jobs.fail(consumer.name, job.id, record);
    } catch (failError) {
      this.logger.error({ err: failError, consumer: consumer.name, deliveryId: job.id }, 'could not record a failure');
    }
  }
}
