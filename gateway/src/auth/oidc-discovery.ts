import { z } from 'zod';

const discoveryDocument = z.object({ issuer: z.string().min(1), jwks_uri: z.url() });

export interface DiscoveredIssuer {
  issuer: string;
  jwksUri: URL;
}

/**
 * Reads an OpenID Connect provider's discovery document (`/.well-known/openid-configuration`). The
 * issuer it names must be the one configured, as OpenID Connect Discovery requires, so a document
 * served from elsewhere cannot substitute another issuer's keys.
 */
export async function discoverIssuer(issuerUrl: string, timeoutMs = 10_000): Promise<DiscoveredIssuer> {
  const configured = issuerUrl.replace(/\/$/, '');
  const response = await fetch(`${configured}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`OIDC discovery at ${configured} answered ${response.status}`);
  const document = discoveryDocument.parse(await response.json());
  if (document.issuer.replace(/\/$/, '') !== configured) {
    throw new Error(`OIDC discovery at ${configured} names another issuer (${document.issuer})`);
  }
  return { issuer: document.issuer, jwksUri: new URL(document.jwks_uri) };
}
