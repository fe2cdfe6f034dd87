import { subscribe } from '@clinicflow/testing';
import { REDIS_TEST_URL, RegisterPatientDocument, startTestPlatform, type TestPlatform } from '../src';

const FOLLOW = /* GraphQL */ `
  subscription ($patientId: ID!) {
    labResultAvailable(patientId: $patientId) {
      valueQuantity
      patient {
        displayName
      }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation ($input: LabResultInput!) {
    recordLabResult(input: $input) {
      id
    }
  }
`;

interface ResultEvent {
  data?: { labResultAvailable: { valueQuantity: number; patient: { displayName: string } } };
}

/**
 * Two replicas of the whole platform (gateway and subgraphs) on one database and one Redis, as a
 * scaled-out deployment runs. An event committed through either replica reaches the subscribers of
 * both gateways, because live events travel through Redis.
 */
describe('two gateways and Redis', () => {
  let first: TestPlatform;
  let second: TestPlatform;
  let patientId: string;

  beforeAll(async () => {
    first = await startTestPlatform('replicas', { redisUrl: REDIS_TEST_URL });
    second = await startTestPlatform('replicas', { redisUrl: REDIS_TEST_URL, database: first.database });
    const registered = await first.execute(await first.token('admin'), RegisterPatientDocument, {
      input: { mrn: 'REPLICA-1', givenName: 'Tomas', familyName: 'Varga', birthDate: '1966-06-06' },
    });
    patientId = registered.data!.registerPatient.id;
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const record = async (platform: TestPlatform, value: number) => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await platform.token('clinician')}` },
      body: JSON.stringify({
        query: RECORD,
        variables: {
          input: {
            patientId,
            loincCode: '718-7',
            display: 'Hemoglobin',
            valueQuantity: value,
            unit: 'g/dL',
            issuedAt: new Date().toISOString(),
          },
        },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  };

  it('delivers every event to the subscribers of both gateways, whichever replica committed it', async () => {
    const onFirst = await subscribe<ResultEvent>(
      first.gateway.url,
      { authorization: `Bearer ${await first.token('clinician')}` },
      FOLLOW,
      { patientId },
    );
    const onSecond = await subscribe<ResultEvent>(
      second.gateway.url,
      { authorization: `Bearer ${await second.token('clinician')}` },
      FOLLOW,
      { patientId },
    );
    try {
      await record(first, 13.1);
      await record(second, 13.4);
      for (const subscription of [onFirst, onSecond]) {
        const events = [await subscription.next(), await subscription.next()];
        expect(events.map((event) => event.data?.labResultAvailable.valueQuantity).sort()).toEqual([13.1, 13.4]);
        for (const event of events) expect(event.data?.labResultAvailable.patient.displayName).toBe('Tomas V.');
      }
      expect(onFirst.pending()).toEqual([]);
      expect(onSecond.pending()).toEqual([]);
    } finally {
      await onFirst.close();
      await onSecond.close();
    }
  });
});
