import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AuditLog } from '../audit/audit-log';
import { AuditChangeSubscriber } from '../audit/audit-transactions';
import { auditJobsIn } from '../audit/background-jobs';
import { attachAuditTrail, auditTrailOf } from '../audit/audit-trail';
import { CALLER_HEADER, verifyCaller } from '../auth/caller-header';
import type { Caller } from '../auth/caller';
import { fieldKeysFrom, installFieldKeys } from '../crypto/field-keys';
import { Database } from '../database/data-source';
import { unauthenticated } from '../errors/app-error';
import { createErrorFormatter } from '../errors/format-error';
import { createDurableEvents } from '../events/durable-events';
import type { LiveEvents } from '../events/pubsub';
import type { Logger } from '../logging/logger';
import { metricsEndpoint } from '../metrics/metrics-endpoint';
import { buildFederatedSchema } from './federated-schema';
import type { BaseContext, Environment, SubgraphDefinition, SubgraphResources } from './subgraph-definition';
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
  /** Adapter settings for the subgraph; defaults to `process.env`. */
  environment?: Environment;
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
  // Before the data source opens: encrypted columns (decision 0017) need the keys from the first row on.
  installFieldKeys(fieldKeysFrom(runtime.environment ?? process.env));
  const database = new Database({
    service: definition.name,
    url: runtime.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
  });
  await database.open();
  // The audit log: its schema, its own pool, and the subscriber that writes changes in their transaction.
  const auditLog = new AuditLog({ service: definition.name, url: runtime.databaseUrl, logger });
  await auditLog.open();
  database.dataSource.subscribers.push(new AuditChangeSubscriber(auditLog));
  const jobs = createDurableEvents(runtime.databaseUrl);
  jobs.on('error', (error: Error) => logger.error({ err: error }, 'pg-boss error'));
  await jobs.start();
  // Background jobs on this queue record their changes of patient data as a system actor.
  auditJobsIn(jobs, auditLog);
  const { schema } = await buildFederatedSchema(definition, runtime.liveEvents.pubSub);
  const resources: SubgraphResources = {
    database,
    liveEvents: runtime.liveEvents,
    jobs,
    logger,
    environment: runtime.environment ?? process.env,
  };
  const workers = definition.startWorkers ? await definition.startWorkers(resources) : null;
  /** Every request and subscription gets an audit trail of its own, for its caller. */
  const createContext = (caller: Caller): TContext => {
    const context = definition.createContext(caller, resources);
    attachAuditTrail(context, auditLog.trailFor(caller));
    return context;
  };
  /** What a request read is written once, when its response is ready. */
  const auditPlugin: ApolloServerPlugin<TContext> = {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue }) => {
        const trail = auditTrailOf(contextValue);
        if (trail) await auditLog.flushReads(trail);
      },
    }),
  };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // Inline traces are for Apollo's usage reporting, which ClinicFlow does not use.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), auditPlugin],
  });
  await apollo.start();
  const subscriptions = serveSubscriptions({
    httpServer,
    schema,
    secret: runtime.contextSigningSecret,
    logger,
    createContext,
    // Each event is a delivery of its own: written once it is resolved, then the trail starts over.
    afterEvent: async (context) => {
      const trail = auditTrailOf(context);
      if (!trail) return;
      await auditLog.flushReads(trail);
      trail.startOver();
    },
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: definition.name });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await database.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable', service: definition.name });
  });
  app.get('/metrics', metricsEndpoint(runtime.metricsToken));
  if (definition.httpRoutes) app.use(definition.httpRoutes(resources));
  app.use(
    '/graphql',
    requireGatewayCaller(runtime.contextSigningSecret),
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext((req as RequestWithCaller).caller as Caller),
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
      await auditLog.close();
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
