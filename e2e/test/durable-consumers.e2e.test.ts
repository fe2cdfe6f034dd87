import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  createDurableEvents,
  createLogger,
  type Delivery,
  defineConsumer,
  publishEvent,
  type RunningConsumers,
  startConsumers,
} from '@clinicflow/platform';
import { createTestDatabase, type TestDatabase } from '@clinicflow/testing';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../src';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface FailedDeliveryView {
  id: string;
  consumer: string;
  event: string;
  eventId: string | null;
  key: string | null;
  references: { field: string; id: string }[];
  withheldFields: string[];
  error: string;
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
  publishedAt: string | null;
  status: 'WAITING' | 'REPLAYED' | 'DISCARDED';
  resolvedAt: string | null;
  resolvedBy: string | null;
  discardReason: string | null;
  replayDeliveryId: string | null;
}

const FIELDS = `id consumer event eventId key references { field id } withheldFields error attempts
  firstAttemptAt lastAttemptAt publishedAt status resolvedAt resolvedBy discardReason replayDeliveryId`;
const FAILED_DELIVERIES = `query ($consumer: String, $first: Int, $after: String) {
  failedDeliveries(consumer: $consumer, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FIELDS} } }
  }
}`;
const REPLAY = `mutation ($id: ID!) { replayDelivery(id: $id) { ${FIELDS} } }`;
const DISCARD = `mutation ($id: ID!, $reason: String!) { discardDelivery(id: $id, reason: $reason) { ${FIELDS} } }`;

/**
 * Durable consumers end to end: failed deliveries through the gateway for admins, and a worker
 * killed mid-run that loses nothing it accepted.
 */
