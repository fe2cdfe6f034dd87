import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SUBGRAPH_NAMES } from '@clinicflow/gateway';
import { createLogger, loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';
import { gatewayClient } from './demo/gateway-client';
import { seedDemoClinic } from './demo/seed-demo-clinic';
import { startEmbeddedDatabase } from './embedded-database';
import { webApps } from './web-apps';
import { dataDirectory, issuerKeyPath, repositoryRoot } from './paths';
import { startPlatform } from './platform';
import { startNotificationSandboxes } from './sandboxes';
import { startEmbeddedEhr } from './sandboxes/ehr';

/** `npm start`: the whole platform on embedded defaults, with a demo clinic. */
async function main(): Promise<void> {
  const config = loadConfig({
    GATEWAY_PORT: variables.port(4000),
    SUBGRAPH_BASE_PORT: variables.port(4001),
    EMBEDDED_POSTGRES_PORT: variables.port(54329),
    LOG_LEVEL: variables.logLevel.default('warn'),
    SEED_DEMO: z.enum(['true', 'false']).default('true'),
    HL7_MLLP_PORT: variables.port(2575),
  });
  const logger = createLogger('clinicflow', config.LOG_LEVEL);
  const dataDir = dataDirectory();
  process.stdout.write(`Starting ClinicFlow (embedded mode, data in ${dataDir})\n`);
  const database = await startEmbeddedDatabase(dataDir, config.EMBEDDED_POSTGRES_PORT);
  // SMS and email go to local sandbox providers, whose signed callbacks come back to the patients subgraph.
  const patientsPort = config.SUBGRAPH_BASE_PORT + SUBGRAPH_NAMES.indexOf('patients');
  const sandboxes = await startNotificationSandboxes(`http://127.0.0.1:${patientsPort}`, process.env);
  // The EHR is a local FHIR R4 sandbox seeded with the demo clinic, unless EHR_FHIR_URL names a real one.
  const ehr = await startEmbeddedEhr(process.env);
  const platform = await startPlatform({
    databaseUrl: database.url,
    supergraphSdl: await readFile(resolve(repositoryRoot(), 'supergraph.graphql'), 'utf8'),
    issuerKeyPath: issuerKeyPath(),
    gatewayPort: config.GATEWAY_PORT,
    subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [name, config.SUBGRAPH_BASE_PORT + index])),
    ...webApps(),
    subgraphEnvironment: { ...process.env, ...sandboxes.environment, ...ehr.environment },
    logger,
  });
  const adminToken = await platform.issuer.sign({ subject: 'demo-admin', role: 'admin' });
  if (config.SEED_DEMO === 'true') {
    const seeded = await seedDemoClinic(platform.gateway.url, adminToken);
    if (seeded) process.stdout.write(`Seeded the demo clinic: ${seeded}\n`);
    await ehr.seedAppointments(gatewayClient(platform.gateway.url, adminToken));
  }

  const base = new URL(platform.gateway.url).origin;
  const { facilities } = await gatewayClient(
    platform.gateway.url,
    adminToken,
  )<{ facilities: { id: string; name: string }[] }>('{ facilities { id name } }');
  const displays = await Promise.all(
    facilities.map(async (facility) => {
      const token = await platform.issuer.sign({
        subject: `display-${facility.id}`,
        role: 'display',
        facilityId: facility.id,
        lifetime: '30d',
      });
      return `  display ${facility.name}\n      ${base}/display/${facility.id}#token=${token}`;
    }),
  );
  process.stdout.write(
    [
      '',
      'ClinicFlow is running.',
      `  GraphQL endpoint   ${platform.gateway.url}`,
      `  API explorer       ${base}/graphql#token=${adminToken}`,
      `  Health             ${base}/healthz  ${base}/readyz`,
      `  FHIR R4 API        ${base}/fhir/R4/metadata`,
      `  OAuth token        ${base}/oauth/token (client credentials for third-party apps)`,
      `  HL7 v2 over MLLP   127.0.0.1:${config.HL7_MLLP_PORT}`,
      ...displays,
      ...[...platform.subgraphs].map(([name, running]) => `  subgraph ${name.padEnd(9)} ${running.url}`),
      ...(sandboxes.twilio ? [`  SMS sandbox        ${sandboxes.twilio.url}/__sandbox/received`] : []),
      ...(sandboxes.sendgrid ? [`  email sandbox      ${sandboxes.sendgrid.url}/__sandbox/received`] : []),
      ...(ehr.sandbox ? [`  EHR sandbox (FHIR) ${ehr.sandbox.fhirUrl}`] : []),
      '',
      'Tokens for other roles: npm run token -- --role reception (patient, clinician, billing, admin, display)',
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );

  const shutdown = async () => {
    await platform.stop();
    await sandboxes.stop();
    await ehr.stop();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`ClinicFlow failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
