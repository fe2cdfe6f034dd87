import { z } from 'zod';

/** Reusable definitions of the environment variables that several services read. */

/** A variable that may be left out; set to an empty string, it counts as left out. */
export const optionalVariable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const postgresUrl = z
  .string({ error: 'is required (a postgres:// connection URL)' })
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL');

export const optionalRedisUrl = optionalVariable(
  z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
);

export const contextSigningSecret = z
  .string({ error: 'is required (at least 32 characters, shared by the gateway and the subgraphs)' })
  .min(32, 'must be at least 32 characters');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
