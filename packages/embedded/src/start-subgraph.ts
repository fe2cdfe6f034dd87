import 'reflect-metadata';
import { SUBGRAPH_NAMES, type SubgraphName } from '@clinicflow/gateway';
import {
  ConfigError,
  createLiveEvents,
  createLogger,
  fieldKeysFrom,
  loadConfig,
  startSubgraph,
  variables,
} from '@clinicflow/platform';
import { z } from 'zod';
import { SUBGRAPHS } from './subgraph-registry';

/** Subgraphs that seal columns at rest (decision 0017): in production they do not start without keys. */
const SEALING_SUBGRAPHS: readonly SubgraphName[] = ['patients', 'billing'];

/** `npm run start:subgraph -- <name>`: one subgraph alone, for production. */
async function main(): Promise<void> {
  const name = process.argv[2] as SubgraphName | undefined;
  if (!name || !SUBGRAPH_NAMES.includes(name)) {
    throw new ConfigError([`subgraph name: expected one of ${SUBGRAPH_NAMES.join(', ')}`]);
  }
  const definition = SUBGRAPHS[name];
  const config = loadConfig({
    DATABASE_URL: variables.postgresUrl,
    REDIS_URL: variables.optionalRedisUrl,
    CONTEXT_SIGNING_SECRET: variables.contextSigningSecret,
    PORT: variables.port(definition.defaultPort),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: variables.logLevel,
    METRICS_TOKEN: variables.optionalVariable(z.string().min(16, 'must be at least 16 characters')),
  });
  // fieldKeysFrom names a malformed or half-set pair; both absent is refused here, not left to fail at the first read.
  if (SEALING_SUBGRAPHS.includes(name) && !fieldKeysFrom(process.env)) {
    throw new ConfigError([
      `FIELD_ENCRYPTION_KEYS: is required for ${name} (sealed columns, decision 0017)`,
      `BLIND_INDEX_KEY: is required for ${name} (sealed columns, decision 0017)`,
    ]);
  }
  const logger = createLogger(name, config.LOG_LEVEL);
  const liveEvents = createLiveEvents(config.REDIS_URL);
  const running = await startSubgraph(definition, {
    databaseUrl: config.DATABASE_URL,
    port: config.PORT,
    host: config.HOST,
    contextSigningSecret: config.CONTEXT_SIGNING_SECRET,
    liveEvents,
    logger,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
  });
  const shutdown = async () => {
    await running.stop();
    await liveEvents.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
