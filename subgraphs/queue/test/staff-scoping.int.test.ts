import { randomUUID } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callers } from '@clinicflow/testing';
import {
  ENTRY_ACTIONS,
  type QueueClinic,
  startQueueClinic,
  TestClock,
  type TestFacility,
} from './support/queue-clinic';

const BOOK = 'mutation($input: AppointmentInput!) { bookAppointment(input: $input) { id } }';
const CANCEL = 'mutation($id: ID!) { cancelAppointment(id: $id, reason: "Rescheduled") { id } }';
const CHECK_IN = 'mutation($input: CheckInInput!) { checkIn(input: $input) { id } }';
const CALL_NEXT = 'mutation($p: ID!) { callNext(servicePointId: $p) { id } }';
const OWN_APPOINTMENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
  appointments { id startsAt status facility { id } service { id } } } } }`;

/** Issue 7's matrix findings, settled in decision 0016. */
describe('who may act on the queue', () => {
  const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
  const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
  let clinic: QueueClinic;
  let north: TestFacility;
  let south: TestFacility;
  /** Reception at the north site: its token carries the facility. */
  let northDesk: Caller;

  beforeAll(async () => {
    clinic = await startQueueClinic({ clock });
    north = await clinic.setUpFacility([{ tokenPrefix: 'N' }]);
    south = await clinic.setUpFacility([{ tokenPrefix: 'S' }]);
    northDesk = { subject: 'desk-north', role: 'reception', facilityId: north.facilityId, scopes: [] };
  });
  afterAll(() => clinic.stop());

  const checkInAt = (site: TestFacility, caller: Caller = callers.reception) =>
    clinic.call<{ checkIn: { id: string } }>(
      CHECK_IN,
      { input: { facilityId: site.facilityId, serviceId: site.serviceIds[0], patientId: randomUUID() } },
      caller,
    );

  describe('a staff token scoped to a facility', () => {
    it('checks in, calls and moves patients at its own facility', async () => {
      const checkedIn = await checkInAt(north, northDesk);
      expect(checkedIn.errors).toBeUndefined();
      const scopedClinician: Caller = { ...northDesk, subject: 'dr-north', role: 'clinician' };
      const called = await clinic.call(CALL_NEXT, { p: north.servicePointIds[0] }, scopedClinician);
      expect(called.errors).toBeUndefined();
      const recalled = await clinic.call(
        ENTRY_ACTIONS.recall,
        { entryId: checkedIn.data?.checkIn.id },
        scopedClinician,
      );
      expect(recalled.errors).toBeUndefined();
    });

    it("is refused every other facility's queue: check-in, calls, entry actions and bookings", async () => {
      expect((await checkInAt(south, northDesk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const southEntry = (await checkInAt(south)).data?.checkIn.id;
      for (const [action, variables] of [
        ['hold', { entryId: southEntry, reason: 'Payment' }],
        ['cancel', { entryId: southEntry, reason: 'Left' }],
        ['changePriority', { entryId: southEntry, priority: 3, reason: 'Faint' }],
        ['transfer', { entryId: southEntry, serviceId: south.serviceIds[0] }],
      ] as const) {
        expect(await clinic.errorCode(ENTRY_ACTIONS[action], variables, northDesk)).toBe('FORBIDDEN');
      }
      expect(
        await clinic.errorCode(CALL_NEXT, { p: south.servicePointIds[0] }, { ...northDesk, role: 'clinician' }),
      ).toBe('FORBIDDEN');
      const booking = { serviceId: south.serviceIds[0], patientId: randomUUID(), startsAt: at(120) };
      expect(await clinic.errorCode(BOOK, { input: booking }, northDesk)).toBe('FORBIDDEN');
      const booked = await clinic.data<{ bookAppointment: { id: string } }>(
        BOOK,
        { input: booking },
        callers.reception,
      );
      expect(await clinic.errorCode(CANCEL, { id: booked.bookAppointment.id }, northDesk)).toBe('FORBIDDEN');
      // And the refused entry is as it was.
      expect((await clinic.entry(southEntry as string)).status).toBe('WAITING');
    });
  });

  it('lets billing hold a patient while a payment is sorted out, and release them', async () => {
    const entryId = (await checkInAt(north)).data?.checkIn.id;
    expect((await clinic.act('hold', { entryId, reason: 'Co-pay to settle' }, callers.billing)).status).toBe('HELD');
    expect((await clinic.act('release', { entryId }, callers.billing)).status).toBe('WAITING');
    // Only those two: calling patients stays with the rooms.
    expect(await clinic.errorCode(ENTRY_ACTIONS.cancel, { entryId, reason: 'x' }, callers.billing)).toBe('FORBIDDEN');
  });

  it('shows a patient their own upcoming appointments, and nobody else theirs', async () => {
    const patientId = randomUUID();
    const soon = await clinic.data<{ bookAppointment: { id: string } }>(
      BOOK,
      { input: { serviceId: north.serviceIds[0], patientId, startsAt: at(60) } },
      callers.reception,
    );
    const later = await clinic.data<{ bookAppointment: { id: string } }>(
      BOOK,
      { input: { serviceId: north.serviceIds[0], patientId, startsAt: at(60 * 24) } },
      callers.reception,
    );
    await clinic.data(CANCEL, { id: later.bookAppointment.id }, callers.reception);
    const patient: Caller = { subject: 'p', role: 'patient', patientId, scopes: [] };
    const own = await clinic.call<{ _entities: { appointments: { id: string; status: string }[] }[] }>(
      OWN_APPOINTMENTS,
      { r: [{ __typename: 'Patient', id: patientId }] },
      patient,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?._entities[0]?.appointments).toEqual([
      {
        id: soon.bookAppointment.id,
        startsAt: at(60),
        status: 'BOOKED',
        facility: { id: north.facilityId },
        service: { id: north.serviceIds[0] },
      },
    ]);
    const stranger: Caller = { subject: 'q', role: 'patient', patientId: randomUUID(), scopes: [] };
    const theirs = await clinic.call(OWN_APPOINTMENTS, { r: [{ __typename: 'Patient', id: patientId }] }, stranger);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(theirs.data)).not.toContain(soon.bookAppointment.id);
  });
});
