import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startNotificationSandboxes, startPlatform } from '@clinicflow/embedded';
import { createDurableEvents, createLogger, publishEvent } from '@clinicflow/platform';
import { createTestDatabase, freePorts } from '@clinicflow/testing';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `npm run bench:notifications`: notifications end to end on the embedded platform with its sandbox
 * providers. Events asking for a token-called SMS are published (as the queue publishes them, one
 * transaction each); the patients subgraph records each notification, sends it through the `twilio`
 * SDK to the Twilio sandbox, and tracks it to delivered from the signed callbacks. Latency runs from
 * the event's publication to the sandbox accepting the message, and to the notification's
 * `delivered_at` (the last callback applied).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '1000' },
      patients: { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '16' },
      // Events per second; 0 publishes them all in one burst.
      rate: { type: 'string', default: '0' },
    },
  });
  const messages = Number(values.messages);
  const patientCount = Number(values.patients);
  const rate = Number(values.rate);
  const database = await createTestDatabase('benchnotifications');
  const patientsPort = await freePorts(1);
  const sandboxes = await startNotificationSandboxes(`http://127.0.0.1:${patientsPort}`, {});
  const platform = await startPlatform({
    databaseUrl: database.url,
    supergraphSdl: await readFile(resolve(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'),
    issuerKeyPath: join(mkdtempSync(join(tmpdir(), 'benchnotifications-issuer-')), 'key.json'),
    gatewayPort: 0,
    subgraphPorts: { patients: patientsPort, queue: 0, billing: 0, clinical: 0, devices: 0 },
    subgraphEnvironment: {
      ...process.env,
      ...sandboxes.environment,
      NOTIFICATIONS_THROTTLE_MAX: String(messages),
      NOTIFICATIONS_WORKER_CONCURRENCY: values.concurrency,
      NOTIFICATIONS_CONCURRENCY: values.concurrency,
    },
    logger: createLogger('benchnotifications', 'error'),
  });
  const jobs = createDurableEvents(database.url);
  jobs.on('error', () => undefined);
  await jobs.start();
  try {
    const dataSource = platform.subgraphs.get('patients')!.database.dataSource;
    const patients = (await dataSource.query(
      `INSERT INTO patients.patient (mrn, given_name, family_name, birth_date, phone)
       SELECT 'BENCH-' || n, 'Bench', 'Patient', '1980-01-01', '+1555900' || lpad(n::text, 4, '0')
         FROM generate_series(1, $1) AS n RETURNING id`,
      [patientCount],
    )) as { id: string }[];
    const published = new Map<string, number>();
    const publish = async (n: number) => {
      const patientId = patients[n % patients.length]!.id;
      const event = await dataSource.transaction((manager) =>
        publishEvent(jobs, manager, 'queue.token-called', { patientId, token: `B${n}`, location: 'Room 1' }),
      );
      published.set(event.id, Date.parse(event.publishedAt));
    };
    const started = Date.now();
    if (rate > 0) {
      // A steady rate: event n is published at n / rate seconds.
      const sent: Promise<void>[] = [];
      for (let n = 0; n < messages; n += 1) {
        const due = started + (n * 1000) / rate - Date.now();
        if (due > 0) await new Promise((done) => setTimeout(done, due));
        sent.push(publish(n));
      }
      await Promise.all(sent);
    } else {
      // One burst from 8 publishers in parallel, as several queue operations commit at once.
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < messages) await publish(next++);
        }),
      );
    }
    const enqueuedMs = Date.now() - started;
    const deadline = Date.now() + 600_000;
    for (;;) {
      const [row] = (await dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered FROM patients.notification`,
      )) as { delivered: number }[];
      if (row!.delivered === messages) break;
      if (Date.now() > deadline) throw new Error(`only ${row!.delivered} of ${messages} delivered in time`);
      await new Promise((done) => setTimeout(done, 50));
    }
    const rows = (await dataSource.query(
      `SELECT id, event_id AS "eventId", delivered_at AS "deliveredAt" FROM patients.notification`,
    )) as { id: string; eventId: string; deliveredAt: Date }[];
    const acceptedAt = new Map<string, number>();
    for (const message of sandboxes.twilio!.messages) {
      const id = message.statusCallback ? new URL(message.statusCallback).searchParams.get('notification') : null;
      if (id) acceptedAt.set(id, message.dateCreated.getTime());
    }
    const toSandbox = rows.map((row) => acceptedAt.get(row.id)! - published.get(row.eventId)!).sort((a, b) => a - b);
    const toDelivered = rows
      .map((row) => row.deliveredAt.getTime() - published.get(row.eventId)!)
      .sort((a, b) => a - b);
    const firstPublished = Math.min(...published.values());
    const lastAccepted = Math.max(...acceptedAt.values());
    const lastDelivered = Math.max(...rows.map((row) => row.deliveredAt.getTime()));
    const throughput = messages / ((lastAccepted - firstPublished) / 1000);
    const deliveredThroughput = messages / ((lastDelivered - firstPublished) / 1000);
    const mode = rate > 0 ? `a steady ${rate} events/s` : 'one burst';
    const summary = [
      `## Notifications (${mode}): event published → SMS accepted by the sandbox → delivered`,
      '',
      `- Machine: ${describeMachine()}`,
      `- Command: \`npm run bench:notifications -- --messages ${messages} --patients ${patientCount} --concurrency ${values.concurrency} --rate ${rate}\``,
      '- Path: `publishEvent` (one transaction per event) → `patients.notification-requests` (row, throttle,',
      '  send job) → `patients.notification-sends` (twilio SDK → Twilio sandbox, no faults, no delay) → signed',
      '  status callbacks (queued, sent, delivered) → webhook route, dedupe table, status update. One PostgreSQL for all.',
      "- The embedded platform and the sandboxes share the benchmark's one Node process (one core at most).",
      `- Enqueued ${messages} events in ${(enqueuedMs / 1000).toFixed(1)} s`,
      `- Accepted by the sandbox: **${throughput.toFixed(0)} msgs/s**; latency p50 ${percentile(toSandbox, 50)} ms, p99 ${percentile(toSandbox, 99)} ms`,
      `- Delivered (last callback applied): ${deliveredThroughput.toFixed(0)} msgs/s; latency p50 ${percentile(toDelivered, 50)} ms, p99 ${percentile(toDelivered, 99)} ms`,
      ...(rate > 0
        ? [
            "- A steady rate below the throughput: latency is the path itself, mostly the two consumers' pickup (each polls every 1 s when idle).",
          ]
        : ['- One burst: latency is mostly the wait behind the other events; throughput is the figure here.']),
      `- One-minute load average when the run ended: ${loadavg()[0]!.toFixed(1)} (above 2, other work shared the machine)`,
    ].join('\n');
    process.stdout.write(`${summary}\n`);
    await writeResultsSection(rate > 0 ? 'notifications-steady' : 'notifications', summary);
  } finally {
    await jobs.stop({ graceful: false, wait: true });
    await platform.stop();
    await sandboxes.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
