import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { publishEvent, type PublishedEvent, type PublishOptions } from '../published-events';

/**
 * A durable event that crosses subgraphs: its name and its payload as the publisher writes it. The
 * publisher and every consumer take both from here (subgraphs share contracts, never code).
 */
export interface EventContract<S extends z.ZodType<object> = z.ZodType<object>, N extends string = string> {
  readonly name: N;
  /** The payload as published; consumers parse `Delivery.data` with it (or a `.pick()` of it). */
  readonly schema: S;
}

export const eventContract = <N extends string, S extends z.ZodType<object>>(
  name: N,
  schema: S,
): EventContract<S, N> => ({ name, schema });

/** `publishEvent` with the contract's name, its payload typed by the contract. */
export function publishContract<S extends z.ZodType<object>>(
  jobs: PgBoss,
  manager: EntityManager,
  contract: EventContract<S>,
  data: z.infer<S>,
  options?: PublishOptions,
): Promise<PublishedEvent> {
  return publishEvent(jobs, manager, contract.name, data, options);
}
