import type { Router } from 'express';
import type PgBoss from 'pg-boss';
import type { EntitySchema, MixedList } from 'typeorm';
import type { Caller } from '../auth/caller';
import type { Database } from '../database/data-source';
import type { LiveEvents } from '../events/pubsub';
import type { Logger } from '../logging/logger';
import type { SchemaSpec } from './federated-schema';

/** What a subgraph's request context always holds; each subgraph adds its loaders and services. */
export interface BaseContext {
  caller: Caller;
}

/** The shared resources a subgraph's context is built from. */
export interface SubgraphResources {
  database: Database;
  liveEvents: LiveEvents;
  /** Durable jobs and events on PostgreSQL; write them with the change's transaction. */
  jobs: PgBoss;
  logger: Logger;
  /** The variables this subgraph reads its adapter settings from: the process environment unless given. */
  environment: Environment;
}

/** Variables by name, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Everything the platform needs to build, migrate and serve one subgraph. */
export interface SubgraphDefinition<TContext extends BaseContext> extends SchemaSpec<TContext> {
  name: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Called once per request: fresh DataLoaders every time, so nothing is cached across callers. */
  createContext(caller: Caller, resources: SubgraphResources): TContext;
  /** Starts the subgraph's job consumers and timers; whatever it returns is stopped with the subgraph. */
  startWorkers?(resources: SubgraphResources): Promise<{ stop(): Promise<void> }>;
  /**
   * HTTP routes served beside `/graphql` without the gateway's signed caller: inbound vendor webhooks,
   * which must verify the vendor's signature before reading anything.
   */
  httpRoutes?(resources: SubgraphResources): Router;
}

export function defineSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
): SubgraphDefinition<TContext> {
  return definition;
}
