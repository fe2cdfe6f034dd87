import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const FOLLOW = `subscription Follow($patientId: ID!) {
  labResultAvailable(patientId: $patientId) { valueQuantity createdAt patient { displayName } }
}`;
const RECORD = `mutation Record($input: LabResultInput!) { recordLabResult(input: $input) { id } }`;

interface Server {
  gatewayUrl: string;
  patientId: string;
  token: string;
  pid: number;
  child: ChildProcess;
}

interface Round {
  clients: number;
  held: number;
  events: number;
  delivered: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  rssHeldMiB: number;
  rssPeakMiB: number;
  connectSeconds: number;
}

const rssMiB = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [join(__dirname, 'fanout-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fan-out server exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as Omit<Server, 'child'>), child };
}

/**
 * `npm run bench:fanout`: N graphql-ws clients on one gateway process, all following the same
 * patient's lab results (one subscription group), events at a steady rate; delivery latency from the
 * result's commit to each client, events lost, connections held and the gateway process's memory.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '1000,5000,10000' },
      rate: { type: 'string', default: '2' },
      seconds: { type: 'string', default: '20' },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const server = await startServer();
  if (new URL(server.gatewayUrl).hostname !== '127.0.0.1') throw new Error('load tests target 127.0.0.1 only');
  const rounds: Round[] = [];
  try {
    for (const clients of values.clients.split(',').map(Number)) {
      rounds.push(await runRound(server, clients, rate, seconds));
      const last = rounds.at(-1)!;
      process.stdout.write(`${JSON.stringify(last)}\n`);
    }
  } finally {
    server.child.kill('SIGTERM');
  }
  const rows = rounds.map(
    (r) =>
      `| ${r.clients} | ${r.held} | ${r.connectSeconds.toFixed(1)} | ${r.events} | ${r.delivered} | ${r.lost} | ${r.p50} | ${r.p99} | ${r.max} | ${r.rssHeldMiB} | ${r.rssPeakMiB} |`,
  );
  await writeResultsSection(
    'subscription-fanout',
    `## Subscription fan-out through the gateway

Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}.
Command: \`npm run bench:fanout -- --clients ${values.clients} --rate ${rate} --seconds ${seconds}\` (after \`npm run build\`).
The gateway and the five subgraphs run in one process (as in embedded mode), the clients in another on the same
two cores, all on 127.0.0.1. Every client follows the same patient's lab results with the same rights, and selects
a field the patients subgraph owns, so the gateway resolves each event once for all of them. Latency runs from the
result's insert time in PostgreSQL (just before commit) to the client's receipt. Memory is the platform process's RSS.

| clients | held | connect s | events | delivered | lost | p50 ms | p99 ms | max ms | RSS held MiB | RSS peak MiB |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}`,
  );
}

async function runRound(server: Server, count: number, rate: number, seconds: number): Promise<Round> {
  const latencies: number[] = [];
  const received = new Map<number, number>();
  let closed = 0;
  const clients: Client[] = [];
  const started = Date.now();
  let warmed = 0;
  let onWarm: () => void = () => {};
  const allWarm = new Promise<void>((resolve) => (onWarm = resolve));
  for (let batch = 0; batch < count; batch += 250) {
    const size = Math.min(250, count - batch);
    await Promise.all(
      Array.from({ length: size }, async () => {
        const client = createClient({
          url: server.gatewayUrl.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${server.token}` },
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => {},
        });
        client.on('closed', () => (closed += 1));
        await new Promise<void>((resolve, reject) => {
          client.on('connected', () => resolve());
          client.on('closed', () => reject(new Error('connection refused')));
        });
        clients.push(client);
        client.subscribe<{ labResultAvailable: { valueQuantity: number; createdAt: string } }>(
          { query: FOLLOW, variables: { patientId: server.patientId } },
          {
            next: ({ data }) => {
              if (!data) return;
              const sequence = data.labResultAvailable.valueQuantity;
              if (sequence === 0) {
                warmed += 1;
                if (warmed === count) onWarm();
                return;
              }
              latencies.push(Date.now() - Date.parse(data.labResultAvailable.createdAt));
              received.set(sequence, (received.get(sequence) ?? 0) + 1);
            },
            error: () => {},
            complete: () => {},
          },
        );
      }),
    );
  }
  const connectSeconds = (Date.now() - started) / 1000;
  // Every subscription is live once a warm-up event has reached every client.
  await record(server, 0);
  await Promise.race([allWarm, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  const rssHeldMiB = rssMiB(server.pid);
  let rssPeakMiB = rssHeldMiB;
  const sampler = setInterval(() => (rssPeakMiB = Math.max(rssPeakMiB, rssMiB(server.pid))), 250);
  const events = Math.round(rate * seconds);
  for (let sequence = 1; sequence <= events; sequence += 1) {
    const due = started + connectSeconds * 1000 + sequence * (1000 / rate);
    await record(server, sequence);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  const deadline = Date.now() + 15_000;
  while (latencies.length < events * count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  clearInterval(sampler);
  const held = count - closed;
  await Promise.all(clients.map((client) => client.dispose()));
  latencies.sort((a, b) => a - b);
  return {
    clients: count,
    held,
    events,
    delivered: latencies.length,
    lost: events * count - latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    rssHeldMiB,
    rssPeakMiB,
    connectSeconds,
  };
}

async function record(server: Server, sequence: number): Promise<void> {
  const response = await fetch(server.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({
      query: RECORD,
      variables: {
        input: {
          patientId: server.patientId,
          loincCode: '2345-7',
          display: 'Glucose',
          valueQuantity: sequence,
          unit: 'mg/dL',
          issuedAt: new Date().toISOString(),
        },
      },
    }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
