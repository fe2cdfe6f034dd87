import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { unauthenticated } from '../errors/app-error';
import { metricsRegistry } from './registry';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` in Prometheus text format, for a scraper that presents `Authorization: Bearer
 * <token>`. Without a configured token the route does not exist (the request falls through to
 * the 404 every unknown path gets): metrics name adapters, queues and traffic, so they are never public.
 */
export function metricsEndpoint(token: string | undefined) {
  // Comparing digests keeps the comparison constant-time whatever length the caller sends.
  const expected = token ? digest(`Bearer ${token}`) : null;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!expected) {
      next();
      return;
    }
    if (!timingSafeEqual(digest(req.header('authorization') ?? ''), expected)) {
      const error = unauthenticated('A valid metrics token is required');
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  };
}
