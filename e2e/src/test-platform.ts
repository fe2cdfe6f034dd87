import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distDir as displayDist } from '@clinicflow/display';
import { startPlatform, type Platform } from '@clinicflow/embedded';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  type GatewaySecurity,
  LOCAL_ISSUER,
  type RunningGateway,
  startGateway,
  type TokenRequest,
} from '@clinicflow/gateway';
import { createLogger, type Environment, type Role } from '@clinicflow/platform';
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
  /** Another gateway in front of the same subgraphs, with these settings; stopped with the platform. */
  startGateway(security: GatewaySecurity): Promise<RunningGateway>;
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
  /** The gateway the tests talk to applies these settings instead of the embedded defaults. */
  gateway?: GatewaySecurity;
  /** Where every service's log lines go, and from which level (`TEST_LOG_LEVEL`, else silent). */
  logDestination?: Parameters<typeof createLogger>[2];
  logLevel?: string;
  /** Adapter settings for the subgraphs (sandbox accounts, the MLLP port), over the process environment. */
  subgraphEnvironment?: Environment;
}

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** The whole platform on free ports against a throwaway database. */
export async function startTestPlatform(label: string, options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase(label));
  const contextSigningSecret = options.contextSigningSecret ?? randomBytes(32).toString('hex');
  const logger = createLogger(
    'e2e',
    options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(options.logDestination ? [options.logDestination] : []),
  );
  const platform = await startPlatform({
    databaseUrl: database.url,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    contextSigningSecret,
    supergraphSdl: SUPERGRAPH_SDL,
    issuerKeyPath: join(mkdtempSync(join(tmpdir(), 'clinicflow-issuer-')), 'issuer-key.json'),
    gatewayPort: 0,
    subgraphPorts: { patients: 0, queue: 0, billing: 0, clinical: 0, devices: 0 },
    displayDir: displayDist,
    ...(options.subgraphEnvironment ? { subgraphEnvironment: { ...process.env, ...options.subgraphEnvironment } } : {}),
    logger,
  });
  const extraGateways: RunningGateway[] = [];
  const addGateway = async (security: GatewaySecurity) => {
    const gateway = await startGateway({
      ...security,
      port: 0,
      supergraph: { sdl: SUPERGRAPH_SDL },
      subgraphUrls: Object.fromEntries([...platform.subgraphs].map(([name, running]) => [name, running.url])),
      contextSigningSecret,
      verifyToken: createTokenVerifier({
        issuer: LOCAL_ISSUER,
        audience: DEFAULT_AUDIENCE,
        keys: platform.issuer.jwks,
      }),
      logger: logger.child({ service: 'gateway' }),
    });
    extraGateways.push(gateway);
    return gateway;
  };
  const gateway = options.gateway ? await addGateway(options.gateway) : platform.gateway;
  return {
    ...platform,
    gateway,
    database,
    startGateway: addGateway,
    token: (role, extra = {}) => platform.issuer.sign({ subject: `e2e-${role}`, role, ...extra }),
    execute: async (token, document, variables) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: async () => {
      for (const extra of extraGateways) await extra.stop();
      await platform.stop();
      if (ownsDatabase) await database.drop();
    },
  };
}
