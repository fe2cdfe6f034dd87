import { callers } from '@clinicflow/testing';
import twilio from 'twilio';
import { startNotificationWorld, type NotificationWorld } from './support/notification-world';

const HISTORY = /* GraphQL */ `
  query ($id: ID!) {
    patient(id: $id) {
      notifications(first: 5) {
        edges {
          node {
            status
            provider
            deliveryAttempts {
              provider
              channel
              status
              reason
            }
          }
        }
      }
    }
  }
`;

interface Row {
  id: string;
  status: string;
  channel: string | null;
  provider: string | null;
  reason: string | null;
  attempts: number;
}

interface AttemptRow {
  provider: string;
  channel: string;
  status: string;
  reason: string | null;
}

/**
 * Failures reported late: the provider accepted the message, then its callback said it was not
 * delivered (Twilio `undelivered`/`failed`, SendGrid `bounce`). The notification moves on to the next
 * provider in the patient's order, once per failed attempt, and is dead-lettered when none is left.
 */
describe('late delivery failures fail over (real PostgreSQL, sandbox Twilio x2 and SendGrid through their SDKs)', () => {
  let world: NotificationWorld;
  beforeAll(async () => {
    world = await startNotificationWorld();
  });
  afterAll(() => world.stop());

  const notificationOf = async (patientId: string) => {
    const [row] = await world.query<Row>(
      `SELECT id, status, channel, provider, reason, attempts FROM patients.notification WHERE patient_id = $1`,
      [patientId],
    );
    return row;
  };
  const settled = async (patientId: string) => {
    await world.until(async () =>
      ['delivered', 'dead-lettered'].includes((await notificationOf(patientId))?.status ?? ''),
    );
    await Promise.all([world.twilio.settled(), world.fallback.settled(), world.sendgrid.settled()]);
    return (await notificationOf(patientId))!;
  };
  const attemptsOf = (notificationId: string) =>
    world.query<AttemptRow>(
      `SELECT provider, channel, status, reason FROM patients.notification_attempt
        WHERE notification_id = $1 ORDER BY created_at`,
      [notificationId],
    );
  const sendJobs = async (notificationId: string) => {
    const [row] = await world.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'patients.notification-sends' AND data->>'notificationId' = $1`,
      [notificationId],
    );
    return row!.n;
  };
  const textsTo = (phone: string) => ({
    twilio: world.twilio.messages.filter((message) => message.to === phone).length,
    fallback: world.fallback.messages.filter((message) => message.to === phone).length,
  });
  const mailsTo = (email: string) =>
    world.sendgrid.mails.filter((mail) => mail.body.personalizations[0]?.to[0]?.email === email).length;
  /** Twilio's status callback for a notification's text, as the sandbox posted it. */
  const callbackOf = (notificationId: string, status: string) => {
    const callback = world.twilio.webhooks.find(
      (hook) => hook.url.includes(notificationId) && hook.body.includes(`MessageStatus=${status}`),
    );
    if (!callback) throw new Error(`no ${status} callback for the notification`);
    return callback;
  };

  it('moves an SMS reported undelivered on to the second SMS provider', async () => {
    const phone = '+15555550211';
    world.twilio.failDelivery(phone, { status: 'undelivered', errorCode: 30003 });
    const patientId = await world.patient({ phone, email: 'ida@patients.test' });
    await world.publish('queue.token-called', { patientId, token: 'L001', location: 'Room 2' });
    const row = await settled(patientId);
    expect(row).toMatchObject({ status: 'delivered', channel: 'sms', provider: 'sms-fallback', attempts: 2 });
    expect(textsTo(phone)).toEqual({ twilio: 1, fallback: 1 });
    expect(mailsTo('ida@patients.test')).toBe(0);
    expect(await attemptsOf(row.id)).toEqual([
      { provider: 'twilio', channel: 'sms', status: 'failed', reason: 'twilio reported undelivered (error 30003)' },
      { provider: 'sms-fallback', channel: 'sms', status: 'delivered', reason: null },
    ]);
  });

  it('emails a patient whose SMS both SMS providers report undelivered, once, even when the report is replayed', async () => {
    const phone = '+15555550212';
    const email = 'joan@patients.test';
    world.twilio.failDelivery(phone, { status: 'undelivered', errorCode: 30003 });
    world.fallback.failDelivery(phone, { status: 'undelivered', errorCode: 30005 });
    const patientId = await world.patient({ phone, email });
    await world.publish('clinical.lab-result-available', { patientId });
    const row = await settled(patientId);
    expect(row).toMatchObject({ status: 'delivered', channel: 'email', provider: 'sendgrid', attempts: 3 });
    expect(textsTo(phone)).toEqual({ twilio: 1, fallback: 1 });
    expect(mailsTo(email)).toBe(1);
    // Patient.notifications shows every attempt, the failed ones with their reasons.
    const history = await world.call(HISTORY, { id: patientId }, callers.reception);
    expect(history.errors).toBeUndefined();
    expect(history.data?.patient).toEqual({
      notifications: {
        edges: [
          {
            node: {
              status: 'DELIVERED',
              provider: 'sendgrid',
              deliveryAttempts: [
                {
                  provider: 'twilio',
                  channel: 'SMS',
                  status: 'FAILED',
                  reason: 'twilio reported undelivered (error 30003)',
                },
                {
                  provider: 'sms-fallback',
                  channel: 'SMS',
                  status: 'FAILED',
                  reason: 'sms-fallback reported undelivered (error 30005)',
                },
                { provider: 'sendgrid', channel: 'EMAIL', status: 'DELIVERED', reason: null },
              ],
            },
          },
        ],
      },
    });
    // One send job at first, and one for each failure reported late.
    expect(await sendJobs(row.id)).toBe(3);

    // Twilio posts its undelivered report again (a vendor retry): accepted, and nothing moves.
    const undelivered = callbackOf(row.id, 'undelivered');
    const replay = await fetch(undelivered.url, {
      method: 'POST',
      headers: undelivered.headers,
      body: undelivered.body,
    });
    expect(replay.status).toBe(204);
    expect(await sendJobs(row.id)).toBe(3);
    expect(await notificationOf(patientId)).toEqual(row);
    await world.sendgrid.settled();
    expect(mailsTo(email)).toBe(1);
  });

  it('ignores a late report for an older attempt, whatever it says', async () => {
    const phone = '+15555550213';
    world.twilio.failDelivery(phone, { status: 'undelivered', errorCode: 30003 });
    const patientId = await world.patient({ phone });
    await world.publish('queue.turn-near', { patientId, token: 'L002', ahead: 1 });
    const row = await settled(patientId);
    expect(row).toMatchObject({ status: 'delivered', provider: 'sms-fallback' });
    const history = await attemptsOf(row.id);

    // Twilio's callback for the first attempt, as new events (new statuses) signed with its real SDK.
    const first = callbackOf(row.id, 'undelivered');
    for (const status of ['failed', 'delivered']) {
      const params = Object.fromEntries(new URLSearchParams(first.body));
      params.MessageStatus = status;
      params.SmsStatus = status;
      const response = await fetch(first.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(world.twilio.authToken, first.url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(response.status).toBe(204);
    }
    expect(await notificationOf(patientId)).toEqual(row);
    expect(await attemptsOf(row.id)).toEqual(history);
    expect(await sendJobs(row.id)).toBe(2);
    expect(textsTo(phone)).toEqual({ twilio: 1, fallback: 1 });
  });

  it('dead-letters a notification with every reason when all its channels fail late', async () => {
    const phone = '+15555550214';
    const email = 'kay@patients.test';
    world.twilio.failDelivery(phone, { status: 'undelivered', errorCode: 30003 });
    world.fallback.failDelivery(phone, { status: 'failed', errorCode: 30007 });
    world.sendgrid.failDelivery(email, 'bounce');
    const patientId = await world.patient({ phone, email });
    await world.publish('billing.payment-succeeded', {
      patientId,
      amountCents: 1250,
      currency: 'USD',
      reference: 'INV-77',
    });
    const row = await settled(patientId);
    expect(row).toMatchObject({ status: 'dead-lettered', attempts: 4 });
    expect(row.reason).toBe(
      'every provider reported a failure: twilio reported undelivered (error 30003); ' +
        'sms-fallback reported failed (error 30007); sendgrid reported bounce',
    );
    expect((await attemptsOf(row.id)).map((attempt) => [attempt.provider, attempt.status])).toEqual([
      ['twilio', 'failed'],
      ['sms-fallback', 'failed'],
      ['sendgrid', 'failed'],
    ]);
    expect(textsTo(phone)).toEqual({ twilio: 1, fallback: 1 });
    expect(mailsTo(email)).toBe(1);
  });
});
