import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPlatform, type Platform } from '@clinicflow/embedded';
import type { TokenRequest } from '@clinicflow/gateway';
import { createLogger, type Role } from '@clinicflow/platform';
import { createTestDatabase, type TestDatabase } from '@clinicflow/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export const SUPERGRAPH_SDL = readFileSync(resolve(__dirname, '..', '..', 'supergraph.graphql'), 'utf8');

export interface TestPlatform extends Platform {
  database: TestDatabase;
  token(role: Role, extra?: Partial<TokenRequest>): Promise<string>;
  /** Runs a typed operation through the gateway as a client would. */
  execute<TData, TVariables>(
    token: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<{ status: number; data?: TData | null; errors?: GraphQLErrorShape[] }>;
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface TestPlatformOptions {
  /** Live events through Redis instead of in-process, as replicas in production use them. */
  redisUrl?: string;
  /** Join another platform's database (a second replica) instead of creating one. */
  database?: TestDatabase;
  /** For a test that adds its own gateway in front of the same subgraphs. */
  contextSigningSecret?: string;
}

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** The whole platform on free ports against a throwaway database. */
export async function startTestPlatform(label: string, options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase(label));
  const platform = await startPlatform({
    databaseUrl: database.url,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.contextSigningSecret ? { contextSigningSecret: options.contextSigningSecret } : {}),
    supergraphSdl: SUPERGRAPH_SDL,
    issuerKeyPath: join(mkdtempSync(join(tmpdir(), 'clinicflow-issuer-')), 'issuer-key.json'),
    gatewayPort: 0,
    subgraphPorts: { patients: 0, queue: 0, billing: 0, clinical: 0, devices: 0 },
    logger: createLogger('e2e', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  return {
    ...platform,
    database,
    token: (role, extra = {}) => platform.issuer.sign({ subject: `e2e-${role}`, role, ...extra }),
    execute: async (token, document, variables) => {
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: async () => {
      await platform.stop();
      if (ownsDatabase) await database.drop();
    },
  };
}
