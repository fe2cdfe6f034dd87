import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { type CallerRateLimiter, rateLimitMessage } from '../limits/caller-rate-limiter';
import { exceedsTokenLimit, LIMIT_EXCEEDED_CODE, tokenLimitMessage } from '../limits/operation-limits';
import { sendGraphQLError } from './graphql-error-response';
import type { RequestWithCaller } from './require-caller';

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 100) / 100} MB`;

/**
 * Parses a JSON body of at most `maxBytes`. A larger body is refused with 413 PAYLOAD_TOO_LARGE
 * and a body that is not JSON with 400 BAD_REQUEST, both as GraphQL errors.
 */
export function jsonBody(maxBytes: number): RequestHandler[] {
  const refuseUnreadable = (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const { type, status } = (error ?? {}) as { type?: string; status?: number };
    if (type === 'entity.too.large') {
      sendGraphQLError(res, 413, `The request body exceeds the limit of ${megabytes(maxBytes)}.`, 'PAYLOAD_TOO_LARGE', {
        maxBytes,
      });
    } else if (type === 'entity.parse.failed') {
      sendGraphQLError(res, 400, 'The request body is not valid JSON.', 'BAD_REQUEST');
    } else if (typeof status === 'number' && status >= 400 && status < 500) {
      sendGraphQLError(res, status, 'The request body cannot be read.', 'BAD_REQUEST');
    } else {
      next(error);
    }
  };
  return [express.json({ limit: maxBytes }), refuseUnreadable as unknown as RequestHandler];
}

/** A JSON array body is a batch of operations: one request could carry thousands. */
export const refuseBatches: RequestHandler = (req, res, next) => {
  if (Array.isArray(req.body)) {
    sendGraphQLError(
      res,
      400,
      `Batched operations are not accepted (this request holds ${req.body.length}): send one operation per request.`,
      'BAD_REQUEST',
    );
    return;
  }
  next();
};

/** Counts the operation's tokens before Apollo parses it, so a huge document is never built. */
export function refuseLongOperations(maxTokens: number): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = req.method === 'GET' ? req.query.query : body?.query;
    if (typeof query === 'string' && exceedsTokenLimit(query, maxTokens)) {
      sendGraphQLError(res, 400, tokenLimitMessage(maxTokens), LIMIT_EXCEEDED_CODE);
      return;
    }
    next();
  };
}

/** Takes one point of the caller's budget per request; over it, 429 RATE_LIMITED with Retry-After. */
export function rateLimitCallers(limiter: CallerRateLimiter): RequestHandler {
  return async (req: RequestWithCaller, res, next) => {
    const verdict = await limiter.consume(req.caller?.subject ?? 'anonymous');
    if (verdict.allowed) {
      next();
      return;
    }
    res.set('retry-after', String(verdict.retryAfterSeconds));
    sendGraphQLError(res, 429, rateLimitMessage(limiter.options, verdict.retryAfterSeconds), 'RATE_LIMITED', {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  };
}
