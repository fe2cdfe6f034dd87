import './no-call-home';
import { readFileSync } from 'node:fs';
import { ConfigError, createLogger } from '@clinicflow/platform';
import { discoverIssuer } from './auth/oidc-discovery';
import { createTokenVerifier } from './auth/token-verifier';
import { loadGatewayConfig } from './gateway-config';
import { startGateway } from './gateway-server';
import { readSafelistManifest } from './safelist/safelist';
import { SUBGRAPH_NAMES } from './subgraph-names';

/** `npm run start:gateway`: the gateway alone, for production. */
async function main(): Promise<void> {
  const logger = createLogger('gateway');
  try {
    const config = loadGatewayConfig();
    logger.level = config.LOG_LEVEL;
    const subgraphUrls: Record<string, string> = {};
    for (const name of SUBGRAPH_NAMES) {
      const url = (config as Record<string, unknown>)[`SUBGRAPH_URL_${name.toUpperCase()}`];
      if (typeof url === 'string') subgraphUrls[name] = url;
    }
    const gateway = await startGateway({
      port: config.PORT,
      host: config.HOST,
      supergraph: supergraphSource(config.SUPERGRAPH_SOURCE, config.SUPERGRAPH_PATH, subgraphUrls),
      trustProxy: config.TRUST_PROXY,
      subgraphUrls,
      contextSigningSecret: config.CONTEXT_SIGNING_SECRET,
      verifyToken: createTokenVerifier({ ...(await identityProvider(config)), audience: config.JWT_AUDIENCE }),
      operationLimits: {
        maxDepth: config.MAX_QUERY_DEPTH,
        maxAliases: config.MAX_QUERY_ALIASES,
        maxTokens: config.MAX_QUERY_TOKENS,
        maxCost: config.MAX_QUERY_COST,
        maxDirectives: config.MAX_QUERY_DIRECTIVES,
      },
      ...(config.RATE_LIMIT_POINTS > 0
        ? {
            rateLimit: {
              points: config.RATE_LIMIT_POINTS,
              durationSeconds: config.RATE_LIMIT_DURATION_SECONDS,
              ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
            },
          }
        : {}),
      maxRequestBytes: config.MAX_REQUEST_BYTES,
      requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      introspection: config.INTROSPECTION,
      ...(config.SAFELIST_PATH
        ? {
            safelist: {
              operations: readSafelistManifest(config.SAFELIST_PATH),
              enforce: config.SAFELIST_MODE === 'enforce',
            },
          }
        : {}),
      ...(config.OAUTH_TOKEN_SIGNING_KEY
        ? {
            thirdParty: {
              tokenSigningKey: config.OAUTH_TOKEN_SIGNING_KEY,
              tokenLifetimeSeconds: config.OAUTH_TOKEN_LIFETIME_SECONDS,
              credentialCacheMs: config.APP_CREDENTIAL_CACHE_MS,
              audience: config.JWT_AUDIENCE,
            },
          }
        : {}),
      ...(config.EXPLORER ? { explorerDir: config.EXPLORER_DIR } : {}),
      logger,
    });
    const shutdown = () => void gateway.stop().then(() => process.exit(0));
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'gateway failed to start');
    }
    process.exit(1);
  }
}

/** The identity provider's issuer and key set: discovered by OpenID Connect, or configured directly. */
async function identityProvider(config: { OIDC_ISSUER?: string; JWKS_URL?: string; JWT_ISSUER?: string }) {
  if (config.OIDC_ISSUER) {
    const discovered = await discoverIssuer(config.OIDC_ISSUER);
    return { issuer: discovered.issuer, keys: discovered.jwksUri };
  }
  return { issuer: config.JWT_ISSUER as string, keys: new URL(config.JWKS_URL as string) };
}

/**
 * The composed supergraph file (production), or for development the running subgraphs introspected
 * and composed at start, which then needs every SUBGRAPH_URL_<NAME>.
 */
function supergraphSource(source: 'file' | 'introspect', path: string, urls: Record<string, string>) {
  if (source === 'file') return { sdl: readFileSync(path, 'utf8') };
  const missing = SUBGRAPH_NAMES.filter((name) => !urls[name]).map((name) => `SUBGRAPH_URL_${name.toUpperCase()}`);
  if (missing.length)
    throw new ConfigError(missing.map((name) => `${name}: is required when SUPERGRAPH_SOURCE=introspect`));
  return { introspect: SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name] as string })) };
}

void main();
