import type { Logger } from '@clinicflow/platform';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Requests (and subscribe messages) one caller may make per window. */
  points: number;
  /** The window, in seconds. */
  durationSeconds: number;
  /** Counts in Redis, so every gateway replica draws on the same budget; in this process when unset. */
  redisUrl?: string;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface CallerRateLimiter {
  readonly options: RateLimitOptions;
  /** Takes one point from the caller's budget. */
  consume(subject: string): Promise<RateLimitVerdict>;
  close(): Promise<void>;
}

const KEY_PREFIX = 'clinicflow:rate-limit';

/**
 * A budget of requests per caller (the token's subject) per window. With Redis the counters are
 * shared by every gateway replica; should Redis stop answering, each replica falls back to a budget
 * of its own (rate-limiter-flexible's insurance limiter) instead of refusing everyone or no one.
 */
export async function createCallerRateLimiter(options: RateLimitOptions, logger: Logger): Promise<CallerRateLimiter> {
  const budget = { points: options.points, duration: options.durationSeconds, keyPrefix: KEY_PREFIX };
  const memory = new RateLimiterMemory(budget);
  let redis: Redis | null = null;
  let limiter: RateLimiterMemory | RateLimiterRedis = memory;
  if (options.redisUrl) {
    // No offline queue: while Redis is away a count fails at once and the insurance budget answers.
    redis = new Redis(options.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) => logger.warn({ err: error }, 'rate limit store unavailable'));
    const client = redis;
    await client.connect().catch((error: Error) => {
      client.disconnect();
      throw new Error(`Redis for rate limits (REDIS_URL) did not answer: ${error.message}`);
    });
    limiter = new RateLimiterRedis({ ...budget, storeClient: redis, insuranceLimiter: memory });
  }
  return {
    options,
    consume: async (subject) => {
      try {
        await limiter.consume(subject);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
    close: async () => {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}

export const rateLimitMessage = (options: RateLimitOptions, retryAfterSeconds: number) =>
  `Rate limit of ${options.points} requests per ${options.durationSeconds} s exceeded for this caller; ` +
  `retry after ${retryAfterSeconds} s.`;
