import type PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { badUserInput, conflict, notFound } from '../errors/app-error';
import type { Page } from '../pagination/connection';
import { decodeCursor, encodeCursor, type SortKey } from '../pagination/cursor';
import { MAX_PAGE_SIZE } from '../pagination/keyset';
import { DURABLE_EVENTS_SCHEMA, transactionDb } from './durable-events';
import { failureMessage, readFailure } from './failure-record';
import { isEventEnvelope } from './published-events';

const SCHEMA = DURABLE_EVENTS_SCHEMA;

export type DeadLetterStatus = 'waiting' | 'replayed' | 'discarded';

/** An id found in a payload, by the field that held it. */
export interface PayloadReference {
  field: string;
  id: string;
}

/**
 * A delivery that failed every attempt, as staff see it: what (consumer, event, the ids in its
 * payload; no other value of the payload), why (the last error), how many attempts and when.
 */
export interface DeadLetter {
  /** The dead letter's own id (a job in `<consumer>.dead-letter`). */
  id: string;
  consumer: string;
  event: string;
  eventId: string | null;
  /** The event's key, when it is a UUID; other keys are not shown. */
  key: string | null;
  references: PayloadReference[];
  withheldFields: string[];
  error: string;
  attempts: number;
  firstAttemptAt: Date;
  lastAttemptAt: Date;
  publishedAt: Date | null;
  status: DeadLetterStatus;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  discardReason: string | null;
  /** The delivery a replay queued, in the consumer's queue. */
  replayDeliveryId: string | null;
}

interface Resolution {
  status: 'replayed' | 'discarded';
  by: string;
  at: string;
  reason?: string;
  deliveryId?: string;
}

