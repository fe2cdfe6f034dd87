import './no-call-home';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, type GraphQLDataSource, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { createErrorFormatter, type Logger, metricsRegistry } from '@clinicflow/platform';
import express from 'express';
import type { JSONWebKeySet } from 'jose';
import type { TokenVerifier } from './auth/token-verifier';
import type { GatewayContext } from './gateway-context';
import { subgraphReadiness } from './http/readiness';
import { type RequestWithCaller, requireCaller } from './http/require-caller';
import { SubgraphDataSource } from './subgraph-data-source';
import { serveGatewaySubscriptions } from './subscriptions/subscription-server';
import { SubscriptionPlanner } from './subscriptions/subscription-planner';

export interface GatewayOptions {
  port: number;
  host?: string;
  /** A composed supergraph, or (development) the subgraphs to introspect and compose at start. */
  supergraph: { sdl: string } | { introspect: { name: string; url: string }[] };
  /** Routing URLs by subgraph name; where absent, the supergraph's own routing URL is used. */
  subgraphUrls: Record<string, string>;
  contextSigningSecret: string;
  verifyToken: TokenVerifier;
  /** Published at `/.well-known/jwks.json` when the gateway is its own issuer (embedded mode). */
  publishedJwks?: JSONWebKeySet;
  /** The schema explorer's built files (`@clinicflow/explorer`), served at `GET /graphql`. */
  explorerDir?: string;
  /** The waiting-room display's built files (`@clinicflow/display`), served at `GET /display/:facilityId`. */
  displayDir?: string;
  logger: Logger;
}

export interface RunningGateway {
  url: string;
  httpServer: http.Server;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  const routingUrls = new Map<string, string>();
  const dataSources = new Map<string, GraphQLDataSource>();
  const gateway = new ApolloGateway({
    ...('sdl' in options.supergraph
      ? { supergraphSdl: options.supergraph.sdl }
      : { supergraphSdl: new IntrospectAndCompose({ subgraphs: options.supergraph.introspect }) }),
    buildService: ({ name, url }) => {
      const routingUrl = options.subgraphUrls[name] ?? url;
      if (!routingUrl) throw new Error(`No routing URL for subgraph ${name}`);
      routingUrls.set(name, routingUrl);
      const dataSource = new SubgraphDataSource(name, routingUrl, options.contextSigningSecret);
      dataSources.set(name, dataSource);
      return dataSource;
    },
    logger,
  });
  let planner: SubscriptionPlanner | null = null;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    planner = new SubscriptionPlanner(coreSupergraphSdl);
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();
  const subscriptions = serveGatewaySubscriptions({
    httpServer,
    verifyToken: options.verifyToken,
    planner: () => planner,
    dataSources,
    routingUrls,
    contextSigningSecret: options.contextSigningSecret,
    logger,
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    res.json({
      status: 'ready',
      service: 'gateway',
      subgraphs: await subgraphReadiness(Object.fromEntries(routingUrls)),
    });
  });
  app.get('/metrics', requireCaller(options.verifyToken), async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  if (options.publishedJwks) {
    const jwks = options.publishedJwks;
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.json(jwks);
    });
  }
  if (options.explorerDir) {
    const explorerDir = options.explorerDir;
    app.use('/explorer', express.static(explorerDir, { index: false, fallthrough: false }));
    app.get('/graphql', (req, res, next) => {
      if (req.accepts(['application/json', 'text/html']) === 'text/html') {
        res.sendFile('index.html', { root: explorerDir });
        return;
      }
      next();
    });
  }
  if (options.displayDir) {
    const displayDir = options.displayDir;
    // The page and its assets are public; the data it shows needs a display token for the facility.
    app.use(
      '/display/assets',
      express.static(`${displayDir}/assets`, { fallthrough: false, immutable: true, maxAge: '1y' }),
    );
    app.get('/display/:facilityId', (_req, res) => {
      res.set('cache-control', 'no-cache').sendFile('index.html', { root: displayDir });
    });
  }
  app.use(
    '/graphql',
    requireCaller(options.verifyToken),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ caller: (req as RequestWithCaller).caller as GatewayContext['caller'] }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    httpServer,
    stop: async () => {
      await subscriptions.close();
      await apollo.stop();
    },
  };
}
