import { subscribe, type Subscription } from '@clinicflow/testing';
import { CheckInDocument, RegisterPatientDocument, startTestPlatform, type TestPlatform } from '../src';

const FOLLOW_RESULTS = /* GraphQL */ `
  subscription FollowResults($patientId: ID!) {
    labResultAvailable(patientId: $patientId) {
      loincCode
      valueQuantity
      patient {
        displayName
        queueEntries {
          token
        }
      }
    }
  }
`;

const RECORD = /* GraphQL */ `
  mutation Record($input: LabResultInput!) {
    recordLabResult(input: $input) {
      id
    }
  }
`;

interface ResultEvent {
  data?: {
    labResultAvailable: {
      loincCode: string;
      valueQuantity: number;
      patient: { displayName: string; queueEntries: { token: string }[] };
    };
  };
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('subscriptions through the gateway', () => {
  let platform: TestPlatform;
  let patientId: string;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform('subscriptions');
    const admin = await platform.token('admin');
    const registered = await platform.execute(admin, RegisterPatientDocument, {
      input: { mrn: 'SUB-1', givenName: 'Ines', familyName: 'Duarte', birthDate: '1979-05-05' },
    });
    patientId = registered.data!.registerPatient.id;
    const facility = await postAdmin(
      admin,
      `mutation { createFacility(input: { code: "SUBS", name: "Subs", timezone: "UTC" }) { id } }`,
    );
    const facilityId = (facility.createFacility as { id: string }).id;
    const service = await postAdmin(
      admin,
      `mutation($f: ID!) { createService(input: { facilityId: $f, tokenPrefix: "L", name: "Lab", defaultServiceMinutes: 5, slotMinutes: 10 }) { id } }`,
      { f: facilityId },
    );
    await platform.execute(admin, CheckInDocument, {
      input: { facilityId, serviceId: (service.createService as { id: string }).id, patientId },
    });
    token = await platform.token('clinician');
  });
  afterAll(() => platform.stop());

