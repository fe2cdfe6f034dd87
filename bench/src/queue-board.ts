import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { SubgraphName } from '@clinicflow/gateway';
import type { Caller } from '@clinicflow/platform';
import { seedQueueBoard } from '@clinicflow/testing';
import { startBenchPlatform } from './bench-platform';
import { startDirectBoard } from './direct-board';
import { type LoadResult, runLoad } from './load';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const BOARD_QUERY = `query QueueBoard($facilityId: ID!, $first: Int!) {
  queueEntries(facilityId: $facilityId, statuses: [WAITING], first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id token status priority paymentStatus
      patient { id displayName
        latestLabResult { loincCode valueQuantity unit abnormalFlag }
        latestVitals { heartRate oxygenSaturation recordedAt } } } }
  }
}`;

/**
 * `npm run bench`: the queue board through the gateway against the same data fetched straight from
 * the subgraphs by a hand-written aggregator, in the same run, on the same platform process.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '50' },
      connections: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '10' },
    },
  });
  const entries = Number(values.entries);
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);

  const secret = randomBytes(32).toString('hex');
  const bench = await startBenchPlatform('bench', secret);
  const { platform, database } = bench;
  try {
    const { facilityId } = await seedQueueBoard(database.url, entries);
    const caller: Caller = { subject: 'bench', role: 'clinician', scopes: [] };
    const token = await platform.issuer.sign({ subject: caller.subject, role: caller.role });
    const urls = Object.fromEntries([...platform.subgraphs].map(([name, running]) => [name, running.url])) as Record<
      SubgraphName,
      string
    >;
    const direct = await startDirectBoard(urls, secret, caller);

    const gatewaySpec = {
      url: platform.gateway.url,
      body: JSON.stringify({ query: BOARD_QUERY, variables: { facilityId, first: entries } }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      connections,
      seconds,
    };
    const directSpec = {
      ...gatewaySpec,
      url: direct.url,
      body: JSON.stringify({ facilityId, first: entries }),
      headers: { 'content-type': 'application/json' },
    };
    const responseBytes = await checkSameBoard(gatewaySpec, directSpec);

    await runLoad({ ...gatewaySpec, seconds: 2 });
    await runLoad({ ...directSpec, seconds: 2 });
    const viaGateway = await runLoad(gatewaySpec);
    const straight = await runLoad(directSpec);
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    await direct.close();

    const row = (name: string, result: LoadResult) =>
      `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${result.requests} | ${result.errors + result.non2xx} |`;
    const body = `## Queue board: gateway against direct subgraph calls

Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}.
Command: \`npm run bench -- --entries ${entries} --connections ${connections} --seconds ${seconds}\` (after \`npm run build\`).
A board of ${entries} waiting entries, each with patient name, payment status, latest lab result and latest vitals
(${(responseBytes / 1024).toFixed(1)} KB per response). Gateway and subgraphs in one process, as in embedded mode;
autocannon in another; PostgreSQL the machine's own. The peer is a hand-written aggregator in the same process making
the same five subgraph requests the gateway's query plan makes.

| path | requests/s | p50 ms | p99 ms | requests | errors |
|---|---|---|---|---|---|
${row('through the gateway', viaGateway)}
${row('straight from the subgraphs', straight)}

Gateway throughput is ${((viaGateway.requestsPerSecond / straight.requestsPerSecond) * 100).toFixed(0)}% of the direct path's
(ratio ${(viaGateway.requestsPerSecond / straight.requestsPerSecond).toFixed(2)}); process memory after the run ${rssMiB} MiB RSS.`;
    await writeResultsSection('queue-board', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await bench.stop();
  }
}

/** The same JSON with every object's keys sorted, so two answers compare by content alone. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

/** Both paths must return the same board, or the comparison means nothing. Returns the response size. */
async function checkSameBoard(
  gateway: { url: string; body: string; headers: Record<string, string> },
  direct: { url: string; body: string; headers: Record<string, string> },
): Promise<number> {
  const fetchBoard = async (spec: typeof gateway) => {
    const response = await fetch(spec.url, { method: 'POST', headers: spec.headers, body: spec.body });
    return response.text();
  };
  const [viaGateway, straight] = await Promise.all([fetchBoard(gateway), fetchBoard(direct)]);
  const edges = (text: string) =>
    JSON.stringify(
      canonical((JSON.parse(text) as { data: { queueEntries: { edges: unknown[] } } }).data.queueEntries.edges),
    );
  if (edges(viaGateway) !== edges(straight)) {
    throw new Error(
      `the gateway and the direct path returned different boards:\n${viaGateway.slice(0, 800)}\n${straight.slice(0, 800)}`,
    );
  }
  return Buffer.byteLength(viaGateway);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
