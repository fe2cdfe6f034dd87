import 'reflect-metadata';
import { startBenchPlatform } from './bench-platform';

/**
 * The platform under test for the fan-out benchmark, in a process of its own so that its memory and
 * CPU are its own. Prints one JSON line with what the load generator needs, then serves until killed.
 */
async function main(): Promise<void> {
  const bench = await startBenchPlatform('fanout');
  const { platform } = bench;
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
    await bench.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
