import { AppError, unauthenticated } from '@clinicflow/platform';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayCaller } from '../auth/claims';
import type { TokenVerifier } from '../auth/token-verifier';
import { sendGraphQLError } from './graphql-error-response';

export type RequestWithCaller = Request & { caller?: GatewayCaller };

/** Turns a third-party app's API key into its caller; throws when the key does not work. */
export type ApiKeyVerifier = (key: string) => Promise<GatewayCaller>;

const CREDENTIAL_REQUIRED = 'A bearer token (or, for apps, an API key) is required';

/** The caller's credential: `Authorization: Bearer <token>`, `Authorization: ApiKey <key>` or `X-API-Key`. */
function credentialOf(req: Request, acceptApiKeys: boolean): { kind: 'bearer' | 'api-key'; value: string } | null {
  const [scheme, value] = (req.header('authorization') ?? '').split(' ');
  const apiKeyHeader = req.header('x-api-key');
  if (scheme?.toLowerCase() === 'bearer' && value) return { kind: 'bearer', value };
  if (!acceptApiKeys) return null;
  if (scheme?.toLowerCase() === 'apikey' && value) return { kind: 'api-key', value };
  return apiKeyHeader && !scheme ? { kind: 'api-key', value: apiKeyHeader } : null;
}

/** Refuses any request without a valid bearer token (or API key, when apps may use them), before GraphQL sees it. */
export function requireCaller(verify: TokenVerifier, verifyApiKey?: ApiKeyVerifier) {
  return async (req: RequestWithCaller, res: Response, next: NextFunction) => {
    const credential = credentialOf(req, Boolean(verifyApiKey));
    try {
      if (!credential) throw unauthenticated(CREDENTIAL_REQUIRED);
      const caller =
        credential.kind === 'bearer' || !verifyApiKey
          ? await verify(credential.value)
          : await verifyApiKey(credential.value);
      // The client's address travels with the caller so the audit log can say where a request came from.
      req.caller = { ...caller, ...(req.ip ? { ip: req.ip } : {}) };
    } catch (error) {
      // A store that cannot answer is not the caller's fault: 503, so a client retries instead of re-authenticating.
      if (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') {
        sendGraphQLError(res, 503, error.message, error.code);
        return;
      }
      const message = !credential
        ? CREDENTIAL_REQUIRED
        : credential.kind === 'api-key'
          ? 'The API key is invalid, expired or revoked'
          : 'The bearer token is invalid or has expired';
      res.set('www-authenticate', verifyApiKey ? 'Bearer, ApiKey' : 'Bearer');
      sendGraphQLError(res, 401, message, 'UNAUTHENTICATED');
      return;
    }
    next();
  };
}
