import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from 'jose';

/** The signing algorithms SMART Backend Services names for client assertions. */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Longest life SMART allows a client assertion: five minutes. */
const MAX_ASSERTION_SECONDS = 300;

export interface RegisteredClient {
  clientId: string;
  /** The client's public keys, as registered with the EHR. */
  jwks: JSONWebKeySet;
  /** A revoked client gets no new token, and its tokens stop working at once. */
  revoked: boolean;
}

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

/** An OAuth 2.0 error answer (RFC 6749 §5.2). */
export class TokenRequestError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope',
    description: string,
  ) {
    super(description);
  }
}

/**
 * The EHR's authorization server for SMART Backend Services: a registered client proves itself
 * with a JWT signed by its private key (RFC 7523), verified against the public keys it registered,
 * and gets an opaque access token that expires. Tokens and clients can be expired or revoked on demand.
 */
export class SmartAuthority {
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly usedAssertions = new Set<string>();
  private readonly issued = new Map<string, number>();

  constructor(
    private readonly tokenUrl: () => string,
    public tokenLifetimeSeconds: number,
  ) {}

  register(clientId: string, jwks: JSONWebKeySet): void {
    this.clients.set(clientId, { clientId, jwks, revoked: false });
  }

  /** Revokes the client: its tokens stop working and it gets no new ones until restored. */
  revoke(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`No client ${clientId} is registered`);
    client.revoked = true;
    this.expireTokens(clientId);
  }

  restore(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`No client ${clientId} is registered`);
    client.revoked = false;
  }

  /** Ends every token issued so far (of one client, or all), as if their time were up. */
  expireTokens(clientId?: string): void {
    for (const [token, issued] of this.tokens) {
      if (!clientId || issued.clientId === clientId) this.tokens.delete(token);
    }
  }

  /** How many tokens were issued to the client, for tests of the client's cache. */
  issuedCount(clientId: string): number {
    return this.issued.get(clientId) ?? 0;
  }

  async issue(
    form: Record<string, string | undefined>,
  ): Promise<{ access_token: string; token_type: 'bearer'; expires_in: number; scope: string }> {
    if (form.grant_type !== 'client_credentials') {
      throw new TokenRequestError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    if (form.client_assertion_type !== JWT_BEARER_ASSERTION || !form.client_assertion) {
      throw new TokenRequestError(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER_ASSERTION}`);
    }
    const scope = form.scope ?? '';
    if (!scope.split(' ').every((entry) => entry.startsWith('system/'))) {
      throw new TokenRequestError(400, 'invalid_scope', 'Backend services may ask only for system/ scopes');
    }
    const client = this.clientOf(form.client_assertion);
    try {
      const { payload } = await jwtVerify(form.client_assertion, createLocalJWKSet(client.jwks), {
        issuer: client.clientId,
        subject: client.clientId,
        audience: this.tokenUrl(),
        algorithms: ASSERTION_ALGORITHMS,
        requiredClaims: ['exp', 'jti'],
      });
      const now = Math.floor(Date.now() / 1000);
      if (payload.exp! > now + MAX_ASSERTION_SECONDS) throw new Error('the assertion lives longer than five minutes');
      if (this.usedAssertions.has(payload.jti!)) throw new Error('the assertion was used before (jti)');
      this.usedAssertions.add(payload.jti!);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid assertion';
      throw new TokenRequestError(401, 'invalid_client', `The client assertion was refused: ${reason}`);
    }
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, {
      clientId: client.clientId,
      expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000,
    });
    this.issued.set(client.clientId, (this.issued.get(client.clientId) ?? 0) + 1);
    return { access_token: accessToken, token_type: 'bearer', expires_in: this.tokenLifetimeSeconds, scope };
  }

  /** The client a bearer token was issued to, or null when it is unknown, expired or revoked. */
  verify(authorization: string | undefined): string | null {
    const [scheme, token] = (authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return null;
    const issued = this.tokens.get(token);
    if (!issued) return null;
    if (issued.expiresAt <= Date.now() || this.clients.get(issued.clientId)?.revoked) {
      this.tokens.delete(token);
      return null;
    }
    return issued.clientId;
  }

  private clientOf(assertion: string): RegisteredClient {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(assertion).iss;
    } catch {
      throw new TokenRequestError(400, 'invalid_request', 'client_assertion is not a JWT');
    }
    const client = issuer ? this.clients.get(issuer) : undefined;
    if (!client) throw new TokenRequestError(401, 'invalid_client', 'The client is not registered');
    if (client.revoked) throw new TokenRequestError(401, 'invalid_client', 'The client has been revoked');
    return client;
  }
}
