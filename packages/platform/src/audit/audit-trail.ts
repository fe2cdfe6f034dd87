import type { Caller } from '../auth/caller';

/** What was done with a patient's data: read (queries, entity references, live events) or changed (mutations). */
export const AuditAction = { Read: 'READ', Change: 'CHANGE' } as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** Who touched the data, from where, through which app, in which service and operation. */
export interface AuditActor {
  subject: string;
  role: string;
  /** The OAuth client (app), when the gateway passed one; null otherwise. */
  clientId: string | null;
  /** The client's address, when the gateway passed one; null otherwise, never guessed. */
  ip: string | null;
  /** The subgraph that served the data. */
  service: string;
  /** The operation the subgraph ran (the gateway names it after the client's operation), if named. */
  operationName: string | null;
}

/** One patient, one action, one type of record. */
export interface AuditEntry {
  patientId: string;
  action: AuditAction;
  entityType: string;
}

/** One row of `audit.event`, before the database gives it an id and a time. */
export type AuditRow = AuditActor & AuditEntry;

/** Where a trail's rows go: one call, one statement, however many rows. */
export interface AuditSink {
  write(rows: AuditRow[]): Promise<void>;
  /** Told about rows that could not be written, before the error goes on to the caller. */
  lost(rows: AuditRow[], error: unknown): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Patients are named by their ClinicFlow id (a UUID), never by anything that identifies them outside it. */
export const isPatientId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const actorOf = (caller: Caller, service: string): AuditActor => ({
  subject: caller.subject,
  role: caller.role,
  clientId: caller.clientId || null,
  ip: caller.ip || null,
  service,
  operationName: null,
});

const keyOf = (entry: AuditEntry) => `${entry.action} ${entry.entityType} ${entry.patientId}`;

/**
 * What one request (or one subscription event) touched: at most one entry per patient, action and
 * type, however many records or fields carried it. Resolvers record into it as they return patient
 * data; it is written once at the end (see `flush`), or for changes inside the change's transaction.
 */
export class AuditTrail {
  private readonly pending = new Map<string, AuditEntry>();
  private readonly written = new Set<string>();

  constructor(
    readonly actor: AuditActor,
    private readonly sink: AuditSink,
    /** Told about a record of patient data that names no patient: a declaration to fix, never dropped silently. */
    private readonly onUnattributed: (entityType: string) => void = () => {},
  ) {}

  /** Names the operation once it is known (the first resolver to run sees it). */
  useOperation(name: string | null | undefined): void {
    if (this.actor.operationName === null && name) this.actor.operationName = name;
  }

  /** Notes that the request touched this patient's data; repeated notes of the same entry are one. */
  record(patientId: string | null | undefined, action: AuditAction, entityType: string): void {
    if (!isPatientId(patientId)) {
      this.onUnattributed(entityType);
      return;
    }
    const entry: AuditEntry = { patientId: patientId.toLowerCase(), action, entityType };
    const key = keyOf(entry);
    if (!this.written.has(key)) this.pending.set(key, entry);
  }

  /** How many entries wait to be written. */
  get size(): number {
    return this.pending.size;
  }

  /** Takes the entries not written yet (of one action, or all) as rows; they are no longer pending. */
  take(action?: AuditAction): AuditRow[] {
    const rows: AuditRow[] = [];
    for (const [key, entry] of this.pending) {
      if (action && entry.action !== action) continue;
      this.pending.delete(key);
      rows.push({ ...this.actor, ...entry });
    }
    return rows;
  }

  /** Entries already written by someone else (a change's own transaction): later notes of them are skipped. */
  markWritten(entries: AuditEntry[]): void {
    for (const entry of entries) {
      const key = keyOf(entry);
      this.written.add(key);
      this.pending.delete(key);
    }
  }

  /**
   * Writes the pending entries (of one action, or all) in one statement and returns how many. When
   * the write fails the sink is told what was lost and the error goes on to the caller, who decides
   * whether the request fails; the entries are not kept for another attempt.
   */
  async flush(action?: AuditAction): Promise<number> {
    const rows = this.take(action);
    if (rows.length === 0) return 0;
    try {
      await this.sink.write(rows);
    } catch (error) {
      this.sink.lost(rows, error);
      throw error;
    }
    this.markWritten(rows);
    return rows.length;
  }

  /**
   * Forgets what was written, for a trail that outlives one delivery: each event of a subscription is
   * a delivery of its own, recorded again even when it carries the same patient as the last.
   */
  startOver(): void {
    this.written.clear();
    this.pending.clear();
  }
}

/**
 * Where a context keeps its trail: an own symbol property, so that it survives Apollo Server's shallow
 * copy of the context for each operation, and stays out of the subgraphs' own context types.
 */
const TRAIL = Symbol('clinicflow.auditTrail');

/** Gives a request's context its trail (the platform does this for every request and subscription). */
export function attachAuditTrail(context: object, trail: AuditTrail): void {
  Object.defineProperty(context, TRAIL, { value: trail, enumerable: true, writable: false, configurable: false });
}

/** The trail of a request's context, if the platform gave it one. */
export function auditTrailOf(context: unknown): AuditTrail | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const trail = (context as { [TRAIL]?: unknown })[TRAIL];
  return trail instanceof AuditTrail ? trail : undefined;
}