interface DeadLetterRow {
  id: string;
  queue: string;
  data: unknown;
  output: unknown;
  state: string;
  retryLimit: number;
  createdOn: Date;
  /** `created_on` to the microsecond, for cursors. */
  position: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const ID_FIELD = /^(?:id|\w*(?:Id|Ids|_id|_ids))$/;

/**
 * The ids in a payload, and the names (only) of its other fields. A field counts as an id when it is
 * named like one (`id`, `patientId`, `entryIds`) and holds UUIDs: they say which records an event was
 * about without saying anything about the patient. Both lists are in field-name order.
 */
export function summarizePayload(payload: unknown): { references: PayloadReference[]; withheldFields: string[] } {
  const references: PayloadReference[] = [];
  const withheldFields: string[] = [];
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return { references, withheldFields };
  for (const [field, value] of Object.entries(payload)) {
    const ids = Array.isArray(value) ? value : [value];
    if (ID_FIELD.test(field) && ids.length > 0 && ids.every(isUuid)) {
      for (const id of ids) references.push({ field, id });
    } else {
      withheldFields.push(field);
    }
  }
  // In name order: PostgreSQL's jsonb keeps an object's keys in an order of its own.
  references.sort((a, b) => a.field.localeCompare(b.field));
  return { references, withheldFields: withheldFields.sort() };
}

const MICROSECONDS_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const COLUMNS = `dl.id, dl.name AS queue, dl.data, dl.output, dl.state::text AS state, dl.retry_limit AS "retryLimit",
  dl.created_on AS "createdOn", to_char(dl.created_on AT TIME ZONE 'UTC', ${MICROSECONDS_ISO}) AS position`;

/** Newest first; the id breaks ties. */
const SORT: SortKey<DeadLetterRow>[] = [
  { column: 'dl.created_on', direction: 'DESC', type: 'timestamp', valueOf: (row) => row.position },
  { column: 'dl.id', direction: 'DESC', type: 'uuid', valueOf: (row) => row.id },
];

export const DISCARD_REASON_LENGTH = { min: 3, max: 200 } as const;

/**
 * The dead-letter queues of every consumer on this database, whichever service runs it: pg-boss
 * keeps them all in one schema. A dead letter waits until staff replay it (a new delivery to its
 * consumer, with the same event id) or discard it with a reason; either is kept on the dead letter.
 */
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: PgBoss,
  ) {}

  /** The waiting dead letters, newest first; of one consumer, or of all. */
  async list(args: { consumer?: string | null; first: number; after?: string | null }): Promise<Page<DeadLetter>> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
    }
    const after = args.after ? decodeCursor(SORT, args.after) : null;
    const consumers = await this.consumers(this.dataSource.manager, args.consumer ?? null);
    const queues = [...consumers.keys()];
    if (queues.length === 0) return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${SCHEMA}.job dl WHERE dl.name = ANY($1::text[]) AND dl.state = 'created'`,
      [queues],
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${SCHEMA}.job dl
       WHERE dl.name = ANY($1::text[]) AND dl.state = 'created'
         ${after ? 'AND (dl.created_on, dl.id) < ($3::timestamptz, $4::uuid)' : ''}
       ORDER BY dl.created_on DESC, dl.id DESC
       LIMIT $2`,
      [queues, args.first + 1, ...(after ?? [])],
    )) as DeadLetterRow[];
    const edges = rows
      .slice(0, args.first)
      .map((row) => ({ cursor: encodeCursor(SORT, row), node: toDeadLetter(row, consumers) }));
    return {
      edges,
      totalCount: total,
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** One dead letter, waiting or resolved (for a while after it was resolved: pg-boss archives, then deletes it). */
  async get(id: string): Promise<DeadLetter | null> {
    if (!isUuid(id)) return null;
    const consumers = await this.consumers(this.dataSource.manager, null);
    for (const table of ['job', 'archive']) {
      const [row] = (await this.dataSource.query(
        `SELECT ${COLUMNS} FROM ${SCHEMA}.${table} dl WHERE dl.name = ANY($1::text[]) AND dl.id = $2`,
        [[...consumers.keys()], id],
      )) as DeadLetterRow[];
      if (row) return toDeadLetter(row, consumers);
    }
    return null;
  }

  /**
   * Queues the event again for its consumer (same event id, so a handler that did apply it after all
   * skips it), with a fresh set of attempts, and marks the dead letter replayed. One transaction.
   */
  async replay(id: string, by: string): Promise<DeadLetter> {
    return this.resolve(id, async (manager, row, consumer) => {
      const envelope = isEventEnvelope(row.data) ? row.data : null;
      const key = envelope?.event.key ?? null;
      const payload = row.data && typeof row.data === 'object' ? (row.data as object) : { value: row.data };
      const deliveryId = await this.jobs.send(consumer, payload, {
        ...(key === null ? {} : { singletonKey: key }),
        db: transactionDb(manager),
      });
      if (!deliveryId) throw conflict(`${consumer} already has the same work waiting; discard this delivery instead`);
      return { status: 'replayed', by, at: new Date().toISOString(), deliveryId };
    });
  }

  /** Gives up on a dead letter, keeping who did and why. */
  async discard(id: string, reason: string, by: string): Promise<DeadLetter> {
    const trimmed = reason.trim();
    if (trimmed.length < DISCARD_REASON_LENGTH.min || trimmed.length > DISCARD_REASON_LENGTH.max) {
      throw badUserInput(
        `The reason must have ${DISCARD_REASON_LENGTH.min} to ${DISCARD_REASON_LENGTH.max} characters`,
        { argument: 'reason' },
      );
    }
    return this.resolve(id, async () => ({ status: 'discarded', by, at: new Date().toISOString(), reason: trimmed }));
  }

  private async resolve(
    id: string,
    act: (manager: EntityManager, row: DeadLetterRow, consumer: string) => Promise<Resolution>,
  ): Promise<DeadLetter> {
    if (!isUuid(id)) throw notFound('Failed delivery', id);
    return this.dataSource.transaction(async (manager) => {
      const consumers = await this.consumers(manager, null);
      const [row] = (await manager.query(
        `SELECT ${COLUMNS} FROM ${SCHEMA}.job dl WHERE dl.name = ANY($1::text[]) AND dl.id = $2 FOR UPDATE`,
        [[...consumers.keys()], id],
      )) as DeadLetterRow[];
      if (!row) {
        const archived = await this.get(id);
        if (!archived) throw notFound('Failed delivery', id);
        throw conflict(
          archived.status === 'waiting'
            ? 'This failed delivery was kept as long as its queue keeps jobs, and has expired'
            : `This failed delivery was already ${archived.status}`,
          { status: archived.status.toUpperCase() },
        );
      }
      const current = toDeadLetter(row, consumers);
      if (current.status !== 'waiting') {
        throw conflict(`This failed delivery was already ${current.status}`, { status: current.status.toUpperCase() });
      }
      const resolution = await act(manager, row, current.consumer);
      const [updated] = (await manager.query(
        `UPDATE ${SCHEMA}.job dl SET
           state = $3::${SCHEMA}.job_state,
           completed_on = now(),
           output = coalesce(dl.output, '{}'::jsonb) || jsonb_build_object('resolution', $4::jsonb)
         WHERE dl.name = $1 AND dl.id = $2
         RETURNING ${COLUMNS}`,
        [row.queue, id, resolution.status === 'replayed' ? 'completed' : 'cancelled', JSON.stringify(resolution)],
      )) as [DeadLetterRow[], number];
      return toDeadLetter(updated[0]!, consumers);
    });
  }

  /** Dead-letter queue → consumer, for every queue that has one (or the one named). */
  private async consumers(manager: EntityManager, only: string | null): Promise<Map<string, string>> {
    const rows = (await manager.query(
      `SELECT name, dead_letter AS "deadLetter" FROM ${SCHEMA}.queue
       WHERE dead_letter IS NOT NULL AND dead_letter <> name AND ($1::text IS NULL OR name = $1)`,
      [only],
    )) as { name: string; deadLetter: string }[];
    return new Map(rows.map((row) => [row.deadLetter, row.name]));
  }
}

