import { callers } from '@clinicflow/testing';
import { NOTIFICATION_RETENTION_SCHEDULE, pruneNotificationHistory } from '../src/domain/notification-retention';
import { sandboxDeliveries, startNotificationWorld, type NotificationWorld } from './support/notification-world';

const NOTIFICATIONS = /* GraphQL */ `
  query ($id: ID!) {
    patient(id: $id) {
      notifications(first: 10) {
        totalCount
        edges {
          node {
            kind
            status
            channel
            provider
            attempts
            reason
            sentAt
            deliveredAt
          }
        }
      }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation ($patientId: ID!, $input: NotificationPreferencesInput!) {
    updateNotificationPreferences(patientId: $patientId, input: $input) {
      channelOrder
      smsOptedOut
      emailOptedOut
      quietHoursStart
      quietHoursEnd
      timeZone
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

describe('notifications (real PostgreSQL, sandbox Twilio x2 and SendGrid through their SDKs)', () => {
  let world: NotificationWorld;
  beforeAll(async () => {
    world = await startNotificationWorld({ environment: { NOTIFICATIONS_THROTTLE_MAX: '3' } });
  });
  afterAll(() => world.stop());
  afterEach(() => {
    world.twilio.faults.reset();
    world.fallback.faults.reset();
    world.sendgrid.faults.reset();
  });

  const notificationsOf = (patientId: string) =>
    world.query<Row>(
      `SELECT id, status, channel, provider, reason, attempts FROM patients.notification WHERE patient_id = $1 ORDER BY created_at`,
      [patientId],
    );
  const settled = async (
    patientId: string,
    count: number,
    statuses = ['delivered', 'skipped', 'dead-lettered', 'failed'],
  ) => {
    await world.until(async () => {
      const rows = await notificationsOf(patientId);
      return rows.length === count && rows.every((row) => statuses.includes(row.status));
    });
    return notificationsOf(patientId);
  };

  it('texts the patient once per event, tracks delivery from signed callbacks, and shows the history', async () => {
    const patientId = await world.patient({ phone: '+15555550111', email: 'ada@patients.test' });
    const eventId = await world.publish('queue.token-called', { patientId, token: 'A007', location: 'Room 4' });
    const [row] = await settled(patientId, 1);
    expect(row).toMatchObject({ status: 'delivered', channel: 'sms', provider: 'twilio', attempts: 1 });
    const sent = world.twilio.messages.filter((message) => message.to === '+15555550111');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain('number A007, please go to Room 4');

    // The same event again (a redelivery): no second notification, no second text.
    await world.publish('queue.token-called', { patientId, token: 'A007', location: 'Room 4' }, eventId);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await notificationsOf(patientId)).toHaveLength(1);
    expect(world.twilio.messages.filter((message) => message.to === '+15555550111')).toHaveLength(1);

    const history = await world.call(NOTIFICATIONS, { id: patientId }, callers.reception);
    expect(history.errors).toBeUndefined();
    expect(history.data?.patient).toMatchObject({
      notifications: {
        totalCount: 1,
        edges: [{ node: { kind: 'TOKEN_CALLED', status: 'DELIVERED', channel: 'SMS', provider: 'twilio' } }],
      },
    });
  });

  it('keeps finished notifications for the retention period only, pruned by a nightly schedule', async () => {
    const patientId = await world.patient({ phone: '+15555550177' });
    await world.publish('queue.token-called', { patientId, token: 'R001', location: 'Room 1' });
    await world.publish('queue.token-called', { patientId, token: 'R002', location: 'Room 2' });
    const [older, newer] = await settled(patientId, 2);
    await world.query(`UPDATE patients.notification SET created_at = now() - interval '400 days' WHERE id = $1`, [
      older!.id,
    ]);
    const attemptsOf = async (notificationId: string) =>
      (
        await world.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM patients.notification_attempt WHERE notification_id = $1`,
          [notificationId],
        )
      )[0]!.n;
    expect(await attemptsOf(older!.id)).toBeGreaterThan(0);
    const [{ callbacks }] = await world.query<{ callbacks: number }>(
      `SELECT count(*)::int AS callbacks FROM patients.notification_webhook_event`,
    );
    await world.query(`UPDATE patients.notification_webhook_event SET received_at = now() - interval '400 days'`);

    const pruned = await pruneNotificationHistory(
      world.subgraph.database.dataSource,
      new Date(Date.now() - 365 * 86_400_000),
    );
    expect(pruned).toEqual({ notifications: 1, callbacks });
    expect((await notificationsOf(patientId)).map((row) => row.id)).toEqual([newer!.id]);
    expect(await attemptsOf(older!.id)).toBe(0);
    expect(
      await world.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [
        'patients.notification-retention',
      ]),
    ).toEqual([{ cron: NOTIFICATION_RETENTION_SCHEDULE, timezone: 'UTC' }]);
  });

  it('fails over to the second SMS provider, then to email, when providers refuse', async () => {
    world.twilio.faults.set({ errorRate: 1, errorStatus: 503 });
    const first = await world.patient({ phone: '+15555550112', email: 'grace@patients.test' });
    await world.publish('clinical.lab-result-available', { patientId: first });
    expect(await settled(first, 1)).toMatchObject([{ status: 'delivered', channel: 'sms', provider: 'sms-fallback' }]);
    expect(world.fallback.messages.filter((m) => m.to === '+15555550112')).toHaveLength(1);

    world.fallback.faults.set({ errorRate: 1, errorStatus: 500 });
    const second = await world.patient({ phone: '+15555550113', email: 'alan@patients.test' });
    await world.publish('clinical.medication-ready', { patientId: second });
    expect(await settled(second, 1)).toMatchObject([{ status: 'delivered', channel: 'email', provider: 'sendgrid' }]);
    expect(
      world.sendgrid.mails.filter((mail) => mail.body.personalizations[0]?.to[0]?.email === 'alan@patients.test'),
    ).toHaveLength(1);
  });

  it('dead-letters a notification with its reason when every provider keeps refusing', async () => {
    // A world of its own with one retry, so two attempts about a second apart (and no email address).
    const stopped = await startNotificationWorld({ environment: { NOTIFICATIONS_RETRY_LIMIT: '1' } });
    try {
      const id = await stopped.patient({ phone: '+15555550114' });
      stopped.twilio.faults.set({ errorRate: 1, errorStatus: 503 });
      stopped.fallback.faults.set({ errorRate: 1, errorStatus: 429 });
      await stopped.publish('billing.payment-succeeded', {
        patientId: id,
        amountCents: 900,
        currency: 'USD',
        reference: 'INV-9',
      });
      await stopped.until(async () => {
        const [row] = await stopped.query<Row>(`SELECT status FROM patients.notification WHERE patient_id = $1`, [id]);
        return row?.status === 'dead-lettered';
      });
      const [row] = await stopped.query<Row>(
        `SELECT status, reason, attempts FROM patients.notification WHERE patient_id = $1`,
        [id],
      );
      expect(row).toMatchObject({ attempts: 2 });
      expect(row!.reason).toBe(
        'no provider accepted it: twilio vendor-error 503 (20503); sms-fallback vendor-error 429 (20429)',
      );
      const [dead] = await stopped.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'patients.notification-sends.dead-letter'`,
      );
      expect(dead!.n).toBe(1);
    } finally {
      await stopped.stop();
    }
  });

  it('honours consent: email when SMS is opted out; STOP and START by SMS, once each, in the consent history', async () => {
    const patientId = await world.patient({ phone: '+15555550115', email: 'mary@patients.test' });
    const patient = { subject: 'patient-1', role: 'patient' as const, patientId, scopes: [] };
    const optOut = await world.call(UPDATE, { patientId, input: { smsOptedOut: true } }, patient);
    expect(optOut.errors).toBeUndefined();
    await world.publish('queue.checked-in', { patientId, token: 'B001', serviceName: 'X-ray' });
    expect(await settled(patientId, 1)).toMatchObject([{ status: 'delivered', channel: 'email' }]);

    await world.call(UPDATE, { patientId, input: { smsOptedOut: false } }, patient);
    const stop = await world.twilio.sendInboundSms({ from: '+15555550115', to: '+15555550100', body: 'stop' });
    expect(stop.status).toBe(200);
    const prefs = await world.call(
      `query ($id: ID!) { notificationPreferences(patientId: $id) { smsOptedOut } }`,
      { id: patientId },
      patient,
    );
    expect(prefs.data?.notificationPreferences).toEqual({ smsOptedOut: true });

    // The same inbound webhook again (a vendor retry): nothing more is recorded.
    const replay = await fetch(stop.url, { method: 'POST', headers: stop.headers, body: stop.body });
    expect(replay.status).toBe(200);
    const start = await world.twilio.sendInboundSms({ from: '+15555550115', to: '+15555550100', body: 'START' });
    expect(start.status).toBe(200);
    const history = await world.query<{ channel: string; opted_out: boolean; source: string }>(
      `SELECT channel, opted_out, source FROM patients.consent_change WHERE patient_id = $1 ORDER BY created_at`,
      [patientId],
    );
    expect(history).toEqual([
      { channel: 'sms', opted_out: true, source: 'api' },
      { channel: 'sms', opted_out: false, source: 'api' },
      { channel: 'sms', opted_out: true, source: 'sms-keyword' },
      { channel: 'sms', opted_out: false, source: 'sms-keyword' },
    ]);

    // Every change is also in the platform's audit log: the API's as the patient, the keywords' as a system actor.
    const audited = await world.query<{ subject: string }>(
      `SELECT subject FROM audit.event
        WHERE patient_id = $1 AND entity_type = 'ContactPreference' AND action = 'CHANGE' ORDER BY occurred_at`,
      [patientId],
    );
    expect(audited.map((row) => row.subject)).toEqual([
      'patient-1',
      'patient-1',
      'system:patients.sms-keyword',
      'system:patients.sms-keyword',
    ]);

    const help = await world.twilio.sendInboundSms({ from: '+15555550115', to: '+15555550100', body: 'HELP' });
    expect(help.status).toBe(200);
    const helpReply = await fetch(help.url, { method: 'POST', headers: help.headers, body: help.body });
    expect(await helpReply.text()).toContain(
      '<Message>ClinicFlow appointment and queue messages. Reply STOP to opt out',
    );
  });

  it('refuses webhooks that are not signed by the provider, and applies a replayed callback once', async () => {
    const patientId = await world.patient({ phone: '+15555550116' });
    await world.publish('queue.turn-near', { patientId, token: 'C010', ahead: 2 });
    const [row] = await settled(patientId, 1);
    const callback = world.twilio.webhooks.find(
      (hook) => hook.url.includes(row!.id) && hook.body.includes('MessageStatus=delivered'),
    );
    expect(callback?.status).toBe(204);

    const forged = await fetch(callback!.url, {
      method: 'POST',
      headers: { ...callback!.headers, 'x-twilio-signature': 'AAAA' },
      body: callback!.body.replace('delivered', 'failed'),
    });
    expect(forged.status).toBe(403);
    const unsignedMail = await fetch(`${world.baseUrl}/webhooks/notifications/sendgrid/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { event: 'bounce', notificationId: row!.id, sg_event_id: 'x', email: 'a@b.c', timestamp: 1 },
      ]),
    });
    expect(unsignedMail.status).toBe(403);
    const oversized = await fetch(callback!.url, {
      method: 'POST',
      headers: callback!.headers,
      body: `${callback!.body}&Padding=${'x'.repeat(70_000)}`,
    });
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toEqual({
      errors: [{ message: 'The webhook body is too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });

    const before = await world.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM patients.notification_webhook_event`,
    );
    const replay = await fetch(callback!.url, { method: 'POST', headers: callback!.headers, body: callback!.body });
    expect(replay.status).toBe(204);
    expect(await world.query(`SELECT count(*)::int AS n FROM patients.notification_webhook_event`)).toEqual(before);
    expect(await notificationsOf(patientId)).toMatchObject([{ status: 'delivered' }]);
  });

  it('throttles a patient past the limit per window, keeping the rest as skipped', async () => {
    const patientId = await world.patient({ phone: '+15555550117' });
    for (let n = 0; n < 5; n += 1)
      await world.publish('queue.turn-near', { patientId, token: `D00${n}`, ahead: 5 - n });
    const rows = await settled(patientId, 5);
    expect(rows.filter((row) => row.status === 'delivered')).toHaveLength(3);
    expect(rows.filter((row) => row.status === 'skipped').map((row) => row.reason)).toEqual([
      'throttled: 3 per 60 minutes',
      'throttled: 3 per 60 minutes',
    ]);
    expect(world.twilio.messages.filter((m) => m.to === '+15555550117')).toHaveLength(3);
  });

  it('holds non-urgent messages during quiet hours but still calls the patient in', async () => {
    const patientId = await world.patient({ phone: '+15555550118' });
    const now = new Date();
    const hhmm = (date: Date) => date.toISOString().slice(11, 16);
    const quiet = await world.call(UPDATE, {
      patientId,
      input: {
        quietHoursStart: hhmm(new Date(now.getTime() - 60 * 60_000)),
        quietHoursEnd: hhmm(new Date(now.getTime() + 2 * 60 * 60_000)),
        timeZone: 'UTC',
      },
    });
    expect(quiet.errors).toBeUndefined();
    await world.publish('queue.appointment-reminder', {
      patientId,
      startsAt: '2026-12-24T10:00:00Z',
      serviceName: 'Dental',
    });
    await world.publish('queue.token-called', { patientId, token: 'E001', location: 'Room 1' });
    await world.until(async () => (await notificationsOf(patientId)).some((row) => row.status === 'delivered'));
    const [held] = await world.query<{ kind: string; status: string; not_before: Date }>(
      `SELECT kind, status, not_before FROM patients.notification WHERE patient_id = $1 AND kind = 'appointment-reminder'`,
      [patientId],
    );
    expect(held).toMatchObject({ status: 'queued' });
    expect(held!.not_before.getTime()).toBeGreaterThan(now.getTime() + 110 * 60_000);
    expect(world.twilio.messages.filter((m) => m.to === '+15555550118')).toHaveLength(1);
  });

  it('lets a patient see only their own notifications and only admins or the patient change preferences', async () => {
    const mine = await world.patient({ phone: '+15555550119' });
    const theirs = await world.patient({ phone: '+15555550120' });
    const patient = { subject: 'patient-2', role: 'patient' as const, patientId: mine, scopes: [] };
    const other = await world.call(NOTIFICATIONS, { id: theirs }, patient);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byReception = await world.call(
      UPDATE,
      { patientId: mine, input: { emailOptedOut: true } },
      callers.reception,
    );
    expect(byReception.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byBilling = await world.call(
      `query ($id: ID!) { notificationPreferences(patientId: $id) { smsOptedOut } }`,
      { id: mine },
      callers.billing,
    );
    expect(byBilling.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('applies two first changes made at once, one after the other', async () => {
    const patientId = await world.patient({ phone: '+15555550122', email: 'lin@patients.test' });
    const [first, second] = await Promise.all([
      world.call(UPDATE, { patientId, input: { smsOptedOut: true } }),
      world.call(UPDATE, { patientId, input: { emailOptedOut: true } }),
    ]);
    expect(first!.errors ?? second!.errors).toBeUndefined();
    const prefs = await world.call(
      `query ($id: ID!) { notificationPreferences(patientId: $id) { smsOptedOut emailOptedOut } }`,
      {
        id: patientId,
      },
    );
    expect(prefs.data?.notificationPreferences).toEqual({ smsOptedOut: true, emailOptedOut: true });
    expect(
      await world.query(`SELECT channel FROM patients.consent_change WHERE patient_id = $1 ORDER BY channel`, [
        patientId,
      ]),
    ).toEqual([{ channel: 'email' }, { channel: 'sms' }]);
  });

  it('refuses bad preferences with a precise error and changes nothing', async () => {
    const patientId = await world.patient({ phone: '+15555550121' });
    for (const [input, message] of [
      [{ timeZone: 'Mars/Olympus', smsOptedOut: true }, 'timeZone must be an IANA time zone'],
      [{ quietHoursStart: '25:00', quietHoursEnd: '07:00' }, 'quietHoursStart must be a time of day HH:MM'],
      [{ quietHoursStart: '22:00' }, 'quietHoursStart and quietHoursEnd are set together'],
      [{ channelOrder: ['SMS', 'SMS'] }, 'channelOrder must not name a channel twice'],
    ] as const) {
      const response = await world.call(UPDATE, { patientId, input });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).toContain(message);
    }
    expect(await world.query(`SELECT * FROM patients.contact_preference WHERE patient_id = $1`, [patientId])).toEqual(
      [],
    );
    expect(await world.query(`SELECT * FROM patients.consent_change WHERE patient_id = $1`, [patientId])).toEqual([]);
  });

  it('sends nothing twice across this suite', () => {
    for (const [notification, count] of sandboxDeliveries(world))
      expect([notification, count]).toEqual([notification, 1]);
  });
});
