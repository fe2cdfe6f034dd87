import { randomUUID } from 'node:crypto';
import type { Delivery } from '@clinicflow/platform';
import { type EventListener, listenForEvents } from '@clinicflow/testing';
import { type Entry, type QueueClinic, startQueueClinic, type TestFacility } from './support/queue-clinic';

const EVENTS = ['queue.checked-in', 'queue.token-called', 'queue.turn-near', 'queue.appointment-reminder'];

/**
 * The queue asks the patients subgraph for notifications by publishing events with its changes:
 * a consumer subscribed to those events here (as patients' is in production) sees what it sends.
 */
describe('queue notification requests', () => {
  let listener: EventListener<Record<string, unknown>>;
  let clinic: QueueClinic;
  let site: TestFacility;
  let seen: Delivery<Record<string, unknown>>[];

  beforeAll(async () => {
    clinic = await startQueueClinic();
    site = await clinic.setUpFacility([{ tokenPrefix: 'N' }], 1);
    listener = await listenForEvents<Record<string, unknown>>(
      clinic.subgraph.testDatabase.url,
      'test.notification-requests',
      EVENTS,
    );
    seen = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
    await clinic.stop();
  });

  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('asks for check-in, turn-near (once per entry) and token-called notifications with the change', async () => {
    const [serviceId] = site.serviceIds;
    const [room] = site.servicePointIds;
    const patients = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const entries: Entry[] = [];
    for (const patientId of patients)
      entries.push(await clinic.checkIn({ facilityId: site.facilityId, serviceId, patientId, priority: 0 }));
    await clinic.callNext(room!, serviceId);
    await until(() => seen.some((delivery) => delivery.event === 'queue.token-called'));
    await until(() => seen.filter((delivery) => delivery.event === 'queue.checked-in').length === 4);

    // Events of different patients carry different keys, so they may arrive in any order.
    const checkedIn = seen.filter((delivery) => delivery.event === 'queue.checked-in').map((delivery) => delivery.data);
    expect(checkedIn).toHaveLength(4);
    expect(checkedIn).toEqual(
      expect.arrayContaining(
        patients.map((patientId, n) => ({ patientId, token: entries[n]!.token, serviceName: 'Service N' })),
      ),
    );
    const called = seen.find((delivery) => delivery.event === 'queue.token-called');
    expect(called).toMatchObject({
      key: patients[0],
      data: { patientId: patients[0], token: entries[0]!.token, location: 'Room 1' },
    });

    // Every change re-announces the front of the line with the same event id per entry, so the
    // patients subgraph (which dedupes on it) tells each patient once; the fourth is told once the
    // first is called and they have two ahead.
    await until(
      () => new Set(seen.filter((d) => d.event === 'queue.turn-near').map((d) => d.data.patientId)).size === 4,
    );
    const turnNear = seen.filter((delivery) => delivery.event === 'queue.turn-near');
    for (const patientId of patients) {
      const ids = new Set(
        turnNear.filter((delivery) => delivery.data.patientId === patientId).map((delivery) => delivery.id),
      );
      expect([patientId, ids.size]).toEqual([patientId, 1]);
    }
    const lastTold = turnNear.filter((delivery) => delivery.data.patientId === patients[3]);
    expect(lastTold[0]!.data).toEqual({ patientId: patients[3], token: entries[3]!.token, ahead: 2 });
    for (const delivery of seen) expect(Object.keys(delivery.data)).not.toContain('phone');
  });

  it('schedules an appointment reminder with the booking, and asks for it when it is due', async () => {
    const [serviceId] = site.serviceIds;
    const patientId = randomUUID();
    const startsAt = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const booked = await clinic.data<{ bookAppointment: { id: string } }>(
      `mutation($input: AppointmentInput!) { bookAppointment(input: $input) { id } }`,
      { input: { serviceId, patientId, startsAt, source: 'test' } },
    );
    expect(booked.bookAppointment.id).toBeDefined();
    // Less than a day ahead, so the reminder is due at once.
    await until(() => seen.some((delivery) => delivery.event === 'queue.appointment-reminder'));
    expect(seen.find((delivery) => delivery.event === 'queue.appointment-reminder')?.data).toEqual({
      patientId,
      startsAt,
      serviceName: 'Service N',
    });
    const [job] = (
      await listener.jobs
        .getDb()
        .executeSql(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'queue-appointment-reminder'`, [])
    ).rows as { n: number }[];
    expect(job!.n).toBe(1);
  });
});
