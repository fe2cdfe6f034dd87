import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';
import { LOCAL_ISSUER } from './auth/local-issuer';
import { DEFAULT_OPERATION_LIMITS } from './limits/operation-limits';
import { SUBGRAPH_NAMES } from './subgraph-names';

const optionalUrl = variables.optionalVariable(z.url());
const optionalPath = variables.optionalVariable(z.string());
const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/**
 * Tokens come from the clinic's identity provider: either discovered from its OpenID Connect issuer,
 * or a JWKS URL with the issuer name. The embedded development issuer is never accepted here.
 */
function identityProviderProblems(config: { OIDC_ISSUER?: string; JWKS_URL?: string; JWT_ISSUER?: string }): string[] {
  if (config.JWT_ISSUER === LOCAL_ISSUER) {
    return [`JWT_ISSUER: ${LOCAL_ISSUER} is the embedded development issuer and is refused in production`];
  }
  if (config.OIDC_ISSUER) {
    return config.JWKS_URL ? ['JWKS_URL: leave it unset with OIDC_ISSUER, which names its own key set'] : [];
  }
  return [
    ...(config.JWKS_URL ? [] : ["JWKS_URL: is required without OIDC_ISSUER (the identity provider's JWKS URL)"]),
    ...(config.JWT_ISSUER ? [] : ["JWT_ISSUER: is required without OIDC_ISSUER (the identity provider's issuer)"]),
  ];
}

/** A schema error stops parsing early; the identity provider's problems are reported with it, all at once. */
function withIdentityProblems<T>(env: NodeJS.ProcessEnv, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const value = (name: string) => env[name] || undefined;
    const identity = identityProviderProblems({
      OIDC_ISSUER: value('OIDC_ISSUER'),
      JWKS_URL: value('JWKS_URL'),
      JWT_ISSUER: value('JWT_ISSUER'),
    });
    throw new ConfigError([...error.problems, ...identity.filter((problem) => !error.problems.includes(problem))]);
  }
}

/** The gateway's environment in production mode; `main.ts` stops the process if it is wrong. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = withIdentityProblems(env, () =>
    loadConfig(
      {
        PORT: variables.port(4000),
        HOST: z.string().default('0.0.0.0'),
        SUPERGRAPH_PATH: z.string().default('supergraph.graphql'),
        SUPERGRAPH_SOURCE: z.enum(['file', 'introspect']).default('file'),
        TRUST_PROXY: z
          .string()
          .default('false')
          .transform((value) => (value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
        CONTEXT_SIGNING_SECRET: variables.contextSigningSecret,
        OIDC_ISSUER: optionalUrl,
        JWKS_URL: optionalUrl,
        JWT_ISSUER: variables.optionalVariable(z.string().min(1)),
        JWT_AUDIENCE: z.string().default('clinicflow-api'),
        LOG_LEVEL: variables.logLevel,
        REDIS_URL: variables.optionalRedisUrl,
        MAX_QUERY_DEPTH: positive(DEFAULT_OPERATION_LIMITS.maxDepth),
        MAX_QUERY_ALIASES: positive(DEFAULT_OPERATION_LIMITS.maxAliases),
        MAX_QUERY_TOKENS: positive(DEFAULT_OPERATION_LIMITS.maxTokens),
        MAX_QUERY_COST: positive(DEFAULT_OPERATION_LIMITS.maxCost),
        MAX_QUERY_DIRECTIVES: positive(DEFAULT_OPERATION_LIMITS.maxDirectives),
        MAX_REQUEST_BYTES: positive(1_048_576),
        REQUEST_TIMEOUT_MS: positive(30_000),
        SUBGRAPH_TIMEOUT_MS: positive(10_000),
        // 0 turns rate limiting off.
        RATE_LIMIT_POINTS: z.coerce.number().int().min(0).default(600),
        RATE_LIMIT_DURATION_SECONDS: positive(60),
        // Third-party apps (decision 0016): without a key the gateway issues no tokens and takes no API keys.
        OAUTH_TOKEN_SIGNING_KEY: variables.optionalVariable(z.string().min(32, 'must be at least 32 characters')),
        OAUTH_TOKEN_LIFETIME_SECONDS: positive(300),
        APP_CREDENTIAL_CACHE_MS: positive(10_000),
        SAFELIST_MODE: z.enum(['off', 'enforce']).default('off'),
        SAFELIST_PATH: optionalPath,
        INTROSPECTION: flag(false),
        EXPLORER: flag(false),
        EXPLORER_DIR: z.string().default('web/explorer/dist'),
        ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, optionalUrl])),
      },
      env,
    ),
  );
  const problems = [
    ...identityProviderProblems(config),
    ...(config.SAFELIST_MODE === 'enforce' && !config.SAFELIST_PATH
      ? ['SAFELIST_PATH: is required when SAFELIST_MODE=enforce (the manifest of persisted operations)']
      : []),
    ...(config.EXPLORER && !config.INTROSPECTION
      ? ['EXPLORER: the explorer reads the schema by introspection; set INTROSPECTION=true with it']
      : []),
    ...(config.EXPLORER && !existsSync(join(config.EXPLORER_DIR, 'index.html'))
      ? ['EXPLORER_DIR: holds no built explorer (index.html); run npm run build, or point it at the built files']
      : []),
  ];
  if (problems.length) throw new ConfigError(problems);
  return config;
}
