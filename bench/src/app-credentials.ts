import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTokenVerifier, DEFAULT_AUDIENCE, LOCAL_ISSUER, startGateway } from '@clinicflow/gateway';
import { createLogger } from '@clinicflow/platform';
import { startBenchPlatform } from './bench-platform';
import { type LoadResult, runLoad } from './load';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const QUERY = JSON.stringify({ query: '{ facilities { id name } }' });

/**
 * `npm run bench:credentials`: what a third-party app's credential costs the gateway per request. The
 * same small query as staff (the identity provider's JWT), with an API key and with a token from
 * `POST /oauth/token` (both through the gateway's short positive cache, decision 0016), and with an API
 * key on a gateway whose cache lasts 1 ms, so every request asks the devices subgraph.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '10' },
    },
  });
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const contextSigningSecret = randomBytes(32).toString('hex');
  const bench = await startBenchPlatform('benchcredentials', contextSigningSecret);
  const { platform } = bench;
  const uncached = await startGateway({
    port: 0,
    supergraph: { sdl: readFileSync(resolve(__dirname, '..', '..', 'supergraph.graphql'), 'utf8') },
    subgraphUrls: Object.fromEntries([...platform.subgraphs].map(([name, running]) => [name, running.url])),
    contextSigningSecret,
    verifyToken: createTokenVerifier({ issuer: LOCAL_ISSUER, audience: DEFAULT_AUDIENCE, keys: platform.issuer.jwks }),
    thirdParty: { tokenSigningKey: randomBytes(32).toString('hex'), credentialCacheMs: 1 },
    logger: createLogger('benchcredentials', 'error'),
  });
  try {
    const admin = await platform.issuer.sign({ subject: 'bench', role: 'admin' });
    const graphql = async <T>(query: string, variables: Record<string, unknown>) => {
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query, variables }),
      });
      return ((await response.json()) as { data: T }).data;
    };
    await graphql(
      'mutation { createFacility(input: { code: "BEN", name: "Bench clinic", timezone: "UTC" }) { id } }',
      {},
    );
    const issue = async (kind: string) =>
      (
        await graphql<{ createApiCredential: { secret: string; credential: { clientId: string } } }>(
          'mutation ($input: ApiCredentialInput!) { createApiCredential(input: $input) { secret credential { clientId } } }',
          { input: { name: `Bench ${kind}`, kind, role: 'RECEPTION', scopes: ['queue:read'] } },
        )
      ).createApiCredential;
    const key = await issue('API_KEY');
    const client = await issue('CLIENT_CREDENTIALS');
    const tokenResponse = await fetch(new URL('/oauth/token', platform.gateway.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.credential.clientId}:${client.secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: appToken } = (await tokenResponse.json()) as { access_token: string };
    const staff = await platform.issuer.sign({ subject: 'bench-desk', role: 'reception' });

    const cases: [string, string, Record<string, string>][] = [
      ['staff JWT (identity provider)', platform.gateway.url, { authorization: `Bearer ${staff}` }],
      ['API key, cached (10 s)', platform.gateway.url, { 'x-api-key': key.secret }],
      ['OAuth token, client cached (10 s)', platform.gateway.url, { authorization: `Bearer ${appToken}` }],
      ['API key, every request checked (1 ms cache)', uncached.url, { 'x-api-key': key.secret }],
    ];
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const rows: string[] = [];
    for (const [name, url, headers] of cases) {
      const spec = {
        url,
        body: QUERY,
        headers: { ...headers, 'content-type': 'application/json' },
        connections,
        seconds,
      };
      const probe = await fetch(url, { method: 'POST', headers: spec.headers, body: QUERY });
      if (probe.status !== 200) throw new Error(`${name} answered ${probe.status}`);
      await runLoad({ ...spec, seconds: 2 });
      rows.push(row(name, await runLoad(spec)));
    }
    const body = `## Third-party app credentials: cost per request at the gateway

Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}.
Command: \`npm run bench:credentials -- --connections ${connections} --seconds ${seconds}\` (after \`npm run build\`).
\`{ facilities { id name } }\` (one facility) through the gateway, gateway and subgraphs in one process as in embedded
mode, autocannon in another. The same query as staff with the identity provider's JWT, as an app with an API key and
with a token from \`POST /oauth/token\` (both through the gateway's positive cache, decision 0016), and with an API key
on a second gateway whose cache lasts 1 ms, so each request asks the devices subgraph (one signed GraphQL call and one
indexed lookup). One-minute load average when the runs began: ${loadAtStart} (on a shared machine, figures above 2 are noisy).

| caller | requests/s | p50 ms | p99 ms | requests | errors |
|---|---|---|---|---|---|
${rows.join('\n')}`;
    await writeResultsSection('app-credentials', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await uncached.stop();
    await bench.stop();
  }
}

const row = (name: string, result: LoadResult) =>
  `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${result.requests} | ${result.errors + result.non2xx} |`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
