import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Query, Resolver } from 'type-graphql';
import { createLiveEvents } from '../events/pubsub';
import { createLogger } from '../logging/logger';
import { defineSubgraph } from '../subgraph/subgraph-definition';
import { type RunningSubgraph, startSubgraph } from '../subgraph/subgraph-server';

@Resolver()
class PingResolver {
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}

const pingSubgraph = defineSubgraph({
  name: 'ping',
  defaultPort: 0,
  resolvers: [PingResolver],
  referenceResolvers: {},
  entities: [],
  migrations: [],
  createContext: (caller) => ({ caller }),
});

// The same server `@clinicflow/testing` uses; that package builds on this one, so it is not imported here.
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `cf_metrics_${randomBytes(4).toString('hex')}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function start(metricsToken?: string): Promise<RunningSubgraph> {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return startSubgraph(pingSubgraph, {
    databaseUrl: url.toString(),
    port: 0,
    contextSigningSecret: 'metrics-test-context-signing-secret-0123456789',
    liveEvents: createLiveEvents(),
    logger: createLogger('test-metrics', 'silent'),
    ...(metricsToken ? { metricsToken } : {}),
  });
}

const metricsUrl = (subgraph: RunningSubgraph) => subgraph.url.replace(/\/graphql$/, '/metrics');

describe('a subgraph server /metrics', () => {
  beforeAll(() => admin(`CREATE DATABASE "${database}"`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));

  it('is served only to a scraper with the configured token', async () => {
    const subgraph = await start('subgraph-scrape-token');
    try {
      expect((await fetch(metricsUrl(subgraph))).status).toBe(401);
      const response = await fetch(metricsUrl(subgraph), {
        headers: { authorization: 'Bearer subgraph-scrape-token' },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('clinicflow_sql_statements_total');
    } finally {
      await subgraph.stop();
    }
  });

  it('answers 404 when no token is configured', async () => {
    const subgraph = await start();
    try {
      expect((await fetch(metricsUrl(subgraph), { headers: { authorization: 'Bearer ' } })).status).toBe(404);
    } finally {
      await subgraph.stop();
    }
  });
});
