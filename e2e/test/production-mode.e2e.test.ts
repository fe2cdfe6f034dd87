import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openLocalIssuer } from '@clinicflow/gateway';
import { createTestDatabase, freePorts, postGraphQL, type TestDatabase } from '@clinicflow/testing';

const ROOT = resolve(__dirname, '..', '..');
const GATEWAY = join(ROOT, 'gateway/dist/main.js');
const SUBGRAPH = join(ROOT, 'packages/embedded/dist/start-subgraph.js');
const SECRET = 'production-mode-test-secret-0123456789abcdef';
const BASE_ENV = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' };
/** The clinic's identity provider; the embedded issuer's name is refused in production. */
const IDP_ISSUER = 'https://id.clinic.example';

/** `npm run start:gateway` and `npm run start:subgraph -- <name>`, each a process of its own. */
describe('production mode', () => {
  it('refuses to start on a missing or bad environment, naming each variable', () => {
    const gateway = spawnSync(process.execPath, [GATEWAY], { env: { ...BASE_ENV, PORT: 'eighty' }, encoding: 'utf8' });
    expect(gateway.status).toBe(1);
    for (const name of ['PORT', 'CONTEXT_SIGNING_SECRET', 'JWKS_URL', 'JWT_ISSUER'])
      expect(gateway.stderr).toContain(name);

    const subgraph = spawnSync(process.execPath, [SUBGRAPH, 'queue'], {
      env: { ...BASE_ENV, DATABASE_URL: 'mysql://elsewhere', CONTEXT_SIGNING_SECRET: 'short' },
      encoding: 'utf8',
    });
    expect(subgraph.status).toBe(1);
    expect(subgraph.stderr).toMatch(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
    expect(subgraph.stderr).toMatch(/CONTEXT_SIGNING_SECRET: must be at least 32 characters/);
    expect(subgraph.stderr).not.toContain('short');

    // Patients and billing seal columns at rest (decision 0017): no keys, no start; queue needs none.
    for (const sealing of ['patients', 'billing']) {
      const keyless = spawnSync(process.execPath, [SUBGRAPH, sealing], {
        env: { ...BASE_ENV, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none', CONTEXT_SIGNING_SECRET: SECRET },
        encoding: 'utf8',
      });
      expect(keyless.status).toBe(1);
      expect(keyless.stderr).toMatch(new RegExp(`FIELD_ENCRYPTION_KEYS: is required for ${sealing}`));
      expect(keyless.stderr).toMatch(new RegExp(`BLIND_INDEX_KEY: is required for ${sealing}`));
    }

    const unknown = spawnSync(process.execPath, [SUBGRAPH, 'pharmacy'], { env: BASE_ENV, encoding: 'utf8' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('patients, queue, billing, clinical, devices');
  });

  describe('a queue subgraph and a gateway verifying tokens against a remote JWKS', () => {
    let database: TestDatabase;
    let jwksServer: http.Server;
    const processes: ChildProcess[] = [];
    let gatewayUrl: string;
    let token: string;

    beforeAll(async () => {
      database = await createTestDatabase('production');
      const issuer = await openLocalIssuer(join(mkdtempSync(join(tmpdir(), 'idp-')), 'key.json'), {
        issuer: IDP_ISSUER,
      });
      token = await issuer.sign({ subject: 'staff-1', role: 'reception' });
      jwksServer = http.createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.jwks)),
      );
      await new Promise<void>((ready) => jwksServer.listen(0, '127.0.0.1', ready));
      const base = await freePorts(3);
      const [gatewayPort, queuePort, closedPort] = [base, base + 1, base + 2];
      processes.push(
        launch(SUBGRAPH, ['queue'], {
          DATABASE_URL: database.url,
          CONTEXT_SIGNING_SECRET: SECRET,
          PORT: String(queuePort),
          HOST: '127.0.0.1',
        }),
      );
      await waitFor(`http://127.0.0.1:${queuePort}/readyz`);
      const elsewhere = `http://127.0.0.1:${closedPort}/graphql`;
      processes.push(
        launch(GATEWAY, [], {
          PORT: String(gatewayPort),
          HOST: '127.0.0.1',
          SUPERGRAPH_PATH: join(ROOT, 'supergraph.graphql'),
          CONTEXT_SIGNING_SECRET: SECRET,
          JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`,
          JWT_ISSUER: IDP_ISSUER,
          SUBGRAPH_URL_QUEUE: `http://127.0.0.1:${queuePort}/graphql`,
          SUBGRAPH_URL_PATIENTS: elsewhere,
          SUBGRAPH_URL_BILLING: elsewhere,
          SUBGRAPH_URL_CLINICAL: elsewhere,
          SUBGRAPH_URL_DEVICES: elsewhere,
        }),
      );
      gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
      await waitFor(`http://127.0.0.1:${gatewayPort}/healthz`);
    });
    afterAll(async () => {
      await Promise.all(
        processes.map(
          (child) =>
            new Promise((done) =>
              child.exitCode !== null ? done(null) : (child.once('exit', done), child.kill('SIGTERM')),
            ),
        ),
      );
      jwksServer?.close();
      await database?.drop();
    });

    it('serves a query with a token the identity provider signed', async () => {
      const response = await postGraphQL(gatewayUrl, '{ facilities { id } }', {}, { authorization: `Bearer ${token}` });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ facilities: [] });
    });

    it('refuses tokens the identity provider did not sign', async () => {
      const stranger = await openLocalIssuer(join(mkdtempSync(join(tmpdir(), 'stranger-')), 'key.json'), {
        issuer: IDP_ISSUER,
      });
      const forged = await stranger.sign({ subject: 'intruder', role: 'admin' });
      const response = await postGraphQL(
        gatewayUrl,
        '{ facilities { id } }',
        {},
        { authorization: `Bearer ${forged}` },
      );
      expect(response.status).toBe(401);
    });

    it('reports which subgraphs answer', async () => {
      const ready = (await (await fetch(gatewayUrl.replace('/graphql', '/readyz'))).json()) as {
        subgraphs: Record<string, string>;
      };
      expect(ready.subgraphs).toEqual({
        patients: 'down',
        queue: 'up',
        billing: 'down',
        clinical: 'down',
        devices: 'down',
      });
    });
  });
});

function launch(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...BASE_ENV, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 30 s`);
}
