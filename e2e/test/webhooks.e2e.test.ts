import { randomUUID } from 'node:crypto';
import { startWebhookReceiver, type WebhookReceiver } from '@clinicflow/testing';
import { startTestPlatform, type TestPlatform } from '../src';

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('outbound webhooks through the gateway', () => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    platform = await startTestPlatform('webhooks');
  });
  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
  });

  const post = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLBody<T>;
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  it("delivers token.called from a real callNext to an app's endpoint, signed, and logs it", async () => {
    const admin = await platform.token('admin');
    const app = await platform.token('admin', {
      subject: 'app:partner-signage',
      clientId: 'partner-signage',
      scopes: ['webhooks:manage'],
    });
    const { createFacility } = await post<{ createFacility: { id: string } }>(
      admin,
      'mutation ($input: FacilityInput!) { createFacility(input: $input) { id } }',
      { input: { code: 'WHK', name: 'Webhook Clinic', timezone: 'America/New_York' } },
    );
    const facilityId = createFacility.id;
    const { createService } = await post<{ createService: { id: string } }>(
      admin,
      'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      { input: { facilityId, name: 'General', tokenPrefix: 'G', defaultServiceMinutes: 10, slotMinutes: 15 } },
    );
    const { createServicePoint } = await post<{ createServicePoint: { id: string } }>(
      admin,
      'mutation ($input: ServicePointInput!) { createServicePoint(input: $input) { id } }',
      { input: { facilityId, name: 'Room 7', kind: 'ROOM' } },
    );

    const { registerWebhookEndpoint } = await post<{
      registerWebhookEndpoint: { secret: string; endpoint: { id: string; ownerClientId: string } };
    }>(
      app,
      `mutation ($input: WebhookEndpointInput!) {
        registerWebhookEndpoint(input: $input) { secret endpoint { id ownerClientId } }
      }`,
      { input: { url: receiver.url('/signage'), events: ['TOKEN_CALLED'], facilityId } },
    );
    expect(registerWebhookEndpoint.endpoint.ownerClientId).toBe('partner-signage');
    receiver.secretFor('/signage', registerWebhookEndpoint.secret);

    const reception = await platform.token('reception');
    const { checkIn } = await post<{ checkIn: { id: string; token: string } }>(
      reception,
      'mutation ($input: CheckInInput!) { checkIn(input: $input) { id token } }',
      { input: { facilityId, serviceId: createService.id, patientId: randomUUID() } },
    );
    const clinician = await platform.token('clinician');
    await post(clinician, 'mutation ($p: ID!) { callNext(servicePointId: $p) { id } }', {
      p: createServicePoint.id,
    });

    const [delivery] = await receiver.waitFor('/signage', 1);
    expect(delivery!.verified).toBe(true);
    expect(delivery!.event).toMatchObject({
      type: 'token.called',
      data: {
        queueEntryId: checkIn.id,
        token: checkIn.token,
        facilityId,
        servicePointId: createServicePoint.id,
        servicePointName: 'Room 7',
      },
    });
    const { webhookDeliveries } = await post<{
      webhookDeliveries: { edges: { node: { eventId: string; delivered: boolean; statusCode: number } }[] };
    }>(
      app,
      'query ($id: ID!) { webhookDeliveries(endpointId: $id) { edges { node { eventId delivered statusCode } } } }',
      {
        id: registerWebhookEndpoint.endpoint.id,
      },
    );
    expect(webhookDeliveries.edges.map((edge) => edge.node)).toEqual([
      { eventId: delivery!.event.id, delivered: true, statusCode: 200 },
    ]);
  });
});
