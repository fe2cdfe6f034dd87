import { AppError, ErrorCode, type Logger } from '@clinicflow/platform';
import express, { type Request, type Response, Router } from 'express';
import type { AppTokens } from '../auth/app-tokens';
import type { CredentialStore } from '../auth/credential-store';
import type { CallerRateLimiter, RateLimitVerdict } from '../limits/caller-rate-limiter';

/** An OAuth 2.0 error response (RFC 6749 section 5.2). */
function oauthError(res: Response, status: number, error: string, description: string): void {
  if (status === 401) res.set('www-authenticate', 'Basic realm="clinicflow", charset="UTF-8"');
  res.status(status).set({ 'cache-control': 'no-store', pragma: 'no-cache' }).json({
    error,
    error_description: description,
  });
}

/** client_secret_basic (RFC 6749 2.3.1: both parts form-urlencoded, then Base64) or client_secret_post. */
function clientAuthentication(req: Request): { clientId: string; secret: string } | 'none' | 'both' | 'malformed' {
  const header = req.header('authorization');
  const body = (req.body ?? {}) as Record<string, unknown>;
  const inBody = typeof body.client_id === 'string' || typeof body.client_secret === 'string';
  if (header) {
    if (inBody) return 'both';
    const [scheme, encoded] = header.split(' ');
    if (scheme?.toLowerCase() !== 'basic' || !encoded) return 'malformed';
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'malformed';
    try {
      const unform = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
      return { clientId: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
    } catch {
      return 'malformed';
    }
  }
  if (typeof body.client_id === 'string' && typeof body.client_secret === 'string') {
    return { clientId: body.client_id, secret: body.client_secret };
  }
  return inBody ? 'malformed' : 'none';
}

/**
 * `POST /oauth/token`: the client credentials grant. The client proves itself with its id and secret;
 * the token carries the scopes it asked for, which must be among those its credential holds, or all
 * of them when it names none. Any failure of the client's credential is the same `invalid_client`.
 * Requests draw on the gateway's rate limit (per address), when it has one.
 */
export function oauthTokenRoute(
  store: CredentialStore,
  tokens: AppTokens,
  logger: Logger,
  rateLimiter: CallerRateLimiter | null,
): Router {
  const router = Router();
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    // The client is not known yet: its address draws on the budget, as a caller's subject does on /graphql.
    const verdict: RateLimitVerdict = rateLimiter
      ? await rateLimiter.consume(`oauth-token:${req.ip ?? 'unknown'}`)
      : { allowed: true };
    if (!verdict.allowed) {
      res.set('retry-after', String(verdict.retryAfterSeconds));
      oauthError(
        res,
        429,
        'temporarily_unavailable',
        `Too many token requests; retry after ${verdict.retryAfterSeconds} s`,
      );
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials') {
      oauthError(res, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
      return;
    }
    const client = clientAuthentication(req);
    if (client === 'both') {
      oauthError(res, 400, 'invalid_request', 'Authenticate the client one way: the Basic header or the body');
      return;
    }
    if (typeof client === 'string') {
      oauthError(res, 401, 'invalid_client', 'Client authentication failed');
      return;
    }
    try {
      const credential = await store.oauthClient(client.clientId, client.secret);
      if (!credential) {
        oauthError(res, 401, 'invalid_client', 'Client authentication failed');
        return;
      }
      const asked = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : credential.scopes;
      const beyond = asked.filter((scope) => !credential.scopes.includes(scope));
      if (beyond.length > 0 || asked.length === 0) {
        oauthError(res, 400, 'invalid_scope', 'The requested scope exceeds what this client was granted');
        return;
      }
      const scopes = [...new Set(asked)];
      res.set({ 'cache-control': 'no-store', pragma: 'no-cache' }).json({
        access_token: await tokens.issue(credential.clientId, scopes),
        token_type: 'Bearer',
        expires_in: tokens.lifetimeSeconds,
        scope: scopes.join(' '),
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === ErrorCode.Unavailable)) throw error;
      logger.warn({ err: error }, 'client credentials could not be checked');
      oauthError(res, 503, 'temporarily_unavailable', 'The client cannot be checked now; try again shortly');
    }
  });
  return router;
}
