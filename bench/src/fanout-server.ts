import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPlatform } from '@clinicflow/embedded';
import { createLogger } from '@clinicflow/platform';
import { createTestDatabase } from '@clinicflow/testing';

/**
 * The platform under test for the fan-out benchmark, in a process of its own so that its memory and
 * CPU are its own. Prints one JSON line with what the load generator needs, then serves until killed.
 */
async function main(): Promise<void> {
  const database = await createTestDatabase('fanout');
  const platform = await startPlatform({
    databaseUrl: database.url,
    supergraphSdl: await readFile(resolve(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'),
    issuerKeyPath: join(mkdtempSync(join(tmpdir(), 'fanout-issuer-')), 'key.json'),
    gatewayPort: 0,
    subgraphPorts: { patients: 0, queue: 0, billing: 0, clinical: 0, devices: 0 },
    logger: createLogger('fanout', 'error'),
  });
  const admin = await platform.issuer.sign({ subject: 'bench-admin', role: 'admin', lifetime: '2h' });
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      query:
        'mutation { registerPatient(input: { mrn: "FANOUT-1", givenName: "Fan", familyName: "Out", birthDate: "1990-01-01" }) { id } }',
    }),
  });
  const { data } = (await response.json()) as { data: { registerPatient: { id: string } } };
  const clinician = await platform.issuer.sign({ subject: 'bench-clinician', role: 'clinician', lifetime: '2h' });
  process.stdout.write(
    `${JSON.stringify({ gatewayUrl: platform.gateway.url, patientId: data.registerPatient.id, token: clinician, pid: process.pid })}\n`,
  );
  const stop = async () => {
    await platform.stop();
    await database.drop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
