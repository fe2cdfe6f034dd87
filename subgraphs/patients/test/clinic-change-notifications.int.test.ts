import { randomUUID } from 'node:crypto';
import { startNotificationWorld, type NotificationWorld } from './support/notification-world';

/**
 * The notification requests that queue (EHR appointment changes) and clinical (medication ready)
 * publish, with exactly their payloads, reach the patient by SMS through the Twilio sandbox and the
 * real SDK: the time and service of an appointment, and for a medication nothing of the medicine.
 */
describe('appointment-change and medication-ready notifications', () => {
  let world: NotificationWorld;
  beforeAll(async () => {
    world = await startNotificationWorld();
  });
  afterAll(() => world.stop());

  const textsTo = async (phone: string, count: number) => {
    await world.until(() => world.twilio.messages.filter((message) => message.to === phone).length >= count);
    return world.twilio.messages.filter((message) => message.to === phone).map((message) => message.body);
  };

  it('texts a booked, a moved and a cancelled EHR appointment with its time in the patient’s zone', async () => {
    const phone = '+15555550181';
    const patientId = await world.patient({ phone });
    await world.query(
      `INSERT INTO patients.contact_preference (patient_id, channel_order, time_zone) VALUES ($1, ARRAY['sms', 'email'], 'America/New_York')`,
      [patientId],
    );
    const details = { patientId, serviceName: 'Blood tests' };
    await world.publish('queue.appointment-booked', { ...details, startsAt: '2026-12-03T14:30:00.000Z' });
    expect(await textsTo(phone, 1)).toEqual([
      'ClinicFlow: your Blood tests appointment is booked for Thu, Dec 3, 9:30 AM.',
    ]);
    await world.publish('queue.appointment-rescheduled', { ...details, startsAt: '2026-12-04T15:00:00.000Z' });
    expect((await textsTo(phone, 2))[1]).toBe(
      'ClinicFlow: your Blood tests appointment has moved to Fri, Dec 4, 10:00 AM.',
    );
    await world.publish('queue.appointment-cancelled', { ...details, startsAt: '2026-12-04T15:00:00.000Z' });
    expect((await textsTo(phone, 3))[2]).toContain('appointment on Fri, Dec 4, 10:00 AM has been cancelled');
    const kinds = await world.query<{ kind: string }>(
      'SELECT kind FROM patients.notification WHERE patient_id = $1 ORDER BY created_at',
      [patientId],
    );
    expect(kinds.map((row) => row.kind)).toEqual([
      'appointment-booked',
      'appointment-rescheduled',
      'appointment-cancelled',
    ]);
  });

  it('texts that a medication is ready without naming it, even when the event carries the medicine', async () => {
    const phone = '+15555550182';
    const patientId = await world.patient({ phone });
    // What clinical publishes, plus what a careless publisher might add.
    await world.publish('clinical.medication-ready', {
      patientId,
      prescriptionId: randomUUID(),
      medicationDisplay: 'Amlodipine 5 MG Oral Tablet',
      rxnormCode: '197361',
    });
    const [text] = await textsTo(phone, 1);
    expect(text).toBe('ClinicFlow: your medication is ready for pickup. Please bring photo ID.');
    const [row] = await world.query<{ details: Record<string, unknown> }>(
      'SELECT details FROM patients.notification WHERE patient_id = $1',
      [patientId],
    );
    expect(row!.details).toEqual({});
  });
});
