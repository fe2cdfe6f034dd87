import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Platform, startPlatform } from '@clinicflow/embedded';
import { createLogger } from '@clinicflow/platform';
import { createTestDatabase, type TestDatabase } from '@clinicflow/testing';

export interface BenchPlatform {
  platform: Platform;
  database: TestDatabase;
  stop(): Promise<void>;
}

/** The whole platform on free ports against a throwaway database on the machine's PostgreSQL. */
export async function startBenchPlatform(label: string, contextSigningSecret?: string): Promise<BenchPlatform> {
  const database = await createTestDatabase(label);
  const platform = await startPlatform({
    databaseUrl: database.url,
    supergraphSdl: await readFile(resolve(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'),
    issuerKeyPath: join(mkdtempSync(join(tmpdir(), `${label}-issuer-`)), 'key.json'),
    gatewayPort: 0,
    subgraphPorts: { patients: 0, queue: 0, billing: 0, clinical: 0, devices: 0 },
    ...(contextSigningSecret ? { contextSigningSecret } : {}),
    logger: createLogger(label, 'error'),
  });
  return {
    platform,
    database,
    stop: async () => {
      await platform.stop();
      await database.drop();
    },
  };
}
