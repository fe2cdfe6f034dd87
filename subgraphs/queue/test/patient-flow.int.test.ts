import { randomUUID } from 'node:crypto';
import { callers } from '@clinicflow/testing';
import { ACTIONS } from '../src/domain/transitions';
import {
  display,
  type Entry,
  ENTRY_ACTIONS,
  type EntryAction,
  type QueueClinic,
  startQueueClinic,
  type TestFacility,
} from './support/queue-clinic';

describe('patient flow', () => {
  let clinic: QueueClinic;
  let site: TestFacility;

  beforeAll(async () => {
    clinic = await startQueueClinic();
    site = await clinic.setUpFacility([{ tokenPrefix: 'A' }, { tokenPrefix: 'B' }, { tokenPrefix: 'C' }], 2);
  });
  afterAll(() => clinic.stop());

  const walkIn = (serviceId: string, priority = 0) =>
    clinic.checkIn({ facilityId: site.facilityId, serviceId, patientId: randomUUID(), priority });

  /** The ids of a service's waiting and held entries, in call order. */
  const line = async (facilityId: string, serviceId: string) => {
    const { queueEntries } = await clinic.data<{ queueEntries: { edges: { node: Entry }[] } }>(
      `query($f: ID!, $s: ID) { queueEntries(facilityId: $f, serviceId: $s, statuses: [WAITING, HELD], first: 100) {
        edges { node { id } } } }`,
      { f: facilityId, s: serviceId },
    );
    return queueEntries.edges.map(({ node }) => node.id);
  };

  it('walks a patient from check-in through call, recall and service to completion', async () => {
    const [serviceA] = site.serviceIds;
    const [room] = site.servicePointIds;
    const checkedIn = await walkIn(serviceA!);
    expect(checkedIn).toMatchObject({ status: 'WAITING', position: 1, estimatedWaitMinutes: 0, calledAt: null });

    const called = await clinic.callNext(room!, serviceA);
    expect(called).toMatchObject({ id: checkedIn.id, status: 'CALLED', servicePoint: { id: room }, position: null });
    expect(called!.calledAt).not.toBeNull();
    expect(called!.estimatedWaitMinutes).toBeNull();

    const recalled = await clinic.act('recall', { entryId: checkedIn.id });
    expect(recalled.status).toBe('CALLED');
    expect(Date.parse(recalled.calledAt!)).toBeGreaterThanOrEqual(Date.parse(called!.calledAt!));

    const started = await clinic.act('startService', { entryId: checkedIn.id });
    expect(started.status).toBe('IN_SERVICE');
    expect(started.serviceStartedAt).not.toBeNull();

    const completed = await clinic.act('complete', { entryId: checkedIn.id });
    expect(completed).toMatchObject({ status: 'COMPLETED', position: null, estimatedWaitMinutes: null });
    expect(completed.completedAt).not.toBeNull();
  });

  it('refuses every transition the status does not allow, naming the current status, and unknown ids', async () => {
    const [serviceA, serviceB, serviceC] = site.serviceIds;
    const [room] = site.servicePointIds;
    // Built one at a time in service C, so that each call picks the entry just checked in.
    const calledEntry = async () => {
      const entry = await walkIn(serviceC!);
      await clinic.callNext(room!, serviceC);
      return entry.id;
    };
    const inService = await calledEntry();
    await clinic.act('startService', { entryId: inService });
    const completed = await calledEntry();
    await clinic.act('startService', { entryId: completed });
    await clinic.act('complete', { entryId: completed });
    const noShow = await calledEntry();
    await clinic.act('markNoShow', { entryId: noShow });
    const called = await calledEntry();
    const cancelled = (await walkIn(serviceC!)).id;
    await clinic.act('cancel', { entryId: cancelled, reason: 'Went home' });
    const held = (await walkIn(serviceC!)).id;
    await clinic.act('hold', { entryId: held, reason: 'Card declined' });
    const transferred = (await walkIn(serviceC!)).id;
    await clinic.act('transfer', { entryId: transferred, serviceId: serviceB });
    const waiting = (await walkIn(serviceC!)).id;
    const byStatus: Record<string, string> = {
      WAITING: waiting,
      CALLED: called,
      IN_SERVICE: inService,
      COMPLETED: completed,
      NO_SHOW: noShow,
      CANCELLED: cancelled,
      HELD: held,
      TRANSFERRED: transferred,
    };
    const variables = (action: EntryAction, entryId: string) => ({
      entryId,
      ...(action === 'cancel' || action === 'hold' ? { reason: 'Some reason' } : {}),
      ...(action === 'transfer' ? { serviceId: serviceA } : {}),
      ...(action === 'changePriority' ? { priority: 7, reason: 'Some reason' } : {}),
    });

    let refused = 0;
    for (const action of Object.keys(ENTRY_ACTIONS) as EntryAction[]) {
      const allowed: string[] = ACTIONS[action].from.map((status) => status.toUpperCase());
      for (const [status, entryId] of Object.entries(byStatus)) {
        if (allowed.includes(status)) continue;
        const response = await clinic.call(ENTRY_ACTIONS[action], variables(action, entryId), callers.clinician);
        expect({ action, status, error: response.errors?.[0]?.extensions }).toEqual({
          action,
          status,
          error: { code: 'CONFLICT', status },
        });
        expect(response.errors?.[0]?.message).toContain(status);
        refused += 1;
      }
      expect(await clinic.errorCode(ENTRY_ACTIONS[action], variables(action, randomUUID()), callers.clinician)).toBe(
        'NOT_FOUND',
      );
    }
    // 10 actions × 8 statuses, less the 17 transitions the state machine allows.
    expect(refused).toBe(63);
    // Nothing refused changed anything.
    expect((await clinic.entry(waiting)).status).toBe('WAITING');
    expect((await clinic.entry(held)).status).toBe('HELD');
  });

  it(`skips a called patient behind the next waiting patients of the same service and priority`, async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'S' }]);
    const [service] = serviceIds;
    const inLine = await sequence(5, () => clinic.checkIn({ facilityId, serviceId: service, patientId: randomUUID() }));
    const first = await clinic.callNext(servicePointIds[0]!, service);
    expect(first!.id).toBe(inLine[0]!.id);

    const skipped = await clinic.act('skip', { entryId: first!.id });
    expect(skipped).toMatchObject({ status: 'WAITING', position: 4 });
    expect(await line(facilityId, service!)).toEqual([
      inLine[1]!.id,
      inLine[2]!.id,
      inLine[3]!.id,
      inLine[0]!.id,
      inLine[4]!.id,
    ]);

    // With fewer than three behind, the skipped patient goes to the end of the line.
    for (let i = 0; i < 3; i += 1) await clinic.callNext(servicePointIds[0]!, service);
    const again = await clinic.callNext(servicePointIds[0]!, service);
    expect(again!.id).toBe(inLine[0]!.id);
    expect((await clinic.act('skip', { entryId: again!.id })).position).toBe(2);
  });

  it('keeps a held entry in its place, passes over it when calling, and releases it back into that place', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'H' }]);
    const [service] = serviceIds;
    const [room] = servicePointIds;
    const [p1, p2, p3, p4] = await sequence(4, () =>
      clinic.checkIn({ facilityId, serviceId: service, patientId: randomUUID() }),
    );
    const held = await clinic.act('hold', { entryId: p2!.id, reason: 'Payment pending' });
    expect(held).toMatchObject({
      status: 'HELD',
      position: 2,
      estimatedWaitMinutes: null,
      statusReason: 'Payment pending',
    });

    expect((await clinic.callNext(room!, service))!.id).toBe(p1!.id);
    // p3 is second in line behind the held p2, but nobody waiting is ahead of it: its wait is 0.
    expect(await clinic.entry(p3!.id)).toMatchObject({ position: 2, estimatedWaitMinutes: 0 });
    expect((await clinic.callNext(room!, service))!.id).toBe(p3!.id);

    const released = await clinic.act('release', { entryId: p2!.id });
    expect(released).toMatchObject({ status: 'WAITING', position: 1, statusReason: null });
    expect((await clinic.entry(p4!.id)).position).toBe(2);
    // A called patient can be held too, for example at the counter; release puts them first again.
    const calledAgain = await clinic.callNext(room!, service);
    expect(calledAgain!.id).toBe(p2!.id);
    expect((await clinic.act('hold', { entryId: p2!.id, reason: 'Fetching the card' })).position).toBe(1);
    expect((await clinic.act('release', { entryId: p2!.id })).position).toBe(1);
  });

  it('transfers a patient with a new token of the target service, the same place in line, linked both ways', async () => {
    const { facilityId, serviceIds } = await clinic.setUpFacility([{ tokenPrefix: 'T' }, { tokenPrefix: 'U' }]);
    const [from, to] = serviceIds;
    const patientId = randomUUID();
    const original = await clinic.checkIn({ facilityId, serviceId: from, patientId, priority: 2 });
    const laterInTarget = await clinic.checkIn({ facilityId, serviceId: to, patientId: randomUUID(), priority: 2 });

    const moved = await clinic.act('transfer', { entryId: original.id, serviceId: to });
    expect(moved).toMatchObject({
      status: 'WAITING',
      priority: 2,
      position: 1,
      transferredFrom: { id: original.id },
      transferredTo: null,
    });
    expect(moved.token).toMatch(/^U-\d{3}$/);
    expect(moved.token).not.toBe(laterInTarget.token);
    expect(await clinic.entry(original.id)).toMatchObject({ status: 'TRANSFERRED', transferredTo: { id: moved.id } });
    expect((await clinic.entry(laterInTarget.id)).position).toBe(2);

    expect(await clinic.errorCode(ENTRY_ACTIONS.transfer, { entryId: moved.id, serviceId: to })).toBe('BAD_USER_INPUT');
    expect(await clinic.errorCode(ENTRY_ACTIONS.transfer, { entryId: moved.id, serviceId: site.serviceIds[0] })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await clinic.errorCode(ENTRY_ACTIONS.transfer, { entryId: moved.id, serviceId: randomUUID() })).toBe(
      'NOT_FOUND',
    );
  });

  it('changes priority with a kept reason: who, when, from, to and why', async () => {
    const { facilityId, serviceIds } = await clinic.setUpFacility([{ tokenPrefix: 'P' }]);
    const [service] = serviceIds;
    const ahead = await clinic.checkIn({ facilityId, serviceId: service, patientId: randomUUID() });
    const urgent = await clinic.checkIn({ facilityId, serviceId: service, patientId: randomUUID() });

    const changed = await clinic.act(
      'changePriority',
      { entryId: urgent.id, priority: 5, reason: 'Chest pain reported at triage' },
      callers.reception,
    );
    expect(changed).toMatchObject({ priority: 5, position: 1 });
    expect((await clinic.entry(ahead.id)).position).toBe(2);
    await clinic.act('changePriority', { entryId: urgent.id, priority: 3, reason: 'Seen by the nurse' });

    const { queueEntry } = await clinic.data<{
      queueEntry: { priorityReason: string; priorityChanges: Record<string, unknown>[] };
    }>(
      `query($id: ID!) { queueEntry(id: $id) { priorityReason
        priorityChanges { fromPriority toPriority reason changedBy changedAt } } }`,
      { id: urgent.id },
    );
    expect(queueEntry.priorityReason).toBe('Seen by the nurse');
    expect(queueEntry.priorityChanges).toEqual([
      expect.objectContaining({
        fromPriority: 0,
        toPriority: 5,
        reason: 'Chest pain reported at triage',
        changedBy: 'test-reception',
      }),
      expect.objectContaining({
        fromPriority: 5,
        toPriority: 3,
        reason: 'Seen by the nurse',
        changedBy: 'test-clinician',
      }),
    ]);

    const priority = (value: number, reason: string) => ({ entryId: urgent.id, priority: value, reason });
    expect(await clinic.errorCode(ENTRY_ACTIONS.changePriority, priority(4, 'no'))).toBe('BAD_USER_INPUT');
    expect(await clinic.errorCode(ENTRY_ACTIONS.changePriority, priority(11, 'Too high'))).toBe('BAD_USER_INPUT');
    expect(await clinic.errorCode(ENTRY_ACTIONS.changePriority, priority(3, 'Same again'))).toBe('BAD_USER_INPUT');
  });

  it('cancels with a reason that staff see and a display does not', async () => {
    const entry = await walkIn(site.serviceIds[1]!);
    await clinic.act('cancel', { entryId: entry.id, reason: 'Left before being seen' });
    expect(await clinic.entry(entry.id)).toMatchObject({ status: 'CANCELLED', statusReason: 'Left before being seen' });
    const onScreen = await clinic.call(
      `query($f: ID!) { queueEntries(facilityId: $f, statuses: [CANCELLED]) { edges { node { token statusReason } } } }`,
      { f: site.facilityId },
      display(site.facilityId),
    );
    expect(onScreen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await clinic.errorCode(ENTRY_ACTIONS.cancel, { entryId: entry.id, reason: 'x' })).toBe('BAD_USER_INPUT');
  });

  // Billing may hold and release (a payment to sort out, decision 0016), but moves nobody else.
  it('lets only reception, clinicians and admins move patients', async () => {
    const entry = await walkIn(site.serviceIds[1]!);
    for (const caller of [callers.billing, display(site.facilityId)]) {
      expect(await clinic.errorCode(ENTRY_ACTIONS.cancel, { entryId: entry.id, reason: 'Not theirs' }, caller)).toBe(
        'FORBIDDEN',
      );
      expect(
        await clinic.errorCode(
          `mutation($p: ID!) { callNext(servicePointId: $p) { id } }`,
          { p: site.servicePointIds[0] },
          caller,
        ),
      ).toBe('FORBIDDEN');
    }
  });

  it('asks for one estimate refresh per facility however many changes come in a burst', async () => {
    const { facilityId, serviceIds } = await clinic.setUpFacility([{ tokenPrefix: 'R' }]);
    await sequence(5, () => clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() }));
    const [{ waiting }] = (await clinic.subgraph.database.dataSource.query(
      `SELECT count(*)::int AS waiting FROM pgboss.job WHERE name = 'queue-estimate-refresh' AND singleton_key = $1`,
      [facilityId],
    )) as { waiting: number }[];
    expect(waiting).toBe(1);
  });

  it('has a five-minute no-show grace period unless the service sets one', async () => {
    const { facilities } = await clinic.data<{
      facilities: { id: string; services: { noShowGraceMinutes: number }[] }[];
    }>(`{ facilities { id services { noShowGraceMinutes } } }`);
    expect(facilities.find((facility) => facility.id === site.facilityId)!.services[0]!.noShowGraceMinutes).toBe(5);
  });
});

/** Runs `count` operations one after another (their order matters: it is the order of arrival). */
async function sequence<T>(count: number, operation: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i += 1) results.push(await operation());
  return results;
}
