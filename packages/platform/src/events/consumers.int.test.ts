import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logging/logger';
import { type Delivery, defineConsumer, type RunningConsumers, startConsumers } from './consumers';
import { DeadLetters } from './dead-letters';
import { createDurableEvents } from './durable-events';
import { publishEvent } from './published-events';

// The same server `@clinicflow/testing` uses; that package builds on this one, so it is not imported here.
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `cf_consumers_${randomBytes(4).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const logger = createLogger('test-consumers', process.env.TEST_LOG_LEVEL ?? 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

/** Durable consumers: fan-out across services, ordering per key, retries with jitter, dead letters. */
describe('durable consumers', () => {
  /** Three services on one database: each has its own pg-boss, as each subgraph process does. */
  let patients: PgBoss;
  let billing: PgBoss;
  let notifications: PgBoss;
  let dataSource: DataSource;
  const running: RunningConsumers[] = [];

  const run = async (boss: PgBoss, ...consumers: Parameters<typeof startConsumers>[1]) => {
    const started = await startConsumers(boss, consumers, { logger });
    running.push(started);
    return started;
  };
  const publish = (boss: PgBoss, name: string, data: object, key?: string) =>
    dataSource.transaction((manager) => publishEvent(boss, manager, name, data, key ? { key } : {}));
  const sql = <T>(text: string, parameters: unknown[] = []) => dataSource.query(text, parameters) as Promise<T[]>;

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${databaseName}"`);
    patients = createDurableEvents(databaseUrl);
    billing = createDurableEvents(databaseUrl);
    notifications = createDurableEvents(databaseUrl);
    for (const boss of [patients, billing, notifications]) {
      // Dropping the database at the end can cut a connection pg-boss is still closing.
      boss.on('error', (error) => logger.warn({ err: error }, 'pg-boss error'));
      await boss.start();
    }
    dataSource = new DataSource({ type: 'postgres', url: databaseUrl });
    await dataSource.initialize();
  });
  afterAll(async () => {
    for (const consumers of running) await consumers.stop();
    await dataSource?.destroy();
    for (const boss of [patients, billing, notifications]) await boss?.stop({ graceful: false, wait: true });
    await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });

  describe('fan-out', () => {
    const seen: { consumer: string; delivery: Delivery<{ patientId: string }> }[] = [];

    beforeAll(async () => {
      const consumer = (name: string) =>
        defineConsumer<{ patientId: string }>({
          name,
          events: ['patient.registered'],
          pollingIntervalSeconds: 0.5,
          handler: async (delivery) => {
            seen.push({ consumer: name, delivery });
          },
        });
      await run(billing, consumer('billing.open-account'));
      await run(notifications, consumer('notifications.welcome'));
    });

    it('delivers one published event to every subscribed consumer, in any service', async () => {
      const patientId = randomUUID();
      const published = await publish(patients, 'patient.registered', { patientId }, patientId);
      expect(published.consumers).toEqual(['billing.open-account', 'notifications.welcome']);
      await until('both consumers have it', () => seen.length === 2);
      expect(seen.map((entry) => entry.consumer).sort()).toEqual(['billing.open-account', 'notifications.welcome']);
      for (const { delivery } of seen) {
        expect(delivery).toMatchObject({
          id: published.id,
          event: 'patient.registered',
          key: patientId,
          data: { patientId },
          attempt: 1,
        });
        expect(delivery.publishedAt?.toISOString()).toBe(new Date(published.publishedAt).toISOString());
      }
      // One job per consumer, each with its own delivery id.
      expect(new Set(seen.map(({ delivery }) => delivery.deliveryId)).size).toBe(2);
    });

    it('writes nothing when the change rolls back', async () => {
      const before = seen.length;
      await expect(
        dataSource.transaction(async (manager) => {
          await publishEvent(patients, manager, 'patient.registered', { patientId: randomUUID() });
          throw new Error('the change failed after its event was written');
        }),
      ).rejects.toThrow('the change failed');
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM pgboss.job WHERE name IN ('billing.open-account', 'notifications.welcome')`,
      );
      expect(count).toBe(before);
      await sleep(1200);
      expect(seen.length).toBe(before);
    });

    it('keeps the events of a consumer that is down until it runs again', async () => {
      const received: string[] = [];
      const audit = defineConsumer<{ patientId: string }>({
        name: 'audit.registrations',
        events: ['patient.registered'],
        pollingIntervalSeconds: 0.5,
        handler: async (delivery) => {
          received.push(delivery.data.patientId);
        },
      });
      await (await startConsumers(billing, [audit], { logger })).stop();
      const patientId = randomUUID();
      const published = await publish(patients, 'patient.registered', { patientId });
      expect(published.consumers).toContain('audit.registrations');
      await sleep(700);
      expect(received).toEqual([]);
      await run(billing, audit);
      await until('the consumer, running again, has it', () => received.includes(patientId));
    });

    it('drops the subscriptions a consumer no longer lists', async () => {
      const idle = await startConsumers(
        notifications,
        [defineConsumer({ name: 'notifications.welcome', events: [], handler: async () => {} })],
        { logger },
      );
      await idle.stop();
      const published = await publish(patients, 'patient.registered', { patientId: randomUUID() });
      expect(published.consumers).toEqual(['audit.registrations', 'billing.open-account']);
    });
  });

  describe('ordering per key', () => {
    interface Step {
      label: string;
      attempt: number;
      outcome: 'failed' | 'done';
      startedAt: number;
      endedAt: number;
    }

    /** Publishes 1 and 2 for one patient and 3 for another; the first attempt of 1 fails. */
    async function scenario(name: string, ordered: boolean): Promise<Step[]> {
      const steps: Step[] = [];
      await run(
        billing,
        defineConsumer<{ label: string }>({
          name,
          events: [`${name}.happened`],
          ordered,
          concurrency: 4,
          pollingIntervalSeconds: 0.5,
          retry: { limit: 3, delaySeconds: 1, backoff: false },
          handler: async ({ data, attempt }) => {
            const startedAt = Date.now();
            await sleep(20);
            const failed = data.label === '1' && attempt === 1;
            steps.push({
              label: data.label,
              attempt,
              outcome: failed ? 'failed' : 'done',
              startedAt,
              endedAt: Date.now(),
            });
            if (failed) throw new Error('the lab system is restarting');
          },
        }),
      );
      const patient = randomUUID();
      await dataSource.transaction(async (manager) => {
        await publishEvent(patients, manager, `${name}.happened`, { label: '1' }, { key: patient });
        await publishEvent(patients, manager, `${name}.happened`, { label: '2' }, { key: patient });
        await publishEvent(patients, manager, `${name}.happened`, { label: '3' }, { key: randomUUID() });
      });
      await until('every event is done', () => steps.filter((step) => step.outcome === 'done').length === 3);
      return steps;
    }

    it("holds a key's next event until the earlier one, failed and retried, is done", async () => {
      const steps = await scenario('ordered-test', true);
      const done = (label: string) => steps.find((step) => step.label === label && step.outcome === 'done')!;
      const firstTry = steps.find((step) => step.label === '1' && step.outcome === 'failed')!;
      // 2 starts only after 1's retry succeeded...
      expect(steps.filter((step) => step.label === '2')).toHaveLength(1);
      expect(done('2').startedAt).toBeGreaterThanOrEqual(done('1').endedAt);
      expect(done('1').attempt).toBe(2);
      // ...while the other patient's event did not wait for the retry.
      expect(done('3').startedAt).toBeLessThan(done('1').startedAt);
      expect(firstTry.attempt).toBe(1);
      expect(
        steps.filter((step) => ['1', '2'].includes(step.label)).map((step) => `${step.label}:${step.outcome}`),
      ).toEqual(['1:failed', '1:done', '2:done']);
    });

    it('without ordering, the later event overtakes the retry (the case ordering exists for)', async () => {
      const steps = await scenario('unordered-test', false);
      const done = (label: string) => steps.find((step) => step.label === label && step.outcome === 'done')!;
      expect(done('2').endedAt).toBeLessThan(done('1').startedAt);
    });

    it('keeps the order of many events of a few keys under concurrency and random failures', async () => {
      const applied = new Map<string, number[]>();
      let attempts = 0;
      await run(
        billing,
        defineConsumer<{ patient: string; n: number }>({
          name: 'ordered-stress',
          events: ['ordered-stress.happened'],
          ordered: true,
          concurrency: 8,
          pollingIntervalSeconds: 0.5,
          retry: { limit: 10, delaySeconds: 1, backoff: false },
          handler: async ({ data }) => {
            attempts += 1;
            await sleep(Math.random() * 10);
            if (Math.random() < 0.15) throw new Error('flaky');
            applied.set(data.patient, [...(applied.get(data.patient) ?? []), data.n]);
          },
        }),
      );
      const keys = Array.from({ length: 5 }, () => randomUUID());
      for (let n = 0; n < 8; n += 1) {
        // Separate transactions, interleaving the keys.
        for (const patient of keys) await publish(patients, 'ordered-stress.happened', { patient, n }, patient);
      }
      await until(
        'every event is applied',
        () => [...applied.values()].reduce((sum, list) => sum + list.length, 0) === 40,
        40_000,
      );
      for (const patient of keys) expect(applied.get(patient)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(attempts).toBeGreaterThanOrEqual(40);
    });
  });

  describe('retries', () => {
    it('back off exponentially with jitter: retry 1 waits a random 20-40 s for a 20 s delay', async () => {
      await run(
        billing,
        defineConsumer({
          name: 'jitter-test',
          events: ['jitter-test.happened'],
          concurrency: 10,
          pollingIntervalSeconds: 0.5,
          retry: { limit: 2, delaySeconds: 20, backoff: true },
          handler: async () => {
            throw new Error('down');
          },
        }),
      );
      await dataSource.transaction(async (manager) => {
        for (let n = 0; n < 20; n += 1) await publishEvent(patients, manager, 'jitter-test.happened', { n });
      });
      const waits = async () =>
        sql<{ wait: number }>(
          `SELECT extract(epoch FROM start_after - (output->>'lastAttemptAt')::timestamptz)::float8 AS wait
           FROM pgboss.job WHERE name = 'jitter-test' AND state = 'retry'`,
        );
      await until('all 20 wait for their first retry', async () => (await waits()).length === 20);
      const seconds = (await waits()).map((row) => row.wait);
      for (const wait of seconds) {
        expect(wait).toBeGreaterThanOrEqual(20);
        expect(wait).toBeLessThan(41);
      }
      // Spread over the window, not all at the same moment.
      expect(Math.max(...seconds) - Math.min(...seconds)).toBeGreaterThan(3);
    });

    it('fail a delivery that runs past its timeout, abort its signal, and retry it', async () => {
      const signals: AbortSignal[] = [];
      let completed = 0;
      await run(
        billing,
        defineConsumer({
          name: 'timeout-test',
          events: ['timeout-test.happened'],
          timeoutSeconds: 1,
          pollingIntervalSeconds: 0.5,
          retry: { limit: 1, delaySeconds: 0, backoff: false },
          handler: async ({ attempt, signal }) => {
            signals.push(signal);
            if (attempt === 1) await new Promise((resolve) => signal.addEventListener('abort', resolve));
            else completed += 1;
          },
        }),
      );
      await publish(patients, 'timeout-test.happened', { n: 1 });
      await until('the retry completes', () => completed === 1);
      expect(signals[0]!.aborted).toBe(true);
      expect(signals[1]!.aborted).toBe(false);
    });

    it('apply changed settings to an existing queue when the consumer starts again', async () => {
      const settings = async () =>
        (
          await sql<{ retry_limit: number; retry_delay: number; expire_seconds: number; dead_letter: string }>(
            `SELECT retry_limit, retry_delay, expire_seconds, dead_letter FROM pgboss.queue WHERE name = 'settings-test'`,
          )
        )[0];
      const start = (limit: number) =>
        startConsumers(
          billing,
          [
            defineConsumer({
              name: 'settings-test',
              retry: { limit, delaySeconds: 3, backoff: true },
              timeoutSeconds: 30,
              handler: async () => {},
            }),
          ],
          { logger },
        ).then((started) => started.stop());
      await start(2);
      expect(await settings()).toEqual({
        retry_limit: 2,
        retry_delay: 3,
        expire_seconds: 30,
        dead_letter: 'settings-test.dead-letter',
      });
      await start(7);
      expect((await settings())!.retry_limit).toBe(7);
    });
  });

  describe('dead letters', () => {
    let healthy = false;
    const handled: Delivery<Record<string, unknown>>[] = [];
    let deadLetters: DeadLetters;
    const PATIENT_DATA = ['Jane', 'Doe', 'MRN-55120', 'jane.doe@example.org', '+1 555 010 4477'];

    const codeOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 'resolved';
      } catch (error) {
        return error instanceof AppError ? error.code : String(error);
      }
    };

    beforeAll(async () => {
      deadLetters = new DeadLetters(dataSource, billing);
      await run(
        notifications,
        defineConsumer<Record<string, unknown>>({
          name: 'notifications.lab-result',
          events: ['lab-result.available'],
          pollingIntervalSeconds: 0.5,
          retry: { limit: 1, delaySeconds: 1, backoff: false },
          handler: async (delivery) => {
            if (!healthy) {
              throw new Error(`SMS to ${delivery.data.phone} (${delivery.data.email}) was refused: 21211`);
            }
            handled.push(delivery);
          },
        }),
      );
    });

    const failOne = async () => {
      const patientId = randomUUID();
      const labResultId = randomUUID();
      const before = (await deadLetters.list({ first: 500 })).totalCount;
      const published = await publish(
        patients,
        'lab-result.available',
        {
          patientId,
          labResultId,
          givenName: 'Jane',
          familyName: 'Doe',
          mrn: 'MRN-55120',
          email: 'jane.doe@example.org',
          phone: '+1 555 010 4477',
        },
        patientId,
      );
      await until(
        'the delivery is dead-lettered',
        async () => (await deadLetters.list({ first: 500 })).totalCount > before,
      );
      return { patientId, labResultId, published };
    };

    it('shows what failed, why, how often and when, with ids only', async () => {
      const started = Date.now();
      const { patientId, labResultId, published } = await failOne();
      const page = await deadLetters.list({ consumer: 'notifications.lab-result', first: 10 });
      const letter = page.edges[0]!.node;
      expect(letter).toMatchObject({
        consumer: 'notifications.lab-result',
        event: 'lab-result.available',
        eventId: published.id,
        key: patientId,
        references: [
          { field: 'labResultId', id: labResultId },
          { field: 'patientId', id: patientId },
        ],
        withheldFields: ['email', 'familyName', 'givenName', 'mrn', 'phone'],
        error: 'SMS to [number] ([email]) was refused: 21211',
        attempts: 2,
        status: 'waiting',
        resolvedAt: null,
      });
      expect(letter.firstAttemptAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
      expect(letter.lastAttemptAt.getTime()).toBeGreaterThanOrEqual(letter.firstAttemptAt.getTime() + 900);
      const text = JSON.stringify(page);
      for (const value of PATIENT_DATA) expect(text).not.toContain(value);
      expect((await deadLetters.list({ consumer: 'billing.open-account', first: 10 })).totalCount).toBe(0);
    });

    it('replays a dead letter to its consumer with the same event id, once', async () => {
      const { published } = await failOne();
      const letter = (await deadLetters.list({ first: 1 })).edges[0]!.node;
      healthy = true;
      try {
        const replayed = await deadLetters.replay(letter.id, 'admin-1');
        expect(replayed).toMatchObject({ status: 'replayed', resolvedBy: 'admin-1', attempts: 2 });
        expect(replayed.replayDeliveryId).toEqual(expect.any(String));
        await until('the replay is handled', () => handled.some((delivery) => delivery.id === published.id));
        const delivery = handled.find((entry) => entry.id === published.id)!;
        expect(delivery).toMatchObject({ deliveryId: replayed.replayDeliveryId, attempt: 1 });
        expect(await codeOf(deadLetters.replay(letter.id, 'admin-2'))).toBe('CONFLICT');
        expect(await codeOf(deadLetters.discard(letter.id, 'Sent by hand', 'admin-2'))).toBe('CONFLICT');
        expect((await deadLetters.get(letter.id))!.status).toBe('replayed');
      } finally {
        healthy = false;
      }
    });

    it('discards a dead letter with a reason of 3 to 200 characters', async () => {
      await failOne();
      const letter = (await deadLetters.list({ first: 1 })).edges[0]!.node;
      expect(await codeOf(deadLetters.discard(letter.id, ' x ', 'admin-1'))).toBe('BAD_USER_INPUT');
      expect(await codeOf(deadLetters.discard(letter.id, 'y'.repeat(201), 'admin-1'))).toBe('BAD_USER_INPUT');
      const discarded = await deadLetters.discard(letter.id, '  Patient called the clinic instead ', 'admin-1');
      expect(discarded).toMatchObject({
        status: 'discarded',
        discardReason: 'Patient called the clinic instead',
        resolvedBy: 'admin-1',
        replayDeliveryId: null,
      });
      expect(await codeOf(deadLetters.replay(letter.id, 'admin-1'))).toBe('CONFLICT');
      const waiting = await deadLetters.list({ first: 500 });
      expect(waiting.edges.map((edge) => edge.node.id)).not.toContain(letter.id);
    });

    it('answers NOT_FOUND for an id that is no dead letter', async () => {
      expect(await codeOf(deadLetters.replay(randomUUID(), 'admin-1'))).toBe('NOT_FOUND');
      expect(await codeOf(deadLetters.discard('not-an-id', 'Duplicate', 'admin-1'))).toBe('NOT_FOUND');
    });

    it('pages newest first', async () => {
      await failOne();
      await failOne();
      const all = await deadLetters.list({ first: 500 });
      expect(all.totalCount).toBeGreaterThanOrEqual(3);
      const first = await deadLetters.list({ first: 2 });
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = await deadLetters.list({ first: 500, after: first.pageInfo.endCursor });
      expect([...first.edges, ...rest.edges].map((edge) => edge.node.id)).toEqual(
        all.edges.map((edge) => edge.node.id),
      );
      const times = all.edges.map((edge) => edge.node.lastAttemptAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(await codeOf(deadLetters.list({ first: 0 }))).toBe('BAD_USER_INPUT');
      expect(await codeOf(deadLetters.list({ first: 5, after: 'bogus' }))).toBe('BAD_USER_INPUT');
    });
  });
});
