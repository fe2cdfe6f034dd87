import { randomBytes, randomUUID } from 'node:crypto';
import { type Caller, verifyWebhookSignature } from '@clinicflow/platform';
import { callers, startWebhookReceiver, type WebhookReceiver } from '@clinicflow/testing';
import { pruneWebhookHistory, WEBHOOK_RETENTION_SCHEDULE } from '../src/webhooks/webhook-retention';
import { type QueueClinic, startQueueClinic } from './support/queue-clinic';

const ENVIRONMENT = {
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('hex'),
  WEBHOOK_ALLOW_LOCAL_HTTP: 'true',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_TIMEOUT_SECONDS: '1',
  WEBHOOK_POLLING_INTERVAL_SECONDS: '0.5',
};

const app = (clientId: string, scopes = ['webhooks:manage']): Caller => ({
  subject: `${clientId}-service-account`,
  role: 'admin',
  clientId,
  scopes,
});

const REGISTER = `mutation($input: WebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id url events enabled facilityId ownerClientId } }
}`;
const DELIVERIES = `query($id: ID!) {
  webhookDeliveries(endpointId: $id, first: 10) {
    totalCount edges { node { eventId eventType attempt statusCode latencyMs error delivered } }
  }
}`;

interface Registered {
  secret: string;
  endpoint: { id: string; url: string; events: string[]; enabled: boolean; ownerClientId: string | null };
}

interface Attempt {
  eventId: string;
  eventType: string;
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  delivered: boolean;
}

