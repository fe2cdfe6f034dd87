import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { CALLER_HEADER, verifyCaller } from '../auth/caller-header';
import type { Caller } from '../auth/caller';
import { Database } from '../database/data-source';
import { unauthenticated } from '../errors/app-error';
import { createErrorFormatter } from '../errors/format-error';
import { createDurableEvents } from '../events/durable-events';
import type { LiveEvents } from '../events/pubsub';
import type { Logger } from '../logging/logger';
import { metricsEndpoint } from '../metrics/metrics-endpoint';
import { buildFederatedSchema } from './federated-schema';
import type { BaseContext, SubgraphDefinition, SubgraphResources } from './subgraph-definition';
import { serveSubscriptions } from './subscription-server';

export interface SubgraphRuntime {
  databaseUrl: string;
  port: number;
  host?: string;
  contextSigningSecret: string;
  liveEvents: LiveEvents;
  logger: Logger;
  /** Bearer token a scraper must present at `/metrics`; without one the subgraph serves no metrics. */
  metricsToken?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  database: Database;
  stop(): Promise<void>;
}

type RequestWithCaller = Request & { caller?: Caller };

/** Builds a subgraph, applies its migrations and serves it: `/graphql`, `/healthz`, `/readyz`, `/metrics`. */
export async function startSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  runtime: SubgraphRuntime,
): Promise<RunningSubgraph> {
  const logger = runtime.logger.child({ subgraph: definition.name });
  const database = new Database({
    service: definition.name,
    url: runtime.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
  });
  await database.open();
  const jobs = createDurableEvents(runtime.databaseUrl);
  jobs.on('error', (error: Error) => logger.error({ err: error }, 'pg-boss error'));
  await jobs.start();
  const { schema } = await buildFederatedSchema(definition, runtime.liveEvents.pubSub);
  const resources: SubgraphResources = { database, liveEvents: runtime.liveEvents, jobs, logger };
  const workers = definition.startWorkers ? await definition.startWorkers(resources) : null;

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // Inline traces are for Apollo's usage reporting, which ClinicFlow does not use.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const subscriptions = serveSubscriptions({
    httpServer,
    schema,
    secret: runtime.contextSigningSecret,
    logger,
    createContext: (caller) => definition.createContext(caller, resources),
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: definition.name });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await database.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable', service: definition.name });
  });
  app.get('/metrics', metricsEndpoint(runtime.metricsToken));
  app.use(
    '/graphql',
    requireGatewayCaller(runtime.contextSigningSecret),
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => definition.createContext((req as RequestWithCaller).caller as Caller, resources),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(runtime.port, runtime.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');
  return {
    name: definition.name,
    url,
    database,
    stop: async () => {
      await workers?.stop();
      await subscriptions.close();
      await apollo.stop();
      await jobs.stop({ graceful: true, wait: true });
      await database.close();
    },
  };
}

/** Refuses any request that does not carry a caller signed by the gateway. */
function requireGatewayCaller(secret: string) {
  return async (req: RequestWithCaller, res: Response, next: NextFunction) => {
    try {
      req.caller = await verifyCaller(req.header(CALLER_HEADER), secret);
      next();
    } catch {
      const error = unauthenticated('Requests must come through the ClinicFlow gateway');
      res.status(401).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
    }
  };
}