describe('durable consumers', () => {
  describe('failed deliveries, through the gateway', () => {
    let platform: TestPlatform;
    let boss: PgBoss;
    let dataSource: DataSource;
    let consumers: RunningConsumers;
    let admin: string;
    let healthy = false;
    const handled: Delivery<Record<string, unknown>>[] = [];
    const PATIENT = { givenName: 'Imogen', familyName: 'Falstaff', mrn: 'MRN-77031', phone: '+1 555 013 9182' };

    const post = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLBody<T>;
    };
    const codesOf = (body: GraphQLBody<unknown>) => (body.errors ?? []).map((error) => error.extensions?.code);
    const waiting = async (consumer = 'e2e.lab-result-sms') =>
      (
        await post<{ failedDeliveries: { totalCount: number; edges: { node: FailedDeliveryView }[] } }>(
          admin,
          FAILED_DELIVERIES,
          {
            consumer,
          },
        )
      ).data!.failedDeliveries;

    /** Publishes a lab-result event that the (unhealthy) consumer fails twice, and waits for its dead letter. */
    const failOne = async () => {
      const before = (await waiting()).totalCount;
      const patientId = randomUUID();
      const labResultId = randomUUID();
      const published = await dataSource.transaction((manager) =>
        publishEvent(boss, manager, 'lab-result.available', { patientId, labResultId, ...PATIENT }, { key: patientId }),
      );
      await until('the delivery is dead-lettered', async () => (await waiting()).totalCount > before);
      const letter = (await waiting()).edges.find((edge) => edge.node.eventId === published.id)!.node;
      return { letter, patientId, labResultId, eventId: published.id };
    };

    beforeAll(async () => {
      platform = await startTestPlatform('consumers');
      admin = await platform.token('admin');
      // A consumer in a service of its own (this process) on the platform's database.
      boss = createDurableEvents(platform.database.url);
      // Dropping the database at the end can cut a connection pg-boss is still closing.
      boss.on('error', () => {});
      await boss.start();
      dataSource = await new DataSource({ type: 'postgres', url: platform.database.url }).initialize();
      consumers = await startConsumers(
        boss,
        [
          defineConsumer<Record<string, unknown>>({
            name: 'e2e.lab-result-sms',
            events: ['lab-result.available'],
            ordered: true,
            pollingIntervalSeconds: 0.5,
            retry: { limit: 1, delaySeconds: 1, backoff: false },
            handler: async (delivery) => {
              if (!healthy) throw new Error(`the SMS provider refused ${delivery.data.phone}: 21610`);
              handled.push(delivery);
            },
          }),
        ],
        { logger: createLogger('e2e-consumer', 'silent') },
      );
    });
    afterAll(async () => {
      await consumers?.stop();
      await boss?.stop({ graceful: false, wait: true });
      await dataSource?.destroy();
      await platform?.stop();
    });

    it('shows an admin what failed, why, how often and when, with ids and no patient data', async () => {
      const { letter, patientId, labResultId, eventId } = await failOne();
      expect(letter).toMatchObject({
        consumer: 'e2e.lab-result-sms',
        event: 'lab-result.available',
        eventId,
        key: patientId,
        references: [
          { field: 'labResultId', id: labResultId },
          { field: 'patientId', id: patientId },
        ],
        withheldFields: ['familyName', 'givenName', 'mrn', 'phone'],
        error: 'the SMS provider refused [number]: 21610',
        attempts: 2,
        status: 'WAITING',
        resolvedAt: null,
      });
      expect(Date.parse(letter.lastAttemptAt)).toBeGreaterThan(Date.parse(letter.firstAttemptAt));
      const body = JSON.stringify(await post(admin, FAILED_DELIVERIES));
      for (const value of Object.values(PATIENT)) expect(body).not.toContain(value);
    });

    it.each(['reception', 'clinician', 'billing', 'patient', 'display'] as const)(
      'refuses the %s role, and shows it nothing',
      async (role) => {
        const token = await platform.token(role, {
          ...(role === 'patient' ? { patientId: randomUUID() } : {}),
          ...(role === 'display' ? { facilityId: randomUUID() } : {}),
        });
        const letter = (await waiting()).edges[0]!.node;
        for (const [query, variables] of [
          [FAILED_DELIVERIES, {}],
          [REPLAY, { id: letter.id }],
          [DISCARD, { id: letter.id, reason: 'Not mine to keep' }],
        ] as const) {
          const body = await post(token, query, variables);
          expect(codesOf(body)).toContain('FORBIDDEN');
          expect(JSON.stringify(body.data ?? null)).not.toContain(letter.id);
        }
        expect((await waiting()).edges.find((edge) => edge.node.id === letter.id)?.node.status).toBe('WAITING');
      },
    );

    it('replays a failed delivery to its consumer with the same event id, once', async () => {
      const { letter, eventId } = await failOne();
      healthy = true;
      try {
        const replayed = await post<{ replayDelivery: FailedDeliveryView }>(admin, REPLAY, { id: letter.id });
        expect(replayed.errors).toBeUndefined();
        expect(replayed.data!.replayDelivery).toMatchObject({
          id: letter.id,
          status: 'REPLAYED',
          resolvedBy: 'e2e-admin',
          replayDeliveryId: expect.any(String),
        });
        await until('the consumer has the replay', () => handled.some((delivery) => delivery.id === eventId));
        const again = await post(admin, REPLAY, { id: letter.id });
        expect(codesOf(again)).toEqual(['CONFLICT']);
        expect((await waiting()).edges.map((edge) => edge.node.id)).not.toContain(letter.id);
      } finally {
        healthy = false;
      }
    });

    it('discards a failed delivery with a reason of 3 to 200 characters', async () => {
      const { letter } = await failOne();
      expect(codesOf(await post(admin, DISCARD, { id: letter.id, reason: 'no' }))).toEqual(['BAD_USER_INPUT']);
      const discarded = await post<{ discardDelivery: FailedDeliveryView }>(admin, DISCARD, {
        id: letter.id,
        reason: 'Result was phoned through to the patient',
      });
      expect(discarded.data!.discardDelivery).toMatchObject({
        status: 'DISCARDED',
        discardReason: 'Result was phoned through to the patient',
        resolvedBy: 'e2e-admin',
      });
      expect(codesOf(await post(admin, REPLAY, { id: letter.id }))).toEqual(['CONFLICT']);
      expect(codesOf(await post(admin, DISCARD, { id: letter.id, reason: 'Twice' }))).toEqual(['CONFLICT']);
      expect(codesOf(await post(admin, REPLAY, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    });

    it('pages, and lists every consumer when none is named', async () => {
      const all = await post<{ failedDeliveries: { totalCount: number } }>(admin, FAILED_DELIVERIES, {});
      expect(all.data!.failedDeliveries.totalCount).toBeGreaterThanOrEqual(1);
      const none = await post<{ failedDeliveries: { totalCount: number } }>(admin, FAILED_DELIVERIES, {
        consumer: 'queue-no-show',
      });
      expect(none.data!.failedDeliveries.totalCount).toBe(0);
      expect(codesOf(await post(admin, FAILED_DELIVERIES, { first: 501 }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('a worker killed mid-run', () => {
    const WORKER = join(__dirname, 'support', 'durable-worker.cjs');
    const KEYS = 20;
    const PER_KEY = 10;
    const EVENTS = KEYS * PER_KEY;
    let database: TestDatabase;
    let dataSource: DataSource;
    let publisher: PgBoss;
    const children: ChildProcess[] = [];

    const count = async (sql: string) => Number(((await dataSource.query(sql)) as { n: string }[])[0]!.n);

    /** Starts the worker process and resolves when its consumer runs. */
    const startWorker = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(process.execPath, [WORKER, database.url], { stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve(child);
        });
        child.on('exit', (code, signal) =>
          reject(new Error(`the worker exited (${code ?? signal}) before it was ready`)),
        );
      });
    const exited = (child: ChildProcess) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()));

    beforeAll(async () => {
      database = await createTestDatabase('kill');
      dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
      await dataSource.query(`
        CREATE TABLE seen (event_id uuid NOT NULL, attempt int NOT NULL, pid int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
        CREATE TABLE applied (seq bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, key text NOT NULL, n int NOT NULL);
        CREATE TABLE skipped (event_id uuid NOT NULL, pid int NOT NULL);
        CREATE TABLE totals (amount bigint NOT NULL);
        INSERT INTO totals VALUES (0);
      `);
      publisher = createDurableEvents(database.url);
      publisher.on('error', () => {});
      await publisher.start();
    });
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      await publisher?.stop({ graceful: false, wait: true });
      await dataSource?.destroy();
      await database?.drop();
    });

    it('loses nothing it accepted: every event is applied exactly once, and in order per key', async () => {
      const first = await startWorker();
      // 200 events: 20 patients, 10 each, interleaved, in 10 transactions of 20.
      const keys = Array.from({ length: KEYS }, () => randomUUID());
      const eventIds: string[] = [];
      for (let n = 0; n < PER_KEY; n += 1) {
        await dataSource.transaction(async (manager) => {
          for (const key of keys) {
            const event = await publishEvent(publisher, manager, 'kill-test.happened', { n, amount: 1 }, { key });
            eventIds.push(event.id);
          }
        });
      }

      await until(
        'the worker is well into the run',
        async () => (await count('SELECT count(*) AS n FROM applied')) >= 50,
      );
      first.kill('SIGKILL');
      await exited(first);
      const atKill = {
        applied: await count('SELECT count(*) AS n FROM applied'),
        inHand: await count(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'e2e.kill-test' AND state = 'active'`),
      };
      // Killed mid-run: deliveries in hand, and events not yet handled.
      expect(atKill.inHand).toBeGreaterThan(0);
      expect(atKill.applied).toBeLessThan(EVENTS);

      const second = await startWorker();
      await until(
        'every delivery is done',
        async () =>
          (await count(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'e2e.kill-test' AND state < 'completed'`)) ===
          0,
        45_000,
      );
      second.kill('SIGTERM');
      await exited(second);

      const states = (await dataSource.query(
        `SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name LIKE 'e2e.kill-test%' GROUP BY state`,
      )) as { state: string; n: number }[];
      expect(states).toEqual([{ state: 'completed', n: EVENTS }]);
      // At least once: every event was handled, those in hand at the kill more than once...
      expect(await count('SELECT count(DISTINCT event_id) AS n FROM seen')).toBe(EVENTS);
      const handlings = await count('SELECT count(*) AS n FROM seen');
      expect(handlings).toBeGreaterThan(EVENTS);
      // ...and exactly once in effect, thanks to the handler's dedupe on the event id.
      expect(await count('SELECT count(*) AS n FROM applied')).toBe(EVENTS);
      expect(await count('SELECT amount AS n FROM totals')).toBe(EVENTS);
      const appliedIds = ((await dataSource.query('SELECT event_id FROM applied')) as { event_id: string }[]).map(
        (row) => row.event_id,
      );
      expect(new Set(appliedIds)).toEqual(new Set(eventIds));
      // One patient's events were applied in the order they were published, across the kill.
      const order = (await dataSource.query(
        `SELECT key, array_agg(n ORDER BY seq) AS ns FROM applied GROUP BY key`,
      )) as { key: string; ns: number[] }[];
      expect(order).toHaveLength(KEYS);
      for (const row of order) expect(row.ns).toEqual([...Array(PER_KEY).keys()]);
      const skipped = await count('SELECT count(*) AS n FROM skipped');
      console.info(
        `kill test: ${EVENTS} events, killed with ${atKill.applied} applied and ${atKill.inHand} in hand; ` +
          `${handlings} handlings, ${skipped} redeliveries found their change already applied`,
      );
    });
  });
});
