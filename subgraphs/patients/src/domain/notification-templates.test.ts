import { NOTIFICATION_REQUESTS, type NotificationEvent, readNotificationRequest } from './notification-requests';
import { renderNotification } from './notification-templates';

const patientId = '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c';
const UTC = { timeZone: 'UTC', language: 'en' };

/** What each event legitimately carries, plus clinical details a careless publisher might add. */
const CLINICAL = {
  value: '7.9',
  unit: 'mmol/L',
  diagnosis: 'Type 2 diabetes mellitus',
  code: 'E11.9',
  interpretation: 'HIGH',
  medication: 'Metformin 500 mg',
};
const EVENTS: Record<NotificationEvent, Record<string, unknown>> = {
  'queue.checked-in': { token: 'A012', serviceName: 'General practice' },
  'queue.turn-near': { token: 'A012', ahead: 2 },
  'queue.token-called': { token: 'A012', location: 'Room 3' },
  'queue.appointment-reminder': { startsAt: '2026-12-03T14:30:00Z', serviceName: 'Blood tests' },
  'queue.appointment-booked': { startsAt: '2026-12-03T14:30:00Z', serviceName: 'Blood tests' },
  'queue.appointment-rescheduled': { startsAt: '2026-12-04T09:00:00Z', serviceName: 'Blood tests' },
  'queue.appointment-cancelled': { startsAt: '2026-12-03T14:30:00Z', serviceName: 'Blood tests' },
  'clinical.lab-result-available': {},
  'clinical.medication-ready': { pickupLocation: 'the ground-floor pharmacy' },
  'billing.payment-succeeded': { amountCents: 1250, currency: 'USD', reference: 'INV-0042' },
};

describe('notification templates', () => {
  it.each(Object.keys(NOTIFICATION_REQUESTS) as NotificationEvent[])(
    '%s renders without any clinical detail',
    (event) => {
      const request = readNotificationRequest(event, { patientId, ...EVENTS[event], ...CLINICAL });
      const message = renderNotification(request.kind, request.details, {
        timeZone: 'America/New_York',
        language: 'en',
      });
      const rendered = `${message.subject}\n${message.text}`;
      for (const value of Object.values(CLINICAL)) expect(rendered).not.toContain(value);
      expect(request.details).not.toHaveProperty('diagnosis');
      expect(message.text.length).toBeLessThanOrEqual(320);
    },
  );

  it('tells the patient where to go, how much was paid, and when, in their time zone', () => {
    const called = readNotificationRequest('queue.token-called', { patientId, ...EVENTS['queue.token-called'] });
    expect(renderNotification(called.kind, called.details, UTC).text).toContain('number A012, please go to Room 3');
    const paid = readNotificationRequest('billing.payment-succeeded', {
      patientId,
      ...EVENTS['billing.payment-succeeded'],
    });
    expect(renderNotification(paid.kind, paid.details, UTC).text).toContain('$12.50 (reference INV-0042)');
    const reminder = readNotificationRequest('queue.appointment-reminder', {
      patientId,
      ...EVENTS['queue.appointment-reminder'],
    });
    expect(
      renderNotification(reminder.kind, reminder.details, { timeZone: 'America/New_York', language: 'en' }).text,
    ).toContain('Thu, Dec 3, 9:30 AM');
    expect(
      renderNotification(reminder.kind, reminder.details, { timeZone: 'Europe/Paris', language: 'en-GB' }).text,
    ).toContain('Thu, Dec 3, 3:30 PM');
  });

  it('tells the patient of a booked, moved or cancelled appointment, at its time in their zone', () => {
    const render = (event: NotificationEvent, language = 'en') => {
      const request = readNotificationRequest(event, { patientId, ...EVENTS[event] });
      return renderNotification(request.kind, request.details, { timeZone: 'America/New_York', language }).text;
    };
    expect(render('queue.appointment-booked')).toBe(
      'ClinicFlow: your Blood tests appointment is booked for Thu, Dec 3, 9:30 AM.',
    );
    expect(render('queue.appointment-rescheduled')).toContain('has moved to Fri, Dec 4, 4:00 AM');
    expect(render('queue.appointment-cancelled')).toContain('on Thu, Dec 3, 9:30 AM has been cancelled');
    expect(render('queue.appointment-cancelled', 'es')).toContain('ha sido cancelada');
  });

  it("writes in the patient's language when there are templates for it, and in English otherwise", () => {
    const called = readNotificationRequest('queue.token-called', { patientId, ...EVENTS['queue.token-called'] });
    expect(renderNotification(called.kind, called.details, { timeZone: 'UTC', language: 'es-MX' }).text).toBe(
      'ClinicFlow: número A012, por favor pase ahora a Room 3.',
    );
    expect(renderNotification(called.kind, called.details, { timeZone: 'UTC', language: 'fr' }).text).toBe(
      'ClinicFlow: number A012, please go to Room 3 now.',
    );
    const paid = readNotificationRequest('billing.payment-succeeded', {
      patientId,
      ...EVENTS['billing.payment-succeeded'],
    });
    expect(renderNotification(paid.kind, paid.details, { timeZone: 'UTC', language: 'es' }).text).toContain(
      'pago de $12.50',
    );
  });

  it('refuses an event that lacks what its template needs, naming the field and not its value', () => {
    expect(() => readNotificationRequest('queue.token-called', { patientId, token: 'A012' })).toThrow(
      'queue.token-called carries an invalid location',
    );
    expect(() =>
      readNotificationRequest('billing.payment-succeeded', {
        patientId: 'ada@example.com',
        amountCents: 5,
        currency: 'USD',
        reference: 'r',
      }),
    ).toThrow(/invalid patientId$/);
    expect(() => readNotificationRequest('queue.unknown', { patientId })).toThrow(
      'not an event that asks for a notification',
    );
  });
});
