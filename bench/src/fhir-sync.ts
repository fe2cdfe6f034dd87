import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gatewayClient, startPlatform } from '@clinicflow/embedded';
import { createLogger } from '@clinicflow/platform';
import { startEhrSandbox } from '@clinicflow/sandbox/ehr';
import { createTestDatabase } from '@clinicflow/testing';
import { exportJWK, generateKeyPair } from 'jose';
import { describeMachine } from './machine';
import { writeResultsSection } from './results-file';

const CLIENT_ID = 'clinicflow-bench';
const MRN_SYSTEM = 'urn:clinicflow:mrn';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

type TelecomPoint = { system?: 'phone' | 'email'; value?: string };
type EhrPatient = { resourceType: 'Patient'; telecom?: TelecomPoint[] };
const valueOf = (record: EhrPatient, system: string) => record.telecom?.find((point) => point.system === system)?.value;

/**
 * `npm run bench:fhir-sync`: EHR sync latency on the embedded platform with the sandbox EHR (real
 * HTTP, SMART auth). EHR → graph: a patient's phone changes in the EHR; measured until a query through
 * the gateway returns it (the poll interval dominates). Graph → EHR: a patient's email changes through
 * the gateway; measured until the EHR's record holds it (durable event, ordered consumer, read +
 * If-Match write). Samples run one after another, at random moments of the poll cycle.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '50' },
      samples: { type: 'string', default: '40' },
      interval: { type: 'string', default: '5' },
    },
  });
  const patientCount = Number(values.patients);
  const samples = Number(values.samples);
  const { publicKey, privateKey } = await generateKeyPair('RS384', { extractable: true });
  const ehr = await startEhrSandbox({
    clients: [
      { clientId: CLIENT_ID, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS384' }] } },
    ],
  });
  const database = await createTestDatabase('benchfhirsync');
  const platform = await startPlatform({
    databaseUrl: database.url,
    supergraphSdl: await readFile(resolve(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'),
    issuerKeyPath: join(mkdtempSync(join(tmpdir(), 'benchfhirsync-issuer-')), 'key.json'),
    gatewayPort: 0,
    subgraphPorts: { patients: 0, queue: 0, billing: 0, clinical: 0, devices: 0 },
    subgraphEnvironment: {
      ...process.env,
      EHR_FHIR_URL: ehr.fhirUrl,
      EHR_CLIENT_ID: CLIENT_ID,
      EHR_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'bench', alg: 'RS384' }),
      EHR_POLL_INTERVAL_SECONDS: values.interval,
    },
    logger: createLogger('benchfhirsync', 'error'),
  });
  try {
    const token = await platform.issuer.sign({ subject: 'bench-admin', role: 'admin' });
    const graphql = gatewayClient(platform.gateway.url, token);
    const ehrIds: string[] = [];
    for (let n = 1; n <= patientCount; n += 1) {
      const record = await ehr.records.create({
        resourceType: 'Patient',
        identifier: [{ system: MRN_SYSTEM, value: `BENCH-${n}` }],
        name: [{ given: ['Bench'], family: `Patient${n}` }],
        birthDate: '1980-01-01',
      });
      ehrIds.push(record.id);
    }
    const dataSource = platform.subgraphs.get('patients')!.database.dataSource;
    const patients = (await dataSource.query(
      `INSERT INTO patients.patient (mrn, given_name, family_name, birth_date)
       SELECT 'BENCH-' || n, 'Bench', 'Patient' || n, '1980-01-01' FROM generate_series(1, $1) AS n
       RETURNING id, mrn`,
      [patientCount],
    )) as { id: string; mrn: string }[];
    const idOf = new Map(patients.map((row) => [row.mrn, row.id]));
    const linkStarted = Date.now();
    for (;;) {
      const [row] = (await dataSource.query('SELECT count(*)::int AS linked FROM patients.ehr_link')) as {
        linked: number;
      }[];
      if (row!.linked === patientCount) break;
      if (Date.now() - linkStarted > 120_000) throw new Error(`only ${row!.linked} of ${patientCount} linked`);
      await pause(50);
    }
    const linkedMs = Date.now() - linkStarted;

    const inbound: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const n = (sample % patientCount) + 1;
      const phone = `+1555700${String(sample).padStart(4, '0')}`;
      await pause(Math.random() * Number(values.interval) * 1000);
      const changedAt = Date.now();
      await ehr.records.change<EhrPatient>('Patient', ehrIds[n - 1]!, (record) => ({
        ...record,
        telecom: [{ system: 'phone', value: phone }],
      }));
      for (;;) {
        const { patient } = await graphql<{ patient: { phone: string | null } }>(
          'query ($id: ID!) { patient(id: $id) { phone } }',
          { id: idOf.get(`BENCH-${n}`) },
        );
        if (patient.phone === phone) break;
        await pause(20);
      }
      inbound.push(Date.now() - changedAt);
    }

    const outbound: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const n = (sample % patientCount) + 1;
      const email = `bench-${sample}@example.org`;
      await pause(Math.random() * 200);
      const changedAt = Date.now();
      await graphql(
        'mutation ($id: ID!, $email: String) { updatePatient(id: $id, changes: { email: $email }) { id } }',
        {
          id: idOf.get(`BENCH-${n}`),
          email,
        },
      );
      while (valueOf(await ehr.records.read<EhrPatient>('Patient', ehrIds[n - 1]!), 'email') !== email) await pause(10);
      outbound.push(Date.now() - changedAt);
    }
    inbound.sort((a, b) => a - b);
    outbound.sort((a, b) => a - b);
    const summary = [
      '## EHR sync latency (FHIR R4 sandbox EHR ↔ graph)',
      '',
      `- Machine: ${describeMachine()}`,
      `- Command: \`npm run bench:fhir-sync -- --patients ${patientCount} --samples ${samples} --interval ${values.interval}\``,
      '- Path: sandbox EHR (Medplum fhir-router over HTTP, SMART Backend Services token) ↔ patients subgraph: a',
      `  \`_lastUpdated\` poller every ${values.interval} s (EHR → us); \`patient.updated\` durable event → ordered consumer →`,
      '  FHIR read + If-Match PUT (us → EHR). Read back through the gateway (EHR → graph) or from the EHR (graph → EHR).',
      `- ${patientCount} patients matched by MRN (one batched identifier search) in ${linkedMs} ms after registration`,
      `- EHR change → visible in the graph: p50 **${percentile(inbound, 50)} ms**, p99 ${percentile(inbound, 99)} ms, max ${inbound.at(-1)} ms (${samples} samples; target: normal within 60 s, urgent within 10 s)`,
      `- Graph change → in the EHR: p50 **${percentile(outbound, 50)} ms**, p99 ${percentile(outbound, 99)} ms, max ${outbound.at(-1)} ms (${samples} samples)`,
      `- One-minute load average when the run ended: ${loadavg()[0]!.toFixed(1)} (above 2, other work shared the machine)`,
    ].join('\n');
    process.stdout.write(`${summary}\n`);
    await writeResultsSection('fhir-sync', summary);
  } finally {
    await platform.stop();
    await ehr.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
