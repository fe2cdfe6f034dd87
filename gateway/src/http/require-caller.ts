import { unauthenticated } from '@clinicflow/platform';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayCaller } from '../auth/claims';
import type { TokenVerifier } from '../auth/token-verifier';
import { sendGraphQLError } from './graphql-error-response';

export type RequestWithCaller = Request & { caller?: GatewayCaller };

/** Refuses any request without a valid bearer token, before GraphQL sees it. */
export function requireCaller(verify: TokenVerifier) {
  return async (req: RequestWithCaller, res: Response, next: NextFunction) => {
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('A bearer token is required');
      // The client's address travels with the caller so the audit log can say where a request came from.
      req.caller = { ...(await verify(token)), ...(req.ip ? { ip: req.ip } : {}) };
      next();
    } catch (error) {
      const message =
        error instanceof Error && error.message === 'A bearer token is required'
          ? error.message
          : 'The bearer token is invalid or has expired';
      res.set('www-authenticate', 'Bearer');
      sendGraphQLError(res, 401, message, 'UNAUTHENTICATED');
    }
  };
}
