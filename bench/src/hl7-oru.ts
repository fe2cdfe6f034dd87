import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createLiveEvents, createLogger, startSubgraph } from '@clinicflow/platform';
import { createClinicalSubgraph, parseHl7 } from '@clinicflow/subgraph-clinical';
import { createTestDatabase } from '@clinicflow/testing';
import { Hl7Client } from '@medplum/hl7';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const registration = (sender: number) =>
  [
    `MSH|^~\\&|BENCHLAB|SITE${sender}|CLINICFLOW|CLINIC|20261122080000||ADT^A04|REG-${sender}|P|2.5`,
    `PID|1||BENCH-MRN-${sender}||ROE^MARY||19700101|F`,
  ].join('\r');

/** A three-analyte ORU^R01 (glucose, potassium, sodium): three lab results per message. */
const result = (sender: number, n: number) =>
  [
    `MSH|^~\\&|BENCHLAB|SITE${sender}|CLINICFLOW|CLINIC|20261122083000||ORU^R01|ORU-${sender}-${n}|P|2.5`,
    `PID|1||BENCH-MRN-${sender}||ROE^MARY||19700101|F`,
    `OBR|1|PL-${sender}-${n}||24323-8^Metabolic panel^LN|||20261122080000`,
    `OBX|1|NM|2345-7^Glucose^LN||${80 + (n % 40)}|mg/dL|70-99|N|||F`,
    `OBX|2|NM|2823-3^Potassium^LN||4.${n % 10}|mmol/L|3.5-5.1|N|||F`,
    `OBX|3|NM|2951-2^Sodium^LN||${135 + (n % 8)}|mmol/L|135-145|N|||F`,
  ].join('\r');

/**
 * `npm run bench:hl7`: sustained ORU^R01 over MLLP into the clinical subgraph with its persistence
 * (each message stored, applied and committed before its ACK, as in production), on the machine's
 * PostgreSQL. `--senders` labs each hold one connection and send one message at a time, waiting
 * for its ACK (MLLP original mode), as interface engines do; each lab's messages are applied in order.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '4000' },
      senders: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '200' },
    },
  });
  const messages = Number(values.messages);
  const senders = Number(values.senders);
  const warmup = Number(values.warmup);
  const database = await createTestDatabase('bench-hl7');
  const liveEvents = createLiveEvents();
  let port = 0;
  const clinical = await startSubgraph(createClinicalSubgraph({ onListening: (address) => (port = address.port) }), {
    databaseUrl: database.url,
    port: 0,
    contextSigningSecret: 'bench-hl7-context-signing-secret-0123456789',
    liveEvents,
    logger: createLogger('bench-hl7', 'error'),
    environment: { HL7_MLLP_PORT: '0' },
  });
  const clients = Array.from({ length: senders }, () => new Hl7Client({ host: '127.0.0.1', port }));
  try {
    const send = async (client: Hl7Client, text: string) => {
      const ack = await client.sendAndWait(parseHl7(text), { timeoutMs: 30_000 });
      const code = ack.getSegment('MSA')?.getField(1)?.toString();
      if (code !== 'AA') throw new Error(`expected AA, got ${code}: ${ack.getSegment('ERR')?.toString() ?? ''}`);
    };
    await Promise.all(clients.map((client, sender) => send(client, registration(sender))));
    const perSender = Math.ceil((messages + warmup) / senders);
    const latencies: number[] = [];
    let measuredFrom = 0;
    let sent = 0;
    await Promise.all(
      clients.map(async (client, sender) => {
        for (let n = 0; n < perSender; n += 1) {
          const started = performance.now();
          await send(client, result(sender, n));
          sent += 1;
          if (sent === warmup) measuredFrom = performance.now();
          if (sent > warmup) latencies.push(performance.now() - started);
        }
      }),
    );
    const seconds = (performance.now() - measuredFrom) / 1000;
    latencies.sort((a, b) => a - b);
    const [stored] = (await clinical.database.dataSource.query(
      `SELECT (SELECT count(*)::int FROM clinical.hl7_message WHERE status = 'processed') AS messages,
              (SELECT count(*)::int FROM clinical.lab_result) AS results`,
    )) as { messages: number; results: number }[];
    const rate = latencies.length / seconds;
    const summary = `## HL7 v2 ORU over MLLP with persistence (\`npm run bench:hl7\`)

Machine: ${describeMachine()}; PostgreSQL 15 on the same machine (127.0.0.1:5432), shared with the benchmark.
Command: \`npm run bench:hl7 -- --messages ${messages} --senders ${senders}\`; ${warmup} messages of warm-up not counted.

The clinical subgraph in the benchmark's process; ${senders} labs (distinct MSH-4), one MLLP connection each
(@medplum/hl7's client), one message at a time waiting for its ACK. Each ORU^R01 has 3 OBX (3 lab results):
stored raw, applied (results, their notification events) and committed, then AA.

| measured | value |
| --- | --- |
| messages acknowledged AA | ${latencies.length} |
| sustained throughput | ${rate.toFixed(0)} messages/s (${(rate * 3).toFixed(0)} results/s) |
| ACK latency p50 / p95 / p99 / max | ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} / ${(latencies.at(-1) ?? 0).toFixed(1)} ms |
| stored and processed (incl. warm-up and registrations) | ${stored!.messages} messages, ${stored!.results} lab results |
`;
    process.stdout.write(`${summary}\n`);
    await writeResultsSection('hl7-oru', summary);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await clinical.stop();
    await liveEvents.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