function toDeadLetter(row: DeadLetterRow, consumers: Map<string, string>): DeadLetter {
  const envelope = isEventEnvelope(row.data) ? row.data : null;
  const consumer = consumers.get(row.queue) ?? row.queue;
  const failure = readFailure(row.output);
  const output = (row.output && typeof row.output === 'object' ? row.output : {}) as { resolution?: Resolution };
  const resolution = output.resolution ?? null;
  const lastAttemptAt = failure ? new Date(failure.lastAttemptAt) : row.createdOn;
  const key = envelope?.event.key;
  const status: DeadLetterStatus =
    resolution?.status ??
    (row.state === 'completed' ? 'replayed' : row.state === 'cancelled' ? 'discarded' : 'waiting');
  return {
    id: row.id,
    consumer,
    event: envelope?.event.name ?? consumer,
    eventId: envelope?.event.id ?? failure?.deliveryId ?? null,
    key: isUuid(key) ? key : null,
    ...summarizePayload(envelope ? envelope.data : row.data),
    error: failureMessage(row.output),
    // A dead letter is made when the last allowed attempt fails: one more than the retries.
    attempts: failure?.attempts ?? row.retryLimit + 1,
    firstAttemptAt: failure
      ? new Date(failure.firstAttemptAt)
      : envelope
        ? new Date(envelope.event.publishedAt)
        : lastAttemptAt,
    lastAttemptAt,
    publishedAt: envelope ? new Date(envelope.event.publishedAt) : null,
    status,
    resolvedAt: resolution ? new Date(resolution.at) : null,
    resolvedBy: resolution?.by ?? null,
    discardReason: resolution?.reason ?? null,
    replayDeliveryId: resolution?.deliveryId ?? null,
  };
}
