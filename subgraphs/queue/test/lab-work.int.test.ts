import { randomUUID } from 'node:crypto';
import {
  type Delivery,
  type LabResultsPending,
  type PatientCheckedIn,
  publishEvent,
  type SpecimenCollected,
} from '@clinicflow/platform';
import { type EventListener, listenForEvents } from '@clinicflow/testing';
import { type Entry, type QueueClinic, type QueueUpdate, startQueueClinic, TestClock } from './support/queue-clinic';

const QUEUE_UPDATED = `subscription($f: ID!) { queueUpdated(facilityId: $f) { sequence reason entry { id } } }`;

interface Site {
  facilityId: string;
  serviceId: string;
  servicePointId: string;
}

describe('lab work in the queue: results-first visits and specimen collections', () => {
  let listener: EventListener<PatientCheckedIn>;
  // 09:00 in New York, where the test facilities are.
  const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
  let clinic: QueueClinic;
  let held: Site;
  let lowered: Site;
  let checkIns: Delivery<PatientCheckedIn>[];

  /** A facility with this code, one service (prefix A, 10-minute visits) and one room. */
  const site = async (code: string): Promise<Site> => {
    const { createFacility } = await clinic.data<{ createFacility: { id: string } }>(
      `mutation($input: FacilityInput!) { createFacility(input: $input) { id } }`,
      { input: { code, name: `Clinic ${code}`, timezone: 'America/New_York' } },
    );
    const { createService } = await clinic.data<{ createService: { id: string } }>(
      `mutation($input: ServiceInput!) { createService(input: $input) { id } }`,
      {
        input: {
          facilityId: createFacility.id,
          name: 'General practice',
          tokenPrefix: 'A',
          defaultServiceMinutes: 10,
          slotMinutes: 15,
        },
      },
    );
    const { createServicePoint } = await clinic.data<{ createServicePoint: { id: string } }>(
      `mutation($input: ServicePointInput!) { createServicePoint(input: $input) { id } }`,
      { input: { facilityId: createFacility.id, name: 'Room 1', kind: 'ROOM' } },
    );
    return { facilityId: createFacility.id, serviceId: createService.id, servicePointId: createServicePoint.id };
  };

  beforeAll(async () => {
    clinic = await startQueueClinic(
      { clock, estimateRefreshSeconds: 1 },
      { ...process.env, RESULTS_FIRST_SERVICES: 'HLD:A,LOW:A:lower' },
    );
    [held, lowered] = [await site('HLD'), await site('LOW')];
    listener = await listenForEvents<PatientCheckedIn>(clinic.subgraph.testDatabase.url, 'test.patient-checked-in', [
      'queue.patient-checked-in',
    ]);
    checkIns = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
    await clinic.stop();
  });

  /** What clinical publishes (lab-orders-pending.ts, specimen-collections.ts), on its own connection. */
  const fromClinical = <T extends object>(event: string, data: T, key: string) =>
    clinic.subgraph.database.dataSource.transaction((manager) =>
      publishEvent(listener.jobs, manager, event, data, { key }),
    );
  const resultsPending = (patientId: string) =>
    fromClinical<LabResultsPending>('clinical.lab-results-pending', { patientId }, patientId);
  const resultsCleared = (patientId: string) =>
    fromClinical<LabResultsPending>('clinical.lab-results-cleared', { patientId }, patientId);

  const eventually = async (check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** A minute after the one before: visits are placed in line by arrival, so the order never falls to the ids. */
  const walkIn = (at: Site, patientId: string = randomUUID(), priority = 0) => {
    clock.advance(1);
    return clinic.checkIn({ facilityId: at.facilityId, serviceId: at.serviceId, patientId, priority });
  };
  const entryIs = (entry: Entry, wanted: Partial<Entry>) => async () => {
    const now = await clinic.entry(entry.id);
    return Object.entries(wanted).every(([field, value]) => now[field as keyof Entry] === value);
  };

  it("holds a hold facility's entry while results are pending, a later check-in too, and releases both", async () => {
    const patientId = randomUUID();
    const before = await walkIn(held, patientId);
    const other = await walkIn(held);
    await resultsPending(patientId);
    await eventually(entryIs(before, { status: 'HELD', statusReason: 'Waiting for lab results' }));
    expect(await clinic.entry(other.id)).toMatchObject({ status: 'WAITING', position: 2 });

    // Checking in after the order was placed: held at once, in the check-in's own answer.
    const later = await walkIn(held, patientId);
    expect(later).toMatchObject({ status: 'HELD', statusReason: 'Waiting for lab results' });

    await resultsCleared(patientId);
    await eventually(entryIs(before, { status: 'WAITING', statusReason: null }));
    expect(await clinic.entry(before.id)).toMatchObject({ position: 1 });
    expect(await clinic.entry(later.id)).toMatchObject({ status: 'WAITING', statusReason: null });

    // Once cleared, a check-in is not held.
    expect(await walkIn(held, patientId)).toMatchObject({ status: 'WAITING' });
  });

  it("lowers a lower facility's entry behind everyone while results are pending, then restores its priority", async () => {
    const patientId = randomUUID();
    const urgent = await walkIn(lowered, patientId, 3);
    const next = await walkIn(lowered);
    expect(urgent.position).toBe(1);
    await resultsPending(patientId);
    await eventually(entryIs(urgent, { priority: -1, status: 'WAITING' }));
    expect(await clinic.entry(urgent.id)).toMatchObject({ position: 2 });
    expect(await clinic.entry(next.id)).toMatchObject({ position: 1 });

    const later = await walkIn(lowered, patientId);
    expect(later).toMatchObject({ status: 'WAITING', priority: -1, position: 3 });

    await resultsCleared(patientId);
    await eventually(entryIs(urgent, { priority: 3 }));
    await eventually(entryIs(later, { priority: 0 }));
    expect(await clinic.entry(urgent.id)).toMatchObject({ position: 1 });
    const { queueEntry } = await clinic.data<{
      queueEntry: { priorityChanges: { fromPriority: number; toPriority: number; reason: string }[] };
    }>(`query($id: ID!) { queueEntry(id: $id) { priorityChanges { fromPriority toPriority reason } } }`, {
      id: urgent.id,
    });
    expect(queueEntry.priorityChanges).toEqual([
      { fromPriority: 3, toPriority: -1, reason: 'Waiting for lab results' },
      { fromPriority: -1, toPriority: 3, reason: 'Lab results arrived' },
    ]);
  });

  it('leaves services that do not need results first alone', async () => {
    const lab = await site('LBA');
    const patientId = randomUUID();
    const entry = await walkIn(lab, patientId);
    const marker = await walkIn(held, patientId);
    await resultsPending(patientId);
    await eventually(entryIs(marker, { status: 'HELD' }));
    expect(await clinic.entry(entry.id)).toMatchObject({ status: 'WAITING', priority: 0 });
  });

  it('moves the estimates behind a visit later by the collection time, and tells live subscribers', async () => {
    const lab = await site('LBB');
    const patientId = randomUUID();
    const inRoom = await walkIn(lab, patientId);
    await clinic.callNext(lab.servicePointId, lab.serviceId);
    await clinic.act('startService', { entryId: inRoom.id });
    await walkIn(lab);
    await walkIn(lab);
    const waiting = (
      await clinic.data<{ queueEntries: { edges: { node: Entry }[] } }>(
        `query($f: ID!) { queueEntries(facilityId: $f, first: 50) { edges { node { id status estimatedWaitMinutes } } } }`,
        { f: lab.facilityId },
      )
    ).queueEntries.edges
      .map((edge) => edge.node)
      .filter((node) => node.status === 'WAITING');
    expect(waiting.map((entry) => entry.estimatedWaitMinutes)).toEqual([0, 10]);
    const before = new Map(waiting.map((entry) => [entry.id, entry.estimatedWaitMinutes]));

    const subscription = await clinic.subscribe(QUEUE_UPDATED, { f: lab.facilityId });
    try {
      const collection: SpecimenCollected = {
        collectionId: randomUUID(),
        patientId,
        queueEntryId: null,
        collectedAt: clock.now().toISOString(),
        minutes: 12,
      };
      await fromClinical('clinical.specimen-collected', collection, patientId);
      const event = await subscription.next();
      const update = event.data?.queueUpdated as QueueUpdate;
      expect(update).toMatchObject({ reason: 'ESTIMATES_UPDATED', entry: null });
      for (const [id, minutes] of before) {
        expect((await clinic.entry(id)).estimatedWaitMinutes).toBe(minutes! + 12);
      }
      // Delivered again: recorded once.
      await fromClinical('clinical.specimen-collected', collection, patientId);
      // Five minutes on, five of the twelve are spent.
      clock.advance(5);
      for (const [id, minutes] of before) {
        expect((await clinic.entry(id)).estimatedWaitMinutes).toBe(minutes! + 7);
      }
      // The visit ends: its room is free, whatever was left of the collection.
      await clinic.act('complete', { entryId: inRoom.id });
      for (const [id, minutes] of before) {
        expect((await clinic.entry(id)).estimatedWaitMinutes).toBe(minutes);
      }
    } finally {
      await subscription.close();
    }
  });

  it('gives a collection outside a visit in progress no room time', async () => {
    const [lab, other] = [await site('LBC'), await site('LBD')];
    const patientId = randomUUID();
    await walkIn(lab, patientId);
    const behind = await walkIn(lab);
    const before = (await clinic.entry(behind.id)).estimatedWaitMinutes;
    await fromClinical<SpecimenCollected>(
      'clinical.specimen-collected',
      {
        collectionId: randomUUID(),
        patientId,
        queueEntryId: null,
        collectedAt: clock.now().toISOString(),
        minutes: 30,
      },
      patientId,
    );
    // A marker: a collection for a visit in progress, published after it under the same key, is applied after it.
    const marker = randomUUID();
    const markerEntry = await walkIn(other, marker);
    await clinic.callNext(other.servicePointId, other.serviceId);
    await fromClinical<SpecimenCollected>(
      'clinical.specimen-collected',
      {
        collectionId: randomUUID(),
        patientId: marker,
        queueEntryId: markerEntry.id,
        collectedAt: clock.now().toISOString(),
        minutes: 30,
      },
      patientId,
    );
    // Checked in a minute after the collection: 29 of its 30 minutes are left.
    const behindMarker = await walkIn(other);
    await eventually(async () => (await clinic.entry(behindMarker.id)).estimatedWaitMinutes === 29);
    expect((await clinic.entry(behind.id)).estimatedWaitMinutes).toBe(before);
  });

  it('tells clinical where a patient checked in (ids and time only), for the facility of their alerts', async () => {
    const patientId = randomUUID();
    const entry = await walkIn(held, patientId);
    await eventually(async () => checkIns.some((delivery) => delivery.data.queueEntryId === entry.id));
    const delivery = checkIns.find((candidate) => candidate.data.queueEntryId === entry.id)!;
    expect({ key: delivery.key, data: delivery.data }).toEqual({
      key: patientId,
      data: { patientId, facilityId: held.facilityId, queueEntryId: entry.id, checkedInAt: clock.now().toISOString() },
    });
  });
});
