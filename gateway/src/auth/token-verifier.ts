import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { callerFromClaims, type ClinicFlowClaims, type GatewayCaller } from './claims';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A JWKS URL (production: the identity provider's), or a key set held in memory (embedded). */
  keys: URL | JSONWebKeySet;
  /**
   * How long after fetching the remote key set a token with an unknown key id may make it fetch again:
   * the provider rotating its keys is picked up on the first token signed with the new one.
   */
  refetchCooldownMs?: number;
}

export type TokenVerifier = (bearer: string) => Promise<GatewayCaller>;

/** Verifies a bearer JWT's signature, issuer, audience and lifetime, and returns its caller. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keySet =
    options.keys instanceof URL
      ? createRemoteJWKSet(options.keys, {
          cooldownDuration: options.refetchCooldownMs ?? 30_000,
          timeoutDuration: 5_000,
        })
      : createLocalJWKSet(options.keys);
  return async (bearer) => {
    const { payload } = await jwtVerify<ClinicFlowClaims>(bearer, keySet, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['ES256', 'RS256', 'EdDSA'],
      clockTolerance: 5,
    });
    return callerFromClaims(payload);
  };
}
