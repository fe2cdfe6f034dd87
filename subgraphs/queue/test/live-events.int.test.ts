import { randomUUID } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callers } from '@clinicflow/testing';
import {
  display,
  type QueueClinic,
  type QueueUpdate,
  startQueueClinic,
  type TestFacility,
} from './support/queue-clinic';

const QUEUE_UPDATED = `subscription($f: ID!) { queueUpdated(facilityId: $f) {
  facilityId sequence reason occurredAt entry { id status token } } }`;
const TOKEN_CALLED = `subscription($f: ID!) { tokenCalled(facilityId: $f) {
  facilityId sequence reason occurredAt entry { id status token } } }`;

describe('live queue events', () => {
  let clinic: QueueClinic;
  let site: TestFacility;

  beforeAll(async () => {
    clinic = await startQueueClinic();
    site = await clinic.setUpFacility([{ tokenPrefix: 'A' }, { tokenPrefix: 'B' }]);
  });
  afterAll(() => clinic.stop());

  const walkIn = () =>
    clinic.checkIn({ facilityId: site.facilityId, serviceId: site.serviceIds[0], patientId: randomUUID() });

  const updates = async (caller: Caller = callers.admin) => {
    const subscription = await clinic.subscribe(QUEUE_UPDATED, { f: site.facilityId }, caller);
    return {
      next: async (): Promise<QueueUpdate> => {
        const event = await subscription.next();
        if (!event.data) throw new Error(JSON.stringify(event.errors));
        return event.data.queueUpdated!;
      },
      pending: subscription.pending,
      close: subscription.close,
    };
  };

  const boardSequence = async () =>
    (
      await clinic.data<{ queueEntries: { sequence: number } }>(
        `query($f: ID!) { queueEntries(facilityId: $f, first: 1) { sequence } }`,
        { f: site.facilityId },
      )
    ).queueEntries.sequence;

  it('publishes each committed change once, in sequence order, with the entry as it is now', async () => {
    const events = await updates();
    try {
      // Each event is awaited before the next change: `entry` is the entry as it is when the event is resolved.
      const entry = await walkIn();
      const received = [await events.next()];
      await clinic.callNext(site.servicePointIds[0]!);
      received.push(await events.next());
      await clinic.act('startService', { entryId: entry.id });
      received.push(await events.next());
      await clinic.act('complete', { entryId: entry.id });
      received.push(await events.next());
      expect(received.map((event) => [event.reason, event.entry?.status])).toEqual([
        ['CHECKED_IN', 'WAITING'],
        ['CALLED', 'CALLED'],
        ['STARTED', 'IN_SERVICE'],
        ['COMPLETED', 'COMPLETED'],
      ]);
      const first = received[0]!.sequence;
      expect(received.map((event) => event.sequence)).toEqual([first, first + 1, first + 2, first + 3]);
      for (const event of received) {
        expect(event).toMatchObject({ facilityId: site.facilityId, entry: { id: entry.id, token: entry.token } });
        expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
      }
      expect(await boardSequence()).toBe(first + 3);

      // A burst of changes, events read only afterwards: still one each, in sequence order.
      for (let i = 0; i < 5; i += 1) await walkIn();
      const burst = [];
      for (let i = 0; i < 5; i += 1) burst.push(await events.next());
      expect(burst.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5].map((n) => first + 3 + n));
      expect(new Set(burst.map((event) => event.reason))).toEqual(new Set(['CHECKED_IN']));
    } finally {
      await events.close();
    }
  });

  it('announces only calls and recalls on tokenCalled', async () => {
    const calls = await clinic.subscribe(TOKEN_CALLED, { f: site.facilityId }, display(site.facilityId));
    try {
      await walkIn();
      const entry = (await clinic.callNext(site.servicePointIds[0]!))!;
      const called = await calls.next();
      await clinic.act('recall', { entryId: entry.id });
      const recalled = await calls.next();
      await clinic.act('markNoShow', { entryId: entry.id });
      expect(called.data?.tokenCalled).toMatchObject({ reason: 'CALLED', entry: { id: entry.id, status: 'CALLED' } });
      expect(recalled.data?.tokenCalled).toMatchObject({
        reason: 'RECALLED',
        sequence: called.data!.tokenCalled!.sequence + 1,
      });
      await expect(calls.next(500)).rejects.toThrow('no event');
    } finally {
      await calls.close();
    }
  });

  it('publishes nothing for a change that rolls back, and takes its sequence number back', async () => {
    // A deferred constraint fails the hold at COMMIT, after every statement of the change has run.
    await clinic.subgraph.database.dataSource.query(`
      CREATE FUNCTION queue.refuse_test_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
    await clinic.subgraph.database.dataSource.query(`
      CREATE CONSTRAINT TRIGGER refuse_test_commit AFTER UPDATE ON queue.queue_entry DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.status_reason = 'fail at commit') EXECUTE FUNCTION queue.refuse_test_commit()`);
    const entry = await walkIn();
    const before = await boardSequence();
    const events = await updates();
    try {
      const failed = await clinic.call(`mutation($e: ID!) { hold(entryId: $e, reason: "fail at commit") { id } }`, {
        e: entry.id,
      });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect((await clinic.entry(entry.id)).status).toBe('WAITING');
      expect(await boardSequence()).toBe(before);

      await clinic.act('hold', { entryId: entry.id, reason: 'Payment pending' });
      const held = await events.next();
      expect(held).toMatchObject({ reason: 'HELD', sequence: before + 1, entry: { id: entry.id, status: 'HELD' } });
      expect(events.pending()).toEqual([]);
    } finally {
      await events.close();
    }
  });

  it('lets a reconnecting client resync: the board carries the sequence its rows are at', async () => {
    const events = await updates(display(site.facilityId));
    try {
      const { queueEntries: board } = await clinic.data<{
        queueEntries: { sequence: number; totalCount: number; edges: { node: { id: string } }[] };
      }>(
        `query($f: ID!) { queueEntries(facilityId: $f, statuses: [WAITING]) { sequence totalCount edges { node { id } } } }`,
        {
          f: site.facilityId,
        },
      );
      const entry = await walkIn();
      const event = await events.next();
      expect(event).toMatchObject({ reason: 'CHECKED_IN', sequence: board.sequence + 1, entry: { id: entry.id } });
      expect(board.edges.map(({ node }) => node.id)).not.toContain(entry.id);

      // An empty page still carries the sequence.
      const other = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
      const { queueEntries: empty } = await clinic.data<{ queueEntries: { sequence: number; totalCount: number } }>(
        `query($f: ID!) { queueEntries(facilityId: $f) { sequence totalCount } }`,
        { f: other.facilityId },
      );
      expect(empty).toEqual({ sequence: 0, totalCount: 0 });
    } finally {
      await events.close();
    }
  });

  it('refuses, when subscribing, a display of another facility and callers who may not follow the queue', async () => {
    const patient: Caller = { subject: 'p', role: 'patient', patientId: randomUUID(), scopes: [] };
    const refused: [Caller, string][] = [
      [display(randomUUID()), QUEUE_UPDATED],
      [display(randomUUID()), TOKEN_CALLED],
      [patient, QUEUE_UPDATED],
    ];
    for (const [caller, query] of refused) {
      const subscription = await clinic.subscribe(query, { f: site.facilityId }, caller);
      try {
        const refusal = await subscription.next();
        expect(refusal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      } finally {
        await subscription.close();
      }
    }
  });
});
