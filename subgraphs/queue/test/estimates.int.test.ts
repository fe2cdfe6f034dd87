import { randomUUID } from 'node:crypto';
import { callers } from '@clinicflow/testing';
import { display, type QueueClinic, type QueueUpdate, startQueueClinic, TestClock } from './support/queue-clinic';

const QUEUE_UPDATED = `subscription($f: ID!) { queueUpdated(facilityId: $f) { sequence reason entry { id } } }`;

describe('wait estimates and the schedule alert', () => {
  // 09:00 in New York, where the test facilities are.
  const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
  let clinic: QueueClinic;

  beforeAll(async () => {
    clinic = await startQueueClinic({ clock, estimateRefreshSeconds: 1 });
  });
  afterAll(() => clinic.stop());

  const waits = async (facilityId: string) => {
    const { queueEntries } = await clinic.data<{
      queueEntries: { edges: { node: { position: number; estimatedWaitMinutes: number } }[] };
    }>(
      `query($f: ID!) { queueEntries(facilityId: $f, statuses: [WAITING]) {
        edges { node { position estimatedWaitMinutes } } } }`,
      { f: facilityId },
    );
    return queueEntries.edges.map(({ node }) => [node.position, node.estimatedWaitMinutes]);
  };

  /** Serves the next patient at a room for `minutes`, on the test clock. */
  const serve = async (room: string, minutes: number) => {
    const entry = await clinic.callNext(room);
    await clinic.act('startService', { entryId: entry!.id });
    clock.advance(minutes);
    await clinic.act('complete', { entryId: entry!.id });
  };

  const refreshesDone = async () => {
    for (;;) {
      const [{ pending }] = (await clinic.subgraph.database.dataSource.query(
        `SELECT count(*)::int AS pending FROM pgboss.job
         WHERE name = 'queue-estimate-refresh' AND state IN ('created', 'retry', 'active')`,
      )) as { pending: number }[];
      if (pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /** Reads events until one with this reason arrives. */
  const nextOf = async (events: Awaited<ReturnType<QueueClinic['subscribe']>>, reason: string) => {
    for (;;) {
      const update: QueueUpdate = (await events.next(15_000)).data!.queueUpdated!;
      if (update.reason === reason) return update;
    }
  };

  it("uses the service's default until there is history, then the mean of recent visits, shared by the rooms calling", async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility(
      [{ tokenPrefix: 'E', defaultServiceMinutes: 10 }],
      2,
    );
    const [roomOne, roomTwo] = servicePointIds;
    for (let i = 0; i < 7; i += 1) {
      await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
      clock.advance(1);
    }
    expect(await waits(facilityId)).toEqual([
      [1, 0],
      [2, 10],
      [3, 20],
      [4, 30],
      [5, 40],
      [6, 50],
      [7, 60],
    ]);

    const events = await clinic.subscribe(QUEUE_UPDATED, { f: facilityId });
    try {
      await serve(roomOne!, 4);
      await serve(roomOne!, 4);
      // Two visits are not history enough: still the default.
      expect((await waits(facilityId)).slice(0, 2)).toEqual([
        [1, 0],
        [2, 10],
      ]);
      await serve(roomOne!, 7);
      // Three are: their mean is 5 minutes; one room called in the last hour.
      expect(await waits(facilityId)).toEqual([
        [1, 0],
        [2, 5],
        [3, 10],
        [4, 15],
      ]);
      const announced = await nextOf(events, 'ESTIMATES_UPDATED');
      expect(announced.entry).toBeNull();
    } finally {
      await events.close();
    }

    // A second room calls this service: the line moves twice as fast.
    await clinic.callNext(roomTwo!);
    expect(await waits(facilityId)).toEqual([
      [1, 0],
      [2, 3],
      [3, 5],
    ]);

    // A week and a day later, the history and the recent calls have aged out.
    clock.advance(8 * 24 * 60);
    expect(await waits(facilityId)).toEqual([
      [1, 0],
      [2, 10],
      [3, 20],
    ]);
  });

  it('takes the mean over the latest 20 visits only', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'M' }]);
    for (let i = 0; i < 24; i += 1)
      await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    for (let i = 0; i < 3; i += 1) await serve(servicePointIds[0]!, 30);
    for (let i = 0; i < 20; i += 1) await serve(servicePointIds[0]!, 2);
    expect(await waits(facilityId)).toEqual([[1, 0]]);
    await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    expect(await waits(facilityId)).toEqual([
      [1, 0],
      [2, 2],
    ]);
  });

  it('flags the schedule while booked patients wait longer than a slot, and clears the flag when they do not', async () => {
    const { facilityId, serviceIds } = await clinic.setUpFacility([
      { tokenPrefix: 'B', defaultServiceMinutes: 10, slotMinutes: 15 },
    ]);
    const [serviceId] = serviceIds;
    const alertQuery = `query($f: ID!) { facility(id: $f) {
      scheduleAlerts { serviceId longestWaitMinutes slotMinutes since service { id } }
      services { scheduleAlert { longestWaitMinutes slotMinutes since } } } }`;
    type Alerts = {
      facility: {
        scheduleAlerts: { serviceId: string; longestWaitMinutes: number; slotMinutes: number; since: string }[];
        services: { scheduleAlert: { longestWaitMinutes: number } | null }[];
      };
    };
    const events = await clinic.subscribe(QUEUE_UPDATED, { f: facilityId });
    try {
      const booked = [];
      for (let slot = 0; slot < 3; slot += 1) {
        const { bookAppointment } = await clinic.data<{ bookAppointment: { id: string } }>(
          `mutation($input: AppointmentInput!) { bookAppointment(input: $input) { id } }`,
          {
            input: {
              serviceId,
              patientId: randomUUID(),
              startsAt: new Date(clock.now().getTime() + slot * 15 * 60_000).toISOString(),
            },
          },
        );
        booked.push(await clinic.checkIn({ facilityId, appointmentId: bookAppointment.id }));
      }
      expect(booked.map((entry) => entry.estimatedWaitMinutes)).toEqual([0, 10, 20]);

      await nextOf(events, 'ESTIMATES_UPDATED');
      const { facility } = await clinic.data<Alerts>(alertQuery, { f: facilityId });
      expect(facility.scheduleAlerts).toEqual([
        {
          serviceId,
          longestWaitMinutes: 20,
          slotMinutes: 15,
          since: clock.now().toISOString(),
          service: { id: serviceId },
        },
      ]);
      expect(facility.services[0]!.scheduleAlert).toMatchObject({ longestWaitMinutes: 20, slotMinutes: 15 });
      const onScreen = await clinic.call(alertQuery, { f: facilityId }, display(facilityId));
      expect(onScreen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      await clinic.act('cancel', { entryId: booked[2]!.id, reason: 'Rebooked for tomorrow' }, callers.reception);
      await nextOf(events, 'ESTIMATES_UPDATED');
      const cleared = await clinic.data<Alerts>(alertQuery, { f: facilityId });
      expect(cleared.facility.scheduleAlerts).toEqual([]);
      expect(cleared.facility.services[0]!.scheduleAlert).toBeNull();
    } finally {
      await events.close();
    }
  });

  it('answers the whole board with the same number of statements for 5 entries and for 40', async () => {
    const board = `query($f: ID!) { queueEntries(facilityId: $f, first: 100) { sequence totalCount edges { node {
      id token position estimatedWaitMinutes priorityReason priorityChanges { reason } appointment { id }
      transferredFrom { id } transferredTo { id } servicePoint { id } service { name scheduleAlert { since } }
      facility { name } } } } }`;
    const statementsFor = async (entries: number) => {
      const { facilityId, serviceIds } = await clinic.setUpFacility([{ tokenPrefix: 'N' }, { tokenPrefix: 'O' }]);
      for (let i = 0; i < entries; i += 1) {
        const entry = await clinic.checkIn({ facilityId, serviceId: serviceIds[i % 2], patientId: randomUUID() });
        if (i % 5 === 0) {
          await clinic.act('changePriority', { entryId: entry.id, priority: 1, reason: 'Frail, seated by the door' });
        }
      }
      // The refresh jobs these changes asked for run on the same database; let them finish first.
      await refreshesDone();
      const before = clinic.subgraph.database.counter.statements;
      const { queueEntries } = await clinic.data<{ queueEntries: { edges: unknown[] } }>(board, { f: facilityId });
      expect(queueEntries.edges).toHaveLength(entries);
      return clinic.subgraph.database.counter.statements - before;
    };
    const small = await statementsFor(5);
    expect(await statementsFor(40)).toBe(small);
  });
});
