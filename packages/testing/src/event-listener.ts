import { createDurableEvents, createLogger, defineConsumer, type Delivery, startConsumers } from '@clinicflow/platform';

/** A test's own consumer of durable events: what a subgraph published, as the other subgraphs receive it. */
export interface EventListener<T> {
  /** Every delivery so far, in the order they arrived. */
  readonly seen: Delivery<T>[];
  /** The listener's pg-boss, also for publishing what another subgraph would. */
  readonly jobs: ReturnType<typeof createDurableEvents>;
  stop(): Promise<void>;
}

/** Subscribes a consumer named `name` to `events` on the database at `databaseUrl` and records what arrives. */
export async function listenForEvents<T = Record<string, unknown>>(
  databaseUrl: string,
  name: string,
  events: string[],
): Promise<EventListener<T>> {
  const jobs = createDurableEvents(databaseUrl);
  // Dropping the test database at the end ends its connections: not an error of the test.
  jobs.on('error', () => undefined);
  await jobs.start();
  const seen: Delivery<T>[] = [];
  const consumer = defineConsumer<T>({
    name,
    events,
    pollingIntervalSeconds: 0.5,
    handler: async (delivery) => {
      seen.push(delivery);
    },
  });
  const consumers = await startConsumers(jobs, [consumer], { logger: createLogger('test', 'silent') });
  return {
    seen,
    jobs,
    stop: async () => {
      await consumers.stop();
      await jobs.stop({ graceful: false, wait: true });
    },
  };
}
