import 'reflect-metadata';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { seedDemoClinic } from '@clinicflow/embedded';
import { startBenchPlatform } from './bench-platform';
import { type LoadResult, type LoadSpec, runLoad } from './load';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const PATIENTS_QUERY = `query Patients($first: Int!) {
  patients(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id mrn givenName familyName birthDate gender phone email preferredLanguage } } }
}`;

/**
 * `npm run bench:fhir`: FHIR API reads and searches against the demo clinic, each through the
 * gateway as a FHIR client sends them, with the GraphQL request a FHIR patient search makes as a peer.
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
  const bench = await startBenchPlatform('benchfhir');
  const { platform } = bench;
  try {
    const token = await platform.issuer.sign({ subject: 'bench', role: 'admin' });
    await seedDemoClinic(platform.gateway.url, token);
    const fhirBase = platform.gateway.url.replace(/\/graphql$/, '/fhir/R4');
    const headers = { authorization: `Bearer ${token}` };
    const found = (await (await fetch(`${fhirBase}/Patient?identifier=DEMO-0001`, { headers })).json()) as {
      entry: { resource: { id: string } }[];
    };
    const patientId = found.entry[0]!.resource.id;

    const cases: { name: string; spec: LoadSpec }[] = [
      ['read Patient/<id>', `/Patient/${patientId}`],
      ['search Patient?_count=50', '/Patient?_count=50'],
      ['search Patient?identifier=<mrn>', '/Patient?identifier=DEMO-0001'],
      ['search Observation?patient=<id>', `/Observation?patient=${patientId}&category=vital-signs`],
      ['Patient/<id>/$everything', `/Patient/${patientId}/$everything`],
    ].map(([name, path]) => ({ name: name!, spec: { url: `${fhirBase}${path}`, headers, connections, seconds } }));
    cases.push({
      name: 'GraphQL peer: patients(first: 50)',
      spec: {
        url: platform.gateway.url,
        body: JSON.stringify({ query: PATIENTS_QUERY, variables: { first: 50 } }),
        headers: { ...headers, 'content-type': 'application/json' },
        connections,
        seconds,
      },
    });

    const loadAtStart = loadavg()[0]!.toFixed(1);
    const rows: string[] = [];
    for (const { name, spec } of cases) {
      const probe = await fetch(spec.url, {
        method: spec.body === undefined ? 'GET' : 'POST',
        headers: spec.headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
      });
      if (probe.status !== 200) throw new Error(`${name} answered ${probe.status}`);
      const bytes = Buffer.byteLength(await probe.text());
      await runLoad({ ...spec, seconds: 2 });
      rows.push(row(name, bytes, await runLoad(spec)));
    }
    const body = `## FHIR API: reads and searches through the gateway

Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}.
Command: \`npm run bench:fhir -- --connections ${connections} --seconds ${seconds}\` (after \`npm run build\`).
The demo clinic (50 patients; lab results and vitals for some), seeded through the API; an admin token; gateway and
subgraphs in one process as in embedded mode, autocannon in another, PostgreSQL the machine's own. Each FHIR request
runs its GraphQL operations through the gateway's own execution (no HTTP to itself); the last row is the GraphQL
request a FHIR patient search makes, sent by a client directly, for the cost of the FHIR layer.
One-minute load average when the runs began: ${loadAtStart} (on a shared machine, figures above 2 are noisy).

| request | KB per response | requests/s | p50 ms | p99 ms | requests | errors |
|---|---|---|---|---|---|---|
${rows.join('\n')}`;
    await writeResultsSection('fhir-api', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await bench.stop();
  }
}

const row = (name: string, bytes: number, result: LoadResult) =>
  `| ${name} | ${(bytes / 1024).toFixed(1)} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${result.requests} | ${result.errors + result.non2xx} |`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
