import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { DURABLE_EVENTS_SCHEMA, transactionDb } from './durable-events';

/** What an event says about itself. Consumers see it as a `Delivery`; the payload is `data`. */
export interface EventHeader {
  /** The event's id: the same for every consumer, on every attempt and replay. Consumers dedupe on it. */
  id: string;
  name: string;
  /**
   * The subject the event is about, an id (the patient's, the facility's): ordered consumers handle
   * one key's events one at a time, in the order they were published. Never personal data.
   */
  key: string | null;
  /** The database clock when it was published, to the microsecond (ISO 8601, UTC): the order within a key. */
  publishedAt: string;
}

/** The job a published event becomes in each subscribed consumer's queue. */
export interface EventEnvelope<T = unknown> {
  event: EventHeader;
  data: T;
}

export interface PublishOptions {
  /** See `EventHeader.key`. */
  key?: string;
  /** The event's id, when the publisher has one already (an inbound webhook's); a new UUID otherwise. */
  id?: string;
}

export interface PublishedEvent extends EventHeader {
  /** The consumer queues it was written to: every consumer subscribed to the event when it was published. */
  consumers: string[];
}

const EVENT_NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const MICROSECONDS_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  if (!value || typeof value !== 'object') return false;
  const header = (value as { event?: unknown }).event as Partial<EventHeader> | undefined;
  return (
    !!header &&
    typeof header === 'object' &&
    typeof header.id === 'string' &&
    typeof header.name === 'string' &&
    typeof header.publishedAt === 'string' &&
    'data' in value
  );
}

/**
 * Publishes an event with the caller's transaction: one job in the queue of every consumer that
 * subscribed to `name`, in whichever service it runs, written by the same statement as the change,
 * so the event exists exactly when the change committed. Consumers subscribe when they start (see
 * `startConsumers`), and the subscription stays in the database while they are down: an event
 * published then waits for them. An event nobody ever subscribed to goes nowhere.
 */
export async function publishEvent<T extends object>(
  jobs: PgBoss,
  manager: EntityManager,
  name: string,
  data: T,
  options: PublishOptions = {},
): Promise<PublishedEvent> {
  if (!EVENT_NAME.test(name)) throw new Error(`"${name}" is not an event name (lower-case words joined by . or -)`);
  const key = options.key ?? null;
  if (key !== null && (key.length === 0 || key.length > 200)) throw new Error('An event key has 1 to 200 characters');
  // One round trip: the subscribed queues, and the database's clock (not the transaction's start,
  // `now()`), so that a key's events are stamped in the order they were published even when a
  // later transaction began first.
  const [row] = (await manager.query(
    `SELECT coalesce((SELECT array_agg(name ORDER BY name) FROM ${DURABLE_EVENTS_SCHEMA}.subscription WHERE event = $1), '{}') AS consumers,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', ${MICROSECONDS_ISO}) AS "publishedAt"`,
    [name],
  )) as { consumers: string[]; publishedAt: string }[];
  const header: EventHeader = { id: options.id ?? randomUUID(), name, key, publishedAt: row!.publishedAt };
  const envelope: EventEnvelope<T> = { event: header, data };
  if (row!.consumers.length > 0) {
    await jobs.insert(
      row!.consumers.map((queue) => ({ name: queue, data: envelope, ...(key === null ? {} : { singletonKey: key }) })),
      { db: transactionDb(manager) },
    );
  }
  return { ...header, consumers: row!.consumers };
}
