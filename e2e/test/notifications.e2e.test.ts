import { postGraphQL } from '@clinicflow/testing';
import { type NpmStart, type NpmStartProcess, prepareNpmStart } from './support/npm-start';

interface ReceivedMessage {
  to: string;
  body: string;
  status: string;
}

/**
 * `npm start` comes with its SMS and email sandboxes wired in: a check-in through the gateway makes
 * the queue publish its event, the patients subgraph texts the demo patient through the `twilio` SDK
 * to the Twilio sandbox, and the sandbox's signed callbacks bring the notification to DELIVERED.
 */
describe('notifications on npm start', () => {
  let npmStart: NpmStart;
  let running: NpmStartProcess;

  beforeAll(async () => {
    npmStart = await prepareNpmStart('notifications');
    running = await npmStart.start();
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
    npmStart?.remove();
  });

  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await postGraphQL<T>(npmStart.gatewayUrl, query, variables, {
      authorization: `Bearer ${npmStart.token('reception')}`,
    });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  const until = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((done) => setTimeout(done, 250));
    }
  };

  it('texts a checked-in patient through the Twilio sandbox and shows the delivery on the patient', async () => {
    const sandbox = /SMS sandbox\s+(\S+)/.exec(running.output())?.[1];
    expect(sandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__sandbox\/received$/);
    const { patients, facilities } = await graphql<{
      patients: { edges: { node: { id: string; phone: string } }[] };
      facilities: { id: string; services: { id: string }[] }[];
    }>('{ patients(first: 50) { edges { node { id phone } } } facilities { id services { id } } }');
    // A patient the demo did not check in today, so the check-in is theirs alone.
    const free = [];
    for (const { node } of patients.edges) {
      const { patient } = await graphql<{ patient: { queueEntries: { id: string }[] | null } }>(
        'query ($id: ID!) { patient(id: $id) { queueEntries { id } } }',
        { id: node.id },
      );
      if (patient.queueEntries?.length === 0) free.push(node);
    }
    const person = free[0]!;
    const facility = facilities[0]!;
    await graphql('mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }', {
      input: { facilityId: facility.id, serviceId: facility.services[0]!.id, patientId: person.id },
    });

    const texted = await until(async () => {
      const received = (await (await fetch(sandbox!)).json()) as ReceivedMessage[];
      return received.find((message) => message.to === person.phone && message.body.includes('you are checked in'));
    });
    expect(texted.status).toBe('delivered');
    const notification = await until(async () => {
      const { patient } = await graphql<{
        patient: { notifications: { edges: { node: { kind: string; status: string; channel: string } }[] } };
      }>('query ($id: ID!) { patient(id: $id) { notifications { edges { node { kind status channel } } } } }', {
        id: person.id,
      });
      return patient.notifications.edges.find(
        ({ node }) => node.kind === 'CHECK_IN_CONFIRMATION' && node.status === 'DELIVERED',
      )?.node;
    });
    expect(notification).toEqual({ kind: 'CHECK_IN_CONFIRMATION', status: 'DELIVERED', channel: 'SMS' });
  }, 90_000);
});
