import { randomUUID } from 'node:crypto';
import { callers } from '@clinicflow/testing';
import {
  display,
  ENTRY_ACTIONS,
  type QueueClinic,
  startQueueClinic,
  TestClock,
  type TestFacility,
} from './support/queue-clinic';

const BOOK = `mutation($input: AppointmentInput!) { bookAppointment(input: $input) {
  id facilityId serviceId startsAt slotMinutes status source externalId patient { id } } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelAppointment(id: $id, reason: $reason) { id status cancelReason } }`;

interface Booked {
  id: string;
  facilityId: string;
  serviceId: string;
  startsAt: string;
  slotMinutes: number;
  status: string;
  source: string;
  externalId: string | null;
  patient: { id: string };
}

describe('appointments', () => {
  // 09:00 in New York, where the test facilities are.
  const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
  const at = (minutesFromNow: number) => new Date(clock.now().getTime() + minutesFromNow * 60_000).toISOString();
  let clinic: QueueClinic;
  let site: TestFacility;

  beforeAll(async () => {
    clinic = await startQueueClinic({ clock });
    site = await clinic.setUpFacility([{ tokenPrefix: 'A', slotMinutes: 20 }, { tokenPrefix: 'B' }]);
  });
  afterAll(() => clinic.stop());

  const book = async (input: Record<string, unknown>) =>
    (await clinic.data<{ bookAppointment: Booked }>(BOOK, { input }, callers.reception)).bookAppointment;

  const bookFor = (patientId: string, minutesFromNow: number, serviceId = site.serviceIds[0]) =>
    book({ serviceId, patientId, startsAt: at(minutesFromNow) });

  it('books a slot with the facility and slot length of the service, and lists a range in start order, a page at a time', async () => {
    const { facilityId, serviceIds } = await clinic.setUpFacility([{ tokenPrefix: 'L', slotMinutes: 30 }]);
    const patientId = randomUUID();
    const later = await book({ serviceId: serviceIds[0], patientId, startsAt: at(60) });
    const sooner = await book({
      serviceId: serviceIds[0],
      patientId,
      startsAt: at(30),
      source: 'ehr',
      externalId: 'E-1',
    });
    await book({ serviceId: serviceIds[0], patientId, startsAt: at(60 * 24) });
    expect(sooner).toMatchObject({ facilityId, slotMinutes: 30, status: 'BOOKED', source: 'ehr', externalId: 'E-1' });
    expect(later).toMatchObject({ source: 'clinicflow', externalId: null, patient: { id: patientId } });

    const list = `query($f: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $after: String) {
      appointments(facilityId: $f, from: $from, to: $to, first: 1, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      appointments: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { endCursor: string } };
    };
    const range = { f: facilityId, from: at(0), to: at(8 * 60) };
    const first = await clinic.data<Page>(list, range);
    const second = await clinic.data<Page>(list, { ...range, after: first.appointments.pageInfo.endCursor });
    expect(first.appointments.totalCount).toBe(2);
    expect([first, second].map((page) => page.appointments.edges[0]!.node.id)).toEqual([sooner.id, later.id]);

    expect(await clinic.errorCode(list, { ...range, to: range.from })).toBe('BAD_USER_INPUT');
    expect(await clinic.errorCode(list, range, display(facilityId))).toBe('FORBIDDEN');
    expect(
      await clinic.errorCode(BOOK, {
        input: { serviceId: serviceIds[0], patientId, startsAt: at(90), source: 'ehr', externalId: 'E-1' },
      }),
    ).toBe('CONFLICT');
    expect(await clinic.errorCode(BOOK, { input: { serviceId: randomUUID(), patientId, startsAt: at(0) } })).toBe(
      'NOT_FOUND',
    );
    expect(
      await clinic.errorCode(
        BOOK,
        { input: { serviceId: serviceIds[0], patientId, startsAt: at(0) } },
        callers.clinician,
      ),
    ).toBe('FORBIDDEN');
  });

  it('returns one appointment by id to staff of its facility, and refuses other facilities and patients', async () => {
    const patientId = randomUUID();
    const booked = await bookFor(patientId, 45);
    const ONE = `query($id: ID!) { appointment(id: $id) { id startsAt status patient { id } } }`;
    const { appointment } = await clinic.data<{ appointment: Booked }>(ONE, { id: booked.id }, callers.clinician);
    expect(appointment).toEqual({ id: booked.id, startsAt: at(45), status: 'BOOKED', patient: { id: patientId } });
    const otherDesk = { subject: 'desk-other', role: 'reception' as const, facilityId: randomUUID(), scopes: [] };
    expect(await clinic.errorCode(ONE, { id: booked.id }, otherDesk)).toBe('FORBIDDEN');
    expect(
      await clinic.errorCode(ONE, { id: booked.id }, { subject: 'p', role: 'patient', patientId, scopes: [] }),
    ).toBe('FORBIDDEN');
    expect(await clinic.errorCode(ONE, { id: randomUUID() })).toBe('NOT_FOUND');
    expect(await clinic.errorCode(ONE, { id: 'not-an-id' })).toBe('NOT_FOUND');
  });

  it('cancels a booked appointment, keeping the reason, and only a booked one', async () => {
    const appointment = await bookFor(randomUUID(), 45);
    const { cancelAppointment } = await clinic.data<{ cancelAppointment: Record<string, unknown> }>(CANCEL, {
      id: appointment.id,
      reason: 'Patient called to cancel',
    });
    expect(cancelAppointment).toEqual({
      id: appointment.id,
      status: 'CANCELLED',
      cancelReason: 'Patient called to cancel',
    });
    const again = await clinic.call(CANCEL, { id: appointment.id, reason: 'Twice' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });
    expect(await clinic.errorCode(CANCEL, { id: randomUUID(), reason: 'Unknown' })).toBe('NOT_FOUND');
    expect(await clinic.errorCode(CANCEL, { id: appointment.id, reason: 'no' })).toBe('BAD_USER_INPUT');
    const cancelled = await clinic.call(`mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`, {
      input: { facilityId: site.facilityId, appointmentId: appointment.id },
    });
    expect(cancelled.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });
  });

  it('checks a booked patient in by appointment, or by patient and service, once', async () => {
    const byAppointment = await bookFor(randomUUID(), 10);
    const entry = await clinic.checkIn({ facilityId: site.facilityId, appointmentId: byAppointment.id });
    const { queueEntry } = await clinic.data<{
      queueEntry: { appointment: { id: string; status: string; queueEntry: { id: string } } };
    }>(`query($id: ID!) { queueEntry(id: $id) { appointment { id status queueEntry { id } } } }`, { id: entry.id });
    expect(queueEntry.appointment).toEqual({
      id: byAppointment.id,
      status: 'CHECKED_IN',
      queueEntry: { id: entry.id },
    });
    const twice = await clinic.call(`mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`, {
      input: { facilityId: site.facilityId, appointmentId: byAppointment.id },
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CHECKED_IN' });

    const patientId = randomUUID();
    const tomorrow = await bookFor(patientId, 24 * 60);
    const today = await bookFor(patientId, 20);
    const byPatient = await clinic.checkIn({ facilityId: site.facilityId, serviceId: site.serviceIds[0], patientId });
    const linked = await clinic.data<{ queueEntry: { appointment: { id: string } | null } }>(
      `query($id: ID!) { queueEntry(id: $id) { appointment { id } } }`,
      { id: byPatient.id },
    );
    expect(linked.queueEntry.appointment).toEqual({ id: today.id });

    const checkIn = `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`;
    const refused = async (input: Record<string, unknown>) =>
      clinic.errorCode(checkIn, { input: { facilityId: site.facilityId, ...input } });
    expect(await refused({ appointmentId: tomorrow.id })).toBe('BAD_USER_INPUT');
    expect(await refused({ serviceId: site.serviceIds[0] })).toBe('BAD_USER_INPUT');
    expect(await refused({ patientId })).toBe('BAD_USER_INPUT');
    expect(await refused({ appointmentId: tomorrow.id, serviceId: site.serviceIds[1] })).toBe('BAD_USER_INPUT');
    expect(await refused({ appointmentId: tomorrow.id, patientId: randomUUID() })).toBe('BAD_USER_INPUT');
    expect(await refused({ appointmentId: randomUUID() })).toBe('NOT_FOUND');
    const elsewhere = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
    expect(
      await clinic.errorCode(checkIn, { input: { facilityId: elsewhere.facilityId, appointmentId: tomorrow.id } }),
    ).toBe('BAD_USER_INPUT');
  });

  it('places a booked patient who came early at their slot time, and a late one at their arrival', async () => {
    const { facilityId, serviceIds } = await clinic.setUpFacility([{ tokenPrefix: 'O', slotMinutes: 20 }]);
    const [serviceId] = serviceIds;
    const early = await book({ serviceId, patientId: randomUUID(), startsAt: at(30) });
    const late = await book({ serviceId, patientId: randomUUID(), startsAt: at(20) });
    const walkIn = () => clinic.checkIn({ facilityId, serviceId, patientId: randomUUID() });

    const bookedEarly = await clinic.checkIn({ facilityId, appointmentId: early.id }); // 09:00 for 09:30
    clock.advance(10);
    const firstWalkIn = await walkIn(); // 09:10
    clock.advance(30);
    const bookedLate = await clinic.checkIn({ facilityId, appointmentId: late.id }); // 09:40 for 09:20
    clock.advance(5);
    const secondWalkIn = await walkIn(); // 09:45

    const { queueEntries } = await clinic.data<{ queueEntries: { edges: { node: { id: string } }[] } }>(
      `query($f: ID!) { queueEntries(facilityId: $f, statuses: [WAITING]) { edges { node { id } } } }`,
      { f: facilityId },
    );
    expect(queueEntries.edges.map(({ node }) => node.id)).toEqual([
      firstWalkIn.id,
      bookedEarly.id,
      bookedLate.id,
      secondWalkIn.id,
    ]);
  });

  it('records a no-show of a booked patient on the appointment', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'N' }]);
    const appointment = await book({ serviceId: serviceIds[0], patientId: randomUUID(), startsAt: at(0) });
    const entry = await clinic.checkIn({ facilityId, appointmentId: appointment.id });
    await clinic.callNext(servicePointIds[0]!);
    await clinic.act('markNoShow', { entryId: entry.id });
    const { queueEntry } = await clinic.data<{ queueEntry: { appointment: { status: string } } }>(
      `query($id: ID!) { queueEntry(id: $id) { appointment { status } } }`,
      { id: entry.id },
    );
    expect(queueEntry.appointment.status).toBe('NO_SHOW');
    expect(await clinic.errorCode(ENTRY_ACTIONS.markNoShow, { entryId: entry.id })).toBe('CONFLICT');
  });

  it("lets a patient check in for their own appointment in the app, and not for someone else's", async () => {
    const patientId = randomUUID();
    const patient = { subject: 'p', role: 'patient' as const, patientId, scopes: [] };
    const own = await bookFor(patientId, 15);
    const someoneElses = await bookFor(randomUUID(), 15);
    const checkIn = `mutation($input: CheckInInput!) { checkIn(input: $input) { token } }`;
    const input = (appointmentId: string) => ({
      input: { facilityId: site.facilityId, appointmentId, channel: 'PATIENT_APP' },
    });
    expect(await clinic.errorCode(checkIn, input(someoneElses.id), patient)).toBe('FORBIDDEN');
    const checkedIn = await clinic.call(checkIn, input(own.id), patient);
    expect(checkedIn.errors).toBeUndefined();
  });
});
