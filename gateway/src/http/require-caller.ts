import { type Caller, unauthenticated } from '@clinicflow/platform';
import type { NextFunction, Request, Response } from 'express';
import type { TokenVerifier } from '../auth/token-verifier';

export type RequestWithCaller = Request & { caller?: Caller };

/** Refuses any request without a valid bearer token, before GraphQL sees it. */
export function requireCaller(verify: TokenVerifier) {
  return async (req: RequestWithCaller, res: Response, next: NextFunction) => {
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('A bearer token is required');
      req.caller = await verify(token);
      next();
    } catch (error) {
      const message =
        error instanceof Error && error.message === 'A bearer token is required'
          ? error.message
          : 'The bearer token is invalid or has expired';
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  };
}
