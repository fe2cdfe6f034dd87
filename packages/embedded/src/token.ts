import { parseArgs } from 'node:util';
import { openLocalIssuer } from '@clinicflow/gateway';
import { Role } from '@clinicflow/platform';
import { issuerKeyPath } from './paths';

const USAGE = `Usage: npm run token -- --role <role> [--patient <id>] [--facility <id>] [--scope <scope>]... [--subject <name>] [--ttl 8h]
Roles: ${Object.values(Role).join(', ')}`;

/** `npm run token`: prints a token from the embedded issuer, for trying the API by hand. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      patient: { type: 'string' },
      facility: { type: 'string' },
      scope: { type: 'string', multiple: true },
      subject: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const role = Object.values(Role).find((candidate) => candidate === values.role);
  if (!role) throw new Error(USAGE);
  if (role === Role.Patient && !values.patient) throw new Error('A patient token needs --patient <patient id>');
  if (role === Role.Display && !values.facility) throw new Error('A display token needs --facility <facility id>');
  const issuer = await openLocalIssuer(issuerKeyPath());
  const token = await issuer.sign({
    subject: values.subject ?? `local-${role}`,
    role,
    ...(values.patient ? { patientId: values.patient } : {}),
    ...(values.facility ? { facilityId: values.facility } : {}),
    scopes: values.scope ?? [],
    lifetime: values.ttl,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