describe('outbound webhooks', () => {
  let clinic: QueueClinic;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    clinic = await startQueueClinic({ estimateRefreshSeconds: 1 }, ENVIRONMENT);
  });
  afterAll(async () => {
    await clinic.stop();
    await receiver.stop();
  });

  /** Registers `path` of the receiver for the events, at one facility, and tells the receiver its secret. */
  const register = async (path: string, events: string[], facilityId: string, caller: Caller = callers.admin) => {
    const { registerWebhookEndpoint } = await clinic.data<{ registerWebhookEndpoint: Registered }>(
      REGISTER,
      { input: { url: receiver.url(path), events, facilityId } },
      caller,
    );
    receiver.secretFor(path, registerWebhookEndpoint.secret);
    return registerWebhookEndpoint;
  };

  const attempts = async (endpointId: string): Promise<Attempt[]> => {
    const { webhookDeliveries } = await clinic.data<{ webhookDeliveries: { edges: { node: Attempt }[] } }>(DELIVERIES, {
      id: endpointId,
    });
    return webhookDeliveries.edges.map((edge) => edge.node);
  };

  const waitForAttempts = async (endpointId: string, count: number): Promise<Attempt[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = await attempts(endpointId);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`fewer than ${count} attempts: ${JSON.stringify(found)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('shows the secret once, keeps it sealed, and refuses bad URLs without writing anything', async () => {
    const { facilityId } = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
    const registered = await register('/once', ['TOKEN_CALLED'], facilityId);
    expect(registered.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(registered.endpoint).toMatchObject({ events: ['TOKEN_CALLED'], enabled: true, ownerClientId: null });
    const { webhookEndpoints } = await clinic.data<{ webhookEndpoints: { id: string }[] }>(
      '{ webhookEndpoints { id url events } }',
    );
    expect(webhookEndpoints.map((endpoint) => endpoint.id)).toContain(registered.endpoint.id);
    const [row] = (await clinic.subgraph.database.dataSource.query(
      'SELECT secret_sealed FROM queue.webhook_endpoint WHERE id = $1',
      [registered.endpoint.id],
    )) as { secret_sealed: string }[];
    expect(row!.secret_sealed).not.toContain(registered.secret.slice('whsec_'.length));

    const count = async () =>
      (
        (await clinic.subgraph.database.dataSource.query('SELECT count(*)::int AS n FROM queue.webhook_endpoint')) as {
          n: number;
        }[]
      )[0]!.n;
    const before = await count();
    for (const url of [
      'http://example.com/hook',
      'ftp://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://user:pw@example.com/hook',
      'not a url',
    ]) {
      expect(await clinic.errorCode(REGISTER, { input: { url, events: ['TOKEN_CALLED'] } })).toBe('BAD_USER_INPUT');
    }
    expect(await clinic.errorCode(REGISTER, { input: { url: 'https://example.com/h', events: [] } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await clinic.errorCode(REGISTER, {
        input: { url: 'https://example.com/h', events: ['TOKEN_CALLED'], facilityId: randomUUID() },
      }),
    ).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it('signs each delivery so the documented verify function accepts it, and a tampered body fails', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'S' }]);
    const { secret } = await register('/signed', ['TOKEN_CALLED'], facilityId);
    const entry = await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    await clinic.callNext(servicePointIds[0]!);

    const [delivery] = await receiver.waitFor('/signed', 1);
    expect(delivery!.verified).toBe(true);
    expect(delivery!.headers['clinicflow-event-type']).toBe('token.called');
    expect(delivery!.event).toMatchObject({
      type: 'token.called',
      data: { queueEntryId: entry.id, facilityId, token: entry.token, servicePointName: 'Room 1', callNumber: 1 },
    });
    expect(delivery!.headers['clinicflow-event-id']).toBe(delivery!.event.id);
    expect(Object.keys(delivery!.event.data)).not.toContain('patientId');
    const header = delivery!.headers['clinicflow-signature'] as string;
    expect(verifyWebhookSignature(secret, { header, body: delivery!.body })).toMatchObject({ verified: true });
    const tampered = delivery!.body.replace(entry.token, 'Z-999');
    expect(verifyWebhookSignature(secret, { header, body: tampered })).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
  });

  it('keeps events and their attempts for the retention period only, pruned by a nightly schedule', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'K' }]);
    const { endpoint } = await register('/kept', ['TOKEN_CALLED'], facilityId);
    for (let call = 0; call < 2; call += 1) {
      await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
      await clinic.callNext(servicePointIds[0]!);
    }
    const [older, newer] = await receiver.waitFor('/kept', 2);
    await waitForAttempts(endpoint.id, 2);
    const sql = clinic.subgraph.database.dataSource;
    await sql.query(`UPDATE queue.webhook_event SET occurred_at = now() - interval '31 days' WHERE id = $1`, [
      older!.event.id,
    ]);

    const pruned = await pruneWebhookHistory(sql, new Date(Date.now() - 30 * 86_400_000));
    expect(pruned).toEqual({ events: 1, attempts: 1 });
    expect((await attempts(endpoint.id)).map((attempt) => attempt.eventId)).toEqual([newer!.event.id]);
    const kept = (await sql.query(`SELECT id FROM queue.webhook_event WHERE id = ANY($1)`, [
      [older!.event.id, newer!.event.id],
    ])) as { id: string }[];
    expect(kept).toEqual([{ id: newer!.event.id }]);
    const schedules = (await sql.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [
      'queue.webhook-retention',
    ])) as { cron: string; timezone: string }[];
    expect(schedules).toEqual([{ cron: WEBHOOK_RETENTION_SCHEDULE, timezone: 'UTC' }]);
  });

  it('retries a 500 and a timeout with backoff, then delivers; the log shows every attempt', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'R' }]);
    const { endpoint } = await register('/flaky', ['TOKEN_CALLED'], facilityId);
    receiver.script('/flaky', [{ status: 500 }, { hangMs: 1_500, status: 200 }]);
    await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    await clinic.callNext(servicePointIds[0]!);

    const [delivery] = await receiver.waitFor('/flaky', 1, 30_000);
    expect(delivery!.verified).toBe(true);
    const log = await waitForAttempts(endpoint.id, 3);
    // Newest first: the delivery, the timeout, the 500; one event id throughout.
    expect(log.map(({ attempt, delivered, statusCode }) => ({ attempt, delivered, statusCode }))).toEqual([
      { attempt: 3, delivered: true, statusCode: 200 },
      { attempt: 2, delivered: false, statusCode: null },
      { attempt: 1, delivered: false, statusCode: 500 },
    ]);
    expect(log[1]!.error).toMatch(/did not answer within 1000 ms/);
    expect(log[2]!.error).toMatch(/HTTP 500/);
    expect(new Set(log.map((attempt) => attempt.eventId))).toEqual(new Set([delivery!.event.id]));
  });

  it('dead-letters after the last attempt, and a replay by event id delivers the same event again', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'D' }]);
    const { endpoint } = await register('/down', ['TOKEN_CALLED'], facilityId);
    receiver.script('/down', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    await clinic.callNext(servicePointIds[0]!);

    const log = await waitForAttempts(endpoint.id, 3);
    expect(log.every((attempt) => !attempt.delivered && attempt.statusCode === 503)).toBe(true);
    const eventId = log[0]!.eventId;
    const deadline = Date.now() + 10_000;
    let dead: { references: { field: string; id: string }[] }[] = [];
    while (dead.length === 0 && Date.now() < deadline) {
      const { failedDeliveries } = await clinic.data<{
        failedDeliveries: { edges: { node: { references: { field: string; id: string }[] } }[] };
      }>(`{ failedDeliveries(consumer: "queue.webhook-delivery") { edges { node { references { field id } } } } }`);
      dead = failedDeliveries.edges
        .map((edge) => edge.node)
        .filter((node) => node.references.some((reference) => reference.id === endpoint.id));
      if (dead.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(dead).toHaveLength(1);
    expect(dead[0]!.references).toEqual([
      { field: 'endpointId', id: endpoint.id },
      { field: 'eventId', id: eventId },
    ]);
    expect(receiver.at('/down')).toHaveLength(0);

    const { replayWebhookEvent } = await clinic.data<{ replayWebhookEvent: { eventId: string } }>(
      'mutation($e: ID!, $v: ID!) { replayWebhookEvent(endpointId: $e, eventId: $v) { endpointId eventId } }',
      { e: endpoint.id, v: eventId },
    );
    expect(replayWebhookEvent.eventId).toBe(eventId);
    const [replayed] = await receiver.waitFor('/down', 1);
    expect(replayed!.verified).toBe(true);
    expect(replayed!.event.id).toBe(eventId);
    expect((await waitForAttempts(endpoint.id, 4))[0]).toMatchObject({ attempt: 1, delivered: true, eventId });
    expect(
      await clinic.errorCode(
        'mutation($e: ID!, $v: ID!) { replayWebhookEvent(endpointId: $e, eventId: $v) { eventId } }',
        { e: endpoint.id, v: randomUUID() },
      ),
    ).toBe('NOT_FOUND');
  });

  it("delivers only the subscribed events of the endpoint's facility, and nothing once disabled", async () => {
    const here = await clinic.setUpFacility([{ tokenPrefix: 'H' }]);
    const there = await clinic.setUpFacility([{ tokenPrefix: 'T' }]);
    const { endpoint } = await register(
      '/appointments',
      ['APPOINTMENT_CREATED', 'APPOINTMENT_CANCELLED'],
      here.facilityId,
    );
    const book = async (serviceId: string) =>
      (
        await clinic.data<{ bookAppointment: { id: string } }>(
          'mutation($input: AppointmentInput!) { bookAppointment(input: $input) { id } }',
          { input: { serviceId, patientId: randomUUID(), startsAt: new Date(Date.now() + 86_400_000).toISOString() } },
          callers.reception,
        )
      ).bookAppointment.id;
    await book(there.serviceIds[0]!);
    const booked = await book(here.serviceIds[0]!);
    await clinic.data('mutation($id: ID!) { cancelAppointment(id: $id, reason: "Changed plans") { id } }', {
      id: booked,
    });
    // A token called here is an event nobody at /appointments subscribed to.
    await clinic.checkIn({ facilityId: here.facilityId, serviceId: here.serviceIds[0], patientId: randomUUID() });
    await clinic.callNext(here.servicePointIds[0]!);

    // Deliveries run in parallel: a receiver orders them by occurredAt.
    const deliveries = (await receiver.waitFor('/appointments', 2)).sort((a, b) =>
      a.event.occurredAt.localeCompare(b.event.occurredAt),
    );
    expect(deliveries.map((delivery) => [delivery.event.type, delivery.event.data.appointmentId])).toEqual([
      ['appointment.created', booked],
      ['appointment.cancelled', booked],
    ]);
    expect(deliveries[1]!.event.data).toMatchObject({ status: 'CANCELLED', facilityId: here.facilityId });
    expect(Object.keys(deliveries[0]!.event.data)).not.toContain('patientId');

    await clinic.data('mutation($id: ID!) { setWebhookEndpointEnabled(id: $id, enabled: false) { enabled } }', {
      id: endpoint.id,
    });
    await book(here.serviceIds[0]!);
    // The token called above and this booking had time to fan out: still the two.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.at('/appointments')).toHaveLength(2);
  });

  it('announces only the entries whose place in line moved', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'P' }]);
    await register('/positions', ['QUEUE_POSITION_CHANGED'], facilityId);
    const entries = [];
    for (let i = 0; i < 3; i += 1) {
      entries.push(await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() }));
    }
    await receiver.waitFor('/positions', 3);
    await clinic.callNext(servicePointIds[0]!);
    const deliveries = await receiver.waitFor('/positions', 4);
    const byTime = [...deliveries].sort((a, b) => a.event.occurredAt.localeCompare(b.event.occurredAt));
    // Each check-in announces only the newcomer; the call moves the two left up one place.
    expect(byTime.map((delivery) => delivery.event.data.positions)).toEqual([
      [{ queueEntryId: entries[0]!.id, token: entries[0]!.token, position: 1 }],
      [{ queueEntryId: entries[1]!.id, token: entries[1]!.token, position: 2 }],
      [{ queueEntryId: entries[2]!.id, token: entries[2]!.token, position: 3 }],
      [
        { queueEntryId: entries[1]!.id, token: entries[1]!.token, position: 1 },
        { queueEntryId: entries[2]!.id, token: entries[2]!.token, position: 2 },
      ],
    ]);
  });

  it('sends the rest of the catalogue: appointments checked in and completed, schedule updated, provider arrived', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([
      { tokenPrefix: 'C', defaultServiceMinutes: 10, slotMinutes: 15 },
    ]);
    const [serviceId] = serviceIds;
    const [room] = servicePointIds;
    await register(
      '/catalogue',
      ['APPOINTMENT_UPDATED', 'APPOINTMENT_COMPLETED', 'SCHEDULE_UPDATED', 'PROVIDER_ARRIVED'],
      facilityId,
    );
    const { markProviderArrived } = await clinic.data<{ markProviderArrived: { arrivedAt: string } }>(
      'mutation($p: ID!) { markProviderArrived(servicePointId: $p) { arrivedAt servicePointId } }',
      { p: room },
      callers.clinician,
    );
    const entries = [];
    for (let i = 0; i < 3; i += 1) {
      const { bookAppointment } = await clinic.data<{ bookAppointment: { id: string } }>(
        'mutation($input: AppointmentInput!) { bookAppointment(input: $input) { id } }',
        { input: { serviceId, patientId: randomUUID(), startsAt: new Date().toISOString() } },
      );
      entries.push({
        appointmentId: bookAppointment.id,
        entry: await clinic.checkIn({ facilityId, appointmentId: bookAppointment.id }),
      });
    }
    const of = async (type: string, count: number) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = receiver.at('/catalogue').filter((delivery) => delivery.event.type === type);
        if (found.length >= count) return found.map((delivery) => delivery.event.data);
        if (Date.now() > deadline) throw new Error(`fewer than ${count} ${type}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // Three booked patients waiting 0, 10 and 20 minutes for 15-minute slots: the service runs late.
    const [schedule] = await of('schedule.updated', 1);
    expect(schedule).toMatchObject({
      facilityId,
      services: [{ serviceId, runningLate: true, longestWaitMinutes: 20, slotMinutes: 15 }],
    });
    const first = entries[0]!;
    await clinic.callNext(room!);
    await clinic.act('startService', { entryId: first.entry.id });
    await clinic.act('complete', { entryId: first.entry.id });

    expect(await of('provider.arrived', 1)).toEqual([
      { servicePointId: room, servicePointName: 'Room 1', facilityId, arrivedAt: markProviderArrived.arrivedAt },
    ]);
    const checkedIn = await of('appointment.updated', 3);
    expect(new Set(checkedIn.map((data) => data.appointmentId))).toEqual(
      new Set(entries.map((entry) => entry.appointmentId)),
    );
    expect(checkedIn.every((data) => data.status === 'CHECKED_IN')).toBe(true);
    expect(await of('appointment.completed', 1)).toEqual([
      expect.objectContaining({
        appointmentId: first.appointmentId,
        queueEntryId: first.entry.id,
        status: 'COMPLETED',
      }),
    ]);
    expect(receiver.at('/catalogue').every((delivery) => delivery.verified)).toBe(true);
  });

  it("lets an app manage only its own endpoints, rotates secrets, and refuses patients' and staff's tokens", async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'O' }]);
    const input = { url: receiver.url('/app'), events: ['TOKEN_CALLED'], facilityId };
    const patient: Caller = { subject: 'p', role: 'patient', patientId: randomUUID(), scopes: [] };
    const receptionApp: Caller = { ...app('desk-app'), role: 'reception' };
    for (const caller of [callers.reception, callers.clinician, patient, app('nosy', ['queue:read']), receptionApp]) {
      expect(await clinic.errorCode(REGISTER, { input }, caller)).toBe('FORBIDDEN');
      expect(await clinic.errorCode('{ webhookEndpoints { id } }', {}, caller)).toBe('FORBIDDEN');
    }
    const owned = await register('/app', ['TOKEN_CALLED'], facilityId, app('partner-ehr'));
    expect(owned.endpoint.ownerClientId).toBe('partner-ehr');
    const other = app('other-app');
    const { webhookEndpoints } = await clinic.data<{ webhookEndpoints: { id: string }[] }>(
      '{ webhookEndpoints { id } }',
      {},
      other,
    );
    expect(webhookEndpoints.map((endpoint) => endpoint.id)).not.toContain(owned.endpoint.id);
    const ROTATE = 'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }';
    expect(await clinic.errorCode(ROTATE, { id: owned.endpoint.id }, other)).toBe('NOT_FOUND');
    expect(await clinic.errorCode(DELIVERIES, { id: owned.endpoint.id }, other)).toBe('NOT_FOUND');

    const { rotateWebhookSecret } = await clinic.data<{ rotateWebhookSecret: { secret: string } }>(
      ROTATE,
      { id: owned.endpoint.id },
      app('partner-ehr'),
    );
    expect(rotateWebhookSecret.secret).not.toBe(owned.secret);
    receiver.secretFor('/app', rotateWebhookSecret.secret);
    await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    await clinic.callNext(servicePointIds[0]!);
    const [delivery] = await receiver.waitFor('/app', 1);
    expect(delivery!.verified).toBe(true);
    const header = delivery!.headers['clinicflow-signature'] as string;
    expect(verifyWebhookSignature(owned.secret, { header, body: delivery!.body }).verified).toBe(false);

    const { deleteWebhookEndpoint } = await clinic.data<{ deleteWebhookEndpoint: string }>(
      'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }',
      { id: owned.endpoint.id },
      app('partner-ehr'),
    );
    expect(deleteWebhookEndpoint).toBe(owned.endpoint.id);
    expect(await clinic.errorCode(DELIVERIES, { id: owned.endpoint.id })).toBe('NOT_FOUND');
  });
});