  async function postAdmin(admin: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: Record<string, unknown> };
    return body.data;
  }

  const follow = (bearer: string) =>
    subscribe<ResultEvent>(platform.gateway.url, { authorization: `Bearer ${bearer}` }, FOLLOW_RESULTS, { patientId });

  const record = async (value: number) =>
    postAdmin(await platform.token('clinician'), RECORD, {
      input: {
        patientId,
        loincCode: '2345-7',
        display: 'Glucose',
        valueQuantity: value,
        unit: 'mg/dL',
        issuedAt: new Date().toISOString(),
      },
    });

  it('delivers each event with the fields other subgraphs own', async () => {
    const subscription = await follow(token);
    try {
      await record(101);
      const event = await subscription.next();
      expect(event.errors).toBeUndefined();
      expect(event.data?.labResultAvailable).toEqual({
        loincCode: '2345-7',
        valueQuantity: 101,
        patient: { displayName: 'Ines D.', queueEntries: [{ token: 'L-001' }] },
      });
    } finally {
      await subscription.close();
    }
  });

  it('resolves each event once for all subscribers with the same operation, variables and rights', async () => {
    const patients = platform.subgraphs.get('patients')!.database.counter;
    const measure = async (subscribers: Subscription<ResultEvent>[], value: number) => {
      const before = patients.statements;
      await record(value);
      const events = await Promise.all(subscribers.map((subscriber) => subscriber.next()));
      for (const event of events) expect(event.data?.labResultAvailable.valueQuantity).toBe(value);
      return patients.statements - before;
    };
    const one = [await follow(token)];
    const five = [
      await follow(token),
      await follow(token),
      await follow(token),
      await follow(token),
      await follow(token),
    ];
    try {
      const forOne = await measure(one, 90);
      await Promise.all(five.map((subscriber) => subscriber.next()));
      const forSix = await measure([...one, ...five], 95);
      expect(forOne).toBe(1);
      expect(forSix).toBe(1);
    } finally {
      await Promise.all([...one, ...five].map((subscriber) => subscriber.close()));
    }
  });

  it('enriches queue events with what billing, devices and patients own', async () => {
    const admin = await platform.token('admin');
    const facility = await postAdmin(
      admin,
      `mutation { createFacility(input: { code: "ENRICH", name: "Enrich", timezone: "UTC" }) { id } }`,
    );
    const facilityId = (facility.createFacility as { id: string }).id;
    const service = await postAdmin(
      admin,
      `mutation($f: ID!) { createService(input: { facilityId: $f, tokenPrefix: "E", name: "Exam", defaultServiceMinutes: 5, slotMinutes: 10 }) { id } }`,
      { f: facilityId },
    );
    const serviceId = (service.createService as { id: string }).id;
    const device = await postAdmin(
      admin,
      `mutation($f: ID!) { registerDevice(input: { serial: "ENRICH-1", kind: PULSE_OXIMETER, facilityId: $f }) { id } }`,
      {
        f: facilityId,
      },
    );
    const deviceId = (device.registerDevice as { id: string }).id;
    await postAdmin(admin, `mutation($d: ID!, $p: ID) { assignDevice(deviceId: $d, patientId: $p) { id } }`, {
      d: deviceId,
      p: patientId,
    });
    await postAdmin(admin, `mutation($input: ReadingInput!) { recordReading(input: $input) { id } }`, {
      input: { deviceId, code: 'HEART_RATE', value: 77, recordedAt: new Date().toISOString() },
    });
    const updates = await subscribe<{
      data?: {
        queueUpdated: {
          reason: string;
          entry: {
            token: string;
            paymentStatus: string;
            patient: { displayName: string; latestVitals: { heartRate: number } };
          };
        };
      };
    }>(
      platform.gateway.url,
      { authorization: `Bearer ${token}` },
      `subscription($f: ID!) { queueUpdated(facilityId: $f) {
        reason entry { token paymentStatus patient { displayName latestVitals { heartRate } } } } }`,
      { f: facilityId },
    );
    try {
      const checkIn = await postAdmin(admin, `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`, {
        input: { facilityId, serviceId, patientId },
      });
      await postAdmin(admin, `mutation($input: InvoiceInput!) { createInvoice(input: $input) { id } }`, {
        input: {
          patientId,
          queueEntryId: (checkIn.checkIn as { id: string }).id,
          description: 'Co-pay',
          amountCents: 1500,
        },
      });
      const event = await updates.next();
      expect(event.data?.queueUpdated).toEqual({
        reason: 'CHECKED_IN',
        entry: {
          token: 'E-001',
          paymentStatus: expect.stringMatching(/^(NOT_REQUIRED|DUE)$/),
          patient: { displayName: 'Ines D.', latestVitals: { heartRate: 77 } },
        },
      });
    } finally {
      await updates.close();
    }
  });

  it('authenticates at connection time', async () => {
    await expect(subscribe(platform.gateway.url, {}, FOLLOW_RESULTS, { patientId })).rejects.toThrow(/4403|closed/);
    await expect(
      subscribe(platform.gateway.url, { authorization: 'Bearer forged' }, FOLLOW_RESULTS, { patientId }),
    ).rejects.toThrow();
  });

  it('applies the same field rules as queries', async () => {
    const otherPatient = await platform.token('patient', { patientId: '00000000-0000-4000-8000-000000000001' });
    const subscription = await follow(otherPatient);
    try {
      const event = await subscription.next();
      expect(event.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await subscription.close();
    }
  });

  it('serves only subscriptions over WebSocket', async () => {
    const subscription = await subscribe<ResultEvent>(
      platform.gateway.url,
      { authorization: `Bearer ${token}` },
      '{ facilities { id } }',
    );
    try {
      await expect(subscription.next()).rejects.toBeDefined();
    } finally {
      await subscription.close();
    }
  });
});
