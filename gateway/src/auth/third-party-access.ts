import { AppCallers } from './app-callers';
import { type AppTokens, createAppTokens } from './app-tokens';
import { createCredentialStore, type CredentialStore } from './credential-store';
import { DEFAULT_AUDIENCE } from './local-issuer';

/** Third-party apps' credentials at the gateway: OAuth client credentials and API keys (decision 0016). */
export interface ThirdPartyOptions {
  /** Signs the access tokens issued at `POST /oauth/token` (HS256, at least 32 characters). */
  tokenSigningKey: string;
  /** How long an issued access token lives; 300 s by default. */
  tokenLifetimeSeconds?: number;
  /** How long a working credential is remembered: the bound on revocation taking effect; 10 s by default. */
  credentialCacheMs?: number;
  /** The audience of issued tokens; `clinicflow-api` by default. */
  audience?: string;
}

export interface ThirdPartyAccess {
  store: CredentialStore;
  callers: AppCallers;
  tokens: AppTokens;
}

/** The subgraph that keeps the credentials. */
export const CREDENTIAL_SUBGRAPH = 'devices';

export function thirdPartyAccess(
  options: ThirdPartyOptions,
  credentialSubgraphUrl: () => string | undefined,
  contextSigningSecret: string,
): ThirdPartyAccess {
  if (options.tokenSigningKey.length < 32)
    throw new Error('The OAuth token signing key must be at least 32 characters');
  const store = createCredentialStore(credentialSubgraphUrl, contextSigningSecret);
  return {
    store,
    callers: new AppCallers(store, options.credentialCacheMs),
    tokens: createAppTokens({
      signingKey: options.tokenSigningKey,
      audience: options.audience ?? DEFAULT_AUDIENCE,
      ...(options.tokenLifetimeSeconds ? { lifetimeSeconds: options.tokenLifetimeSeconds } : {}),
    }),
  };
}
