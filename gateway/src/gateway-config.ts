import { loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';
import { SUBGRAPH_NAMES } from './subgraph-names';

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

/** The gateway's environment in production mode; `main.ts` stops the process if it is wrong. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      PORT: variables.port(4000),
      HOST: z.string().default('0.0.0.0'),
      SUPERGRAPH_PATH: z.string().default('supergraph.graphql'),
      SUPERGRAPH_SOURCE: z.enum(['file', 'introspect']).default('file'),
      CONTEXT_SIGNING_SECRET: variables.contextSigningSecret,
      JWKS_URL: z.url({ error: "is required (the identity provider's JWKS URL)" }),
      JWT_ISSUER: z.string({ error: "is required (the identity provider's issuer)" }).min(1),
      JWT_AUDIENCE: z.string().default('clinicflow-api'),
      LOG_LEVEL: variables.logLevel,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, optionalUrl])),
    },
    env,
  );
}
