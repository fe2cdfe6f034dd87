import { subscribe } from '@clinicflow/testing';
import { startTestPlatform, type TestPlatform } from '../src';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
interface Membership {
  groupSubject: string;
  change: 'JOINED' | 'LEFT';
  occurredAt: string;
  subject: string;
  role: string;
}

/**
 * Issue 7's audit gap: a live event is read once for its whole subscription group (decision 5), so its
 * audit record names the group. The gateway records who joined and left each group, so compliance can
 * say which people a patient's data reached through a subscription.
 */
describe('audit of live-subscription members', () => {
  let platform: TestPlatform;
  let admin: string;
  let compliance: string;
  let patientId: string;

  const run = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLBody;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const membershipOf = async (group: string) =>
    (
      await run<{ subscriptionMembership: { edges: { node: Membership }[] } }>(
        compliance,
        'query ($g: String!) { subscriptionMembership(group: $g, first: 50) { edges { node { groupSubject change occurredAt subject role } } } }',
        { g: group },
      )
    ).subscriptionMembership.edges.map((edge) => edge.node);
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    platform = await startTestPlatform('subscription_audit');
    admin = await platform.token('admin');
    compliance = await platform.token('compliance');
    patientId = (
      await run<{ registerPatient: { id: string } }>(
        admin,
        'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
        { input: { mrn: 'LIVE-1', givenName: 'Lina', familyName: 'Vance', birthDate: '1988-08-08' } },
      )
    ).registerPatient.id;
  });
  afterAll(() => platform?.stop());

  it('names the people in the group that read a live event, with when they joined and left', async () => {
    const query = 'subscription ($p: ID!) { labResultAvailable(patientId: $p) { id valueQuantity } }';
    const opened = [];
    for (const subject of ['dr-ames', 'dr-brook']) {
      const token = await platform.token('clinician', { subject });
      opened.push(
        await subscribe<GraphQLBody>(platform.gateway.url, { authorization: `Bearer ${token}` }, query, {
          p: patientId,
        }),
      );
    }
    const [ames, brook] = opened;
    await run(admin, 'mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }', {
      input: {
        patientId,
        loincCode: '718-7',
        display: 'Hemoglobin',
        valueQuantity: 13.1,
        unit: 'g/dL',
        issuedAt: new Date().toISOString(),
      },
    });
    expect((await ames!.next()).data?.labResultAvailable).toBeTruthy();
    expect((await brook!.next()).data?.labResultAvailable).toBeTruthy();

    // The audit log names the group as the live event's reader...
    const events = await until(
      async () =>
        (
          await run<{
            auditEvents: { edges: { node: { subject: string; occurredAt: string; entityType: string } }[] };
          }>(
            compliance,
            'query ($p: ID) { auditEvents(patientId: $p, first: 50) { edges { node { subject occurredAt entityType } } } }',
            { p: patientId },
          )
        ).auditEvents.edges.map((edge) => edge.node),
      (rows) => rows.some((row) => row.subject.startsWith('subscription-group:')),
    );
    const live = events.find((row) => row.subject.startsWith('subscription-group:') && row.entityType === 'LabResult')!;
    expect(live).toBeDefined();

    // ...and the group's record says who was in it when it read.
    const joined = await until(
      () => membershipOf(live.subject),
      (rows) => rows.length >= 2,
    );
    expect(
      joined
        .map(({ subject, change, role }) => ({ subject, change, role }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    ).toEqual([
      { subject: 'dr-ames', change: 'JOINED', role: 'clinician' },
      { subject: 'dr-brook', change: 'JOINED', role: 'clinician' },
    ]);
    for (const row of joined)
      expect(new Date(row.occurredAt).getTime()).toBeLessThanOrEqual(new Date(live.occurredAt).getTime());

    await brook!.close();
    const after = await until(
      () => membershipOf(live.subject),
      (rows) => rows.some((row) => row.change === 'LEFT'),
    );
    expect(after.filter((row) => row.change === 'LEFT').map((row) => row.subject)).toEqual(['dr-brook']);
    await ames!.close();
  });

  it('takes no membership records from clients: the recording field is not in the API', async () => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: 'mutation { recordSubscriptionMembership(changes: []) }' }),
    });
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
