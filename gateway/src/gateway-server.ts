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
import { ErrorCode, type Logger, metricsRegistry, Role } from '@clinicflow/platform';
import express from 'express';
import type { JSONWebKeySet } from 'jose';
import { CREDENTIAL_SUBGRAPH, thirdPartyAccess, type ThirdPartyOptions } from './auth/third-party-access';
import type { TokenVerifier } from './auth/token-verifier';
import { createGatewayErrorFormatter } from './errors/gateway-error-formatter';
import { FHIR_BASE_PATH, fhirApi } from './fhir/fhir-api';
import type { GatewayContext } from './gateway-context';
import { subgraphReadiness } from './http/readiness';
import { jsonBody, rateLimitCallers, refuseBatches, refuseLongOperations } from './http/request-limits';
import { sendGraphQLError } from './http/graphql-error-response';
import { oauthTokenRoute } from './http/oauth-token-route';
import { type RequestWithCaller, requireCaller } from './http/require-caller';
import { type CallerRateLimiter, createCallerRateLimiter, type RateLimitOptions } from './limits/caller-rate-limiter';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits, operationLimitRules } from './limits/operation-limits';
import { Safelist, type SafelistOptions } from './safelist/safelist';
import { persistedOperations, safelistPlugin } from './safelist/safelist-plugin';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS, SubgraphDataSource } from './subgraph-data-source';
import { serveGatewaySubscriptions } from './subscriptions/subscription-server';
import { SubscriptionPlanner } from './subscriptions/subscription-planner';

/**
 * What the gateway refuses and how much it serves. Every setting has a default fit for embedded mode;
 * production sets them from the environment (gateway-config.ts). See SECURITY.md.
 */
export interface GatewaySecurity {
  /** Per operation, over HTTP and WebSocket alike; defaults DEFAULT_OPERATION_LIMITS. */
  operationLimits?: Partial<OperationLimits>;
  /** Requests and subscribe messages per caller; none when absent. */
  rateLimit?: RateLimitOptions;
  /** Largest request body (and WebSocket message); 1 MiB by default. */
  maxRequestBytes?: number;
  /** The whole request must arrive within this (the headers within 10 s of it); 30 s by default. */
  requestTimeoutMs?: number;
  /** How long one subgraph request may take; 10 s by default. */
  subgraphTimeoutMs?: number;
  /** Answer introspection queries; on by default (embedded). Off also hides name suggestions in errors. */
  introspection?: boolean;
  /** Persisted operations, and whether third-party apps are held to them. */
  safelist?: SafelistOptions;
  /** Third-party apps' OAuth client credentials (`POST /oauth/token`) and API keys; refused when absent. */
  thirdParty?: ThirdPartyOptions;
}

export const DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;

export interface GatewayOptions extends GatewaySecurity {
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
  /** Express's `trust proxy` setting: hop count or addresses of the proxies in front; none by default. */
  trustProxy?: number | string | false;
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
  const operationLimits = { ...DEFAULT_OPERATION_LIMITS, ...options.operationLimits };
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const subgraphTimeoutMs = options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const introspection = options.introspection ?? true;
  const safelist = options.safelist ? new Safelist(options.safelist) : null;
  const rateLimiter: CallerRateLimiter | null = options.rateLimit
    ? await createCallerRateLimiter(options.rateLimit, logger)
    : null;
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
      const dataSource = new SubgraphDataSource(name, routingUrl, options.contextSigningSecret, subgraphTimeoutMs);
      dataSources.set(name, dataSource);
      return dataSource;
    },
    logger,
  });
  const apps = options.thirdParty
    ? thirdPartyAccess(
        options.thirdParty,
        () => routingUrls.get(CREDENTIAL_SUBGRAPH) ?? options.subgraphUrls[CREDENTIAL_SUBGRAPH],
        options.contextSigningSecret,
      )
    : null;
  // Tokens the gateway issued to OAuth clients are checked here; every other token by the identity provider.
  const verifyToken = apps ? apps.tokens.verifier(options.verifyToken, apps.callers) : options.verifyToken;
  let planner: SubscriptionPlanner | null = null;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    planner = new SubscriptionPlanner(coreSupergraphSdl);
  });

  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer, which hops to believe for the client's address (X-Forwarded-For).
  app.set('trust proxy', options.trustProxy ?? false);
  const httpServer = http.createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      // Node checks those deadlines on this interval (30 s unless set), so it bounds how late they bite.
      connectionsCheckingInterval: Math.min(5_000, requestTimeoutMs),
    },
    app,
  );
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createGatewayErrorFormatter(logger, { hideSuggestions: !introspection }),
    includeStacktraceInErrorResponses: false,
    introspection,
    validationRules: operationLimitRules(operationLimits),
    allowBatchedHttpRequests: false,
    // Only the manifest's operations are persisted: clients register nothing (see safelist-plugin.ts).
    persistedQueries: safelist ? persistedOperations(safelist) : false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...(safelist ? [safelistPlugin(safelist)] : []),
    ],
  });
  await apollo.start();
  const subscriptions = serveGatewaySubscriptions({
    httpServer,
    verifyToken,
    planner: () => planner,
    dataSources,
    routingUrls,
    contextSigningSecret: options.contextSigningSecret,
    logger,
    maxPayloadBytes: maxRequestBytes,
    operationLimits,
    rateLimiter,
    safelist,
    hideSuggestions: !introspection,
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
  // Metrics describe the whole process (in embedded mode, every service): operators only.
  app.get('/metrics', requireCaller(verifyToken), async (req: RequestWithCaller, res) => {
    if (req.caller?.role !== Role.Admin) {
      sendGraphQLError(res, 403, 'Only the admin role may read metrics', ErrorCode.Forbidden);
      return;
    }
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
  if (apps) app.use(oauthTokenRoute(apps.store, apps.tokens, logger, rateLimiter));
  // FHIR R4 (read-only) over the same callers and execution as /graphql: decision 0014.
  app.use(
    FHIR_BASE_PATH,
    fhirApi({
      apollo,
      verifyToken,
      verifyApiKey: apps ? (key) => apps.callers.byApiKey(key) : undefined,
      rateLimiter,
      logger,
    }),
  );
  app.use(
    '/graphql',
    requireCaller(verifyToken, apps ? (key) => apps.callers.byApiKey(key) : undefined),
    ...(rateLimiter ? [rateLimitCallers(rateLimiter)] : []),
    ...jsonBody(maxRequestBytes),
    refuseBatches,
    refuseLongOperations(operationLimits.maxTokens),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ caller: (req as RequestWithCaller).caller as GatewayContext['caller'] }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'gateway listening');
  let stopped = false;
  return {
    url,
    httpServer,
    // Safe to call more than once: a test or a shutdown path may stop a gateway that already stopped.
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await subscriptions.close();
      await apollo.stop();
      await rateLimiter?.close();
    },
  };
}
