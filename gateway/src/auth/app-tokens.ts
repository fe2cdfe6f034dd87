import { randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import type { AppCallers } from './app-callers';
import type { TokenVerifier } from './token-verifier';

/** The issuer of the access tokens the gateway gives OAuth clients at `POST /oauth/token`. */
export const APP_TOKEN_ISSUER = 'clinicflow-gateway';
export const DEFAULT_APP_TOKEN_SECONDS = 300;

export interface AppTokenOptions {
  /** HS256 key from the environment (`OAUTH_TOKEN_SIGNING_KEY`); only the gateway replicas hold it. */
  signingKey: string;
  audience: string;
  lifetimeSeconds?: number;
}

export interface AppTokens {
  lifetimeSeconds: number;
  issue(clientId: string, scopes: string[]): Promise<string>;
  /** Wraps the identity provider's verifier: the gateway's own app tokens are checked here, the rest there. */
  verifier(identityProvider: TokenVerifier, apps: AppCallers): TokenVerifier;
}

/** Short-lived JWTs for OAuth clients, signed by the gateway (decision 0016). */
export function createAppTokens(options: AppTokenOptions): AppTokens {
  const key = new TextEncoder().encode(options.signingKey);
  const lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_APP_TOKEN_SECONDS;
  const issuedHere = (token: string) => {
    try {
      return decodeJwt(token).iss === APP_TOKEN_ISSUER;
    } catch {
      return false;
    }
  };
  return {
    lifetimeSeconds,
    issue: (clientId, scopes) =>
      new SignJWT({ client_id: clientId, scope: scopes.join(' ') })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setIssuer(APP_TOKEN_ISSUER)
        .setAudience(options.audience)
        .setSubject(`app:${clientId}`)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(key),
    verifier: (identityProvider, apps) => async (bearer) => {
      if (!issuedHere(bearer)) return identityProvider(bearer);
      const { payload } = await jwtVerify(bearer, key, {
        issuer: APP_TOKEN_ISSUER,
        audience: options.audience,
        algorithms: ['HS256'],
        typ: 'at+jwt',
        clockTolerance: 5,
      });
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : '';
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
      return apps.byClientToken(clientId, scopes);
    },
  };
}
