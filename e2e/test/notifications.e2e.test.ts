import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePorts, postGraphQL } from '@clinicflow/testing';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'packages/embedded/dist/main.js');
const TOKEN = join(ROOT, 'packages/embedded/dist/token.js');

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
  const dataDir = mkdtempSync(join(tmpdir(), 'clinicflow-notifications-'));
  chmodSync(dataDir, 0o755);
  let child: ChildProcess;
  let output = '';
  let env: NodeJS.ProcessEnv;
  let gatewayUrl: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('Build first: npm run build (npm test does)');
    const base = await freePorts(8);
    env = {
      ...process.env,
      CLINICFLOW_DATA_DIR: dataDir,
      GATEWAY_PORT: String(base),
      SUBGRAPH_BASE_PORT: String(base + 1),
      EMBEDDED_POSTGRES_PORT: String(base + 6),
      HL7_MLLP_PORT: String(base + 7),
    };
    gatewayUrl = `http://127.0.0.1:${base}/graphql`;
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`not running after 90 s:\n${output}`)), 90_000);
      child.stdout?.on('data', () => {
        if (output.includes('ClinicFlow is running')) {
          clearTimeout(timer);
          ready();
        }
      });
      child.once('exit', (code) => fail(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 120_000);
  afterAll(async () => {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const token = (role: string) => execFileSync(process.execPath, [TOKEN, '--role', role], { env }).toString().trim();
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await postGraphQL<T>(gatewayUrl, query, variables, {
      authorization: `Bearer ${token('reception')}`,
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
    const sandbox = /SMS sandbox\s+(\S+)/.exec(output)?.[1];
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
