import { randomUUID } from 'node:crypto';
import { type Delivery, EHR_APPOINTMENT_CHANGED, type EhrAppointmentChanged, publishEvent } from '@clinicflow/platform';
import { type EventListener, listenForEvents } from '@clinicflow/testing';
import { type QueueClinic, startQueueClinic, TestClock, type TestFacility } from './support/queue-clinic';

const LIST = `query($facilityId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
  appointments(facilityId: $facilityId, from: $from, to: $to) { edges { node { id startsAt status source externalId cancelReason } } } }`;

interface Listed {
  id: string;
  startsAt: string;
  status: string;
  source: string;
  externalId: string;
  cancelReason: string | null;
}

describe('EHR appointments in the queue', () => {
  let listener: EventListener<Record<string, unknown>>;
  // 09:00 in New York, where the test facilities are.
  const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
  const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
  let clinic: QueueClinic;
  let site: TestFacility;
  /** The notification requests the queue publishes (the patients subgraph's events). */
  let told: Delivery<Record<string, unknown>>[];

  beforeAll(async () => {
    clinic = await startQueueClinic({ clock });
    site = await clinic.setUpFacility([{ tokenPrefix: 'E', slotMinutes: 20 }]);
    listener = await listenForEvents<Record<string, unknown>>(
      clinic.subgraph.testDatabase.url,
      'test.appointment-notifications',
      ['queue.appointment-booked', 'queue.appointment-rescheduled', 'queue.appointment-cancelled'],
    );
    told = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
    await clinic.stop();
  });

  /** What the patients subgraph's EHR poller publishes for one EHR appointment version. */
  const fromEhr = (change: Partial<EhrAppointmentChanged> & { ehrAppointmentId: string; patientId: string }) =>
    clinic.subgraph.database.dataSource.transaction((manager) =>
      publishEvent(
        listener.jobs,
        manager,
        EHR_APPOINTMENT_CHANGED.name,
        {
          versionId: randomUUID(),
          serviceId: site.serviceIds[0],
          status: 'booked',
          startsAt: at(60),
          cancelReason: null,
          ...change,
        },
        { key: change.ehrAppointmentId },
      ),
    );

  const listed = async (externalId: string) => {
    const { appointments } = await clinic.data<{ appointments: { edges: { node: Listed }[] } }>(LIST, {
      facilityId: site.facilityId,
      from: at(-600),
      to: at(600),
    });
    return appointments.edges.map((edge) => edge.node).find((node) => node.externalId === externalId);
  };

  const eventually = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('books, reschedules and cancels the queue appointment as the EHR does, in the EHR order', async () => {
    const patientId = randomUUID();
    await fromEhr({ ehrAppointmentId: 'A-1', patientId, startsAt: at(60) });
    await fromEhr({ ehrAppointmentId: 'A-1', patientId, startsAt: at(90) });
    await fromEhr({ ehrAppointmentId: 'A-1', patientId, status: 'cancelled', cancelReason: 'Patient called' });
    await fromEhr({ ehrAppointmentId: 'A-2', patientId, startsAt: at(120) });
    // Each appointment's versions apply in order; A-2 may come before or after them.
    await eventually(async () => ((await listed('A-1'))?.status === 'CANCELLED' ? true : undefined));
    expect(await listed('A-1')).toMatchObject({
      source: 'ehr',
      status: 'CANCELLED',
      startsAt: at(90),
      cancelReason: 'Patient called',
    });
    expect(await eventually(() => listed('A-2'))).toMatchObject({ status: 'BOOKED', startsAt: at(120) });
  });

  it('asks for the patient to be told of each booking, move and cancellation once, with the time and service only', async () => {
    const patientId = randomUUID();
    await fromEhr({ ehrAppointmentId: 'A-4', patientId, startsAt: at(60) });
    // A new version that moves nothing (the EHR edited something else): nobody is told.
    await fromEhr({ ehrAppointmentId: 'A-4', patientId, startsAt: at(60) });
    await fromEhr({ ehrAppointmentId: 'A-4', patientId, startsAt: at(90) });
    await fromEhr({ ehrAppointmentId: 'A-4', patientId, status: 'cancelled', cancelReason: 'Clinician unwell' });
    await fromEhr({ ehrAppointmentId: 'A-4', patientId, status: 'cancelled', cancelReason: 'Clinician unwell' });
    const [{ name: serviceName }] = (await clinic.subgraph.database.dataSource.query(
      'SELECT name FROM queue.service WHERE id = $1',
      [site.serviceIds[0]],
    )) as [{ name: string }];
    const ofPatient = () => told.filter((delivery) => delivery.key === patientId);
    await eventually(async () => (ofPatient().length >= 3 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The test's listener is not ordered, so the three may arrive in any order.
    const byEvent = Object.fromEntries(ofPatient().map(({ event, data }) => [event, data]));
    expect(ofPatient()).toHaveLength(3);
    expect(byEvent).toEqual({
      'queue.appointment-booked': { patientId, startsAt: at(60), serviceName },
      'queue.appointment-rescheduled': { patientId, startsAt: at(90), serviceName },
      'queue.appointment-cancelled': { patientId, startsAt: at(90), serviceName },
    });
  });

  it('takes a checked-in patient out of line when the EHR cancels, and the patients after them move up', async () => {
    const booked = randomUUID();
    await fromEhr({ ehrAppointmentId: 'A-3', patientId: booked, startsAt: at(-5) });
    const appointment = await eventually(() => listed('A-3'));
    const first = await clinic.checkIn({ facilityId: site.facilityId, appointmentId: appointment.id });
    clock.advance(1);
    const second = await clinic.checkIn({
      facilityId: site.facilityId,
      serviceId: site.serviceIds[0],
      patientId: randomUUID(),
    });
    expect((await clinic.entry(second.id)).position).toBe(2);

    await fromEhr({
      ehrAppointmentId: 'A-3',
      patientId: booked,
      status: 'cancelled',
      cancelReason: 'Rebooked elsewhere',
    });
    await eventually(async () => ((await clinic.entry(first.id)).status === 'CANCELLED' ? true : undefined));
    expect((await clinic.entry(second.id)).position).toBe(1);
    expect(await listed('A-3')).toMatchObject({ status: 'CANCELLED', cancelReason: 'Rebooked elsewhere' });
  });
});
