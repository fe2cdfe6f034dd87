import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  SoftRemoveEvent,
  RecoverEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { unavailable } from '../errors/app-error';
import type { AuditLog } from './audit-log';
import { insertStatement } from './audit-schema';
import { AuditAction, type AuditEntry, type AuditRow, type AuditTrail, isPatientId } from './audit-trail';
import { type PatientOf, patientDataOfClass } from './patient-data';

/** The trail of the mutation running in this async context; set around every root mutation field. */
const changeScope = new AsyncLocalStorage<AuditTrail>();

/** Runs a mutation's resolver so that the changes it saves are audited inside their own transaction. */
export function inChangeScope<T>(trail: AuditTrail, run: () => T): T {
  return changeScope.run(trail, run);
}

interface TransactionAudit {
  trail: AuditTrail;
  /** Changes seen since the last write, keyed by entry. */
  pending: Map<string, AuditEntry>;
  /** Rows written in the transaction, to tell the trail once it has committed. */
  written: AuditRow[];
}

function patientIn(patientOf: PatientOf<never>, records: unknown[]): string | undefined {
  for (const record of records) {
    if (!record || typeof record !== 'object') continue;
    try {
      const patientId = (patientOf as PatientOf<unknown>)(record);
      if (patientId) return patientId;
    } catch {
      // a partial record (a bulk update names only the columns it sets): try the next one
    }
  }
  return undefined;
}

/**
 * Writes a mutation's CHANGE rows inside the transaction that makes the change: TypeORM tells this
 * subscriber about every entity it inserts, updates or removes, and, just before COMMIT, the rows for
 * the patient data among them go in with one INSERT on the same connection. The change and its audit
 * rows commit together or not at all: if the INSERT fails, the change is rolled back and the mutation
 * fails with SERVICE_UNAVAILABLE. Registered on each subgraph's data source by the platform.
 *
 * Only changes made while a mutation runs are seen (see `inChangeScope`); a change whose records do
 * not name their patient (a bulk update of a few columns) is recorded from the mutation's result instead.
 */
export class AuditChangeSubscriber implements EntitySubscriberInterface<unknown> {
  private readonly transactions = new WeakMap<QueryRunner, TransactionAudit>();

  constructor(private readonly log: AuditLog) {}

  afterInsert(event: InsertEvent<unknown>): void {
    this.changed(event.queryRunner, event.metadata, [event.entity]);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.changed(event.queryRunner, event.metadata, [event.entity, event.databaseEntity]);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.changed(event.queryRunner, event.metadata, [event.entity, event.databaseEntity]);
  }

  afterSoftRemove(event: SoftRemoveEvent<unknown>): void {
    this.changed(event.queryRunner, event.metadata, [event.entity, event.databaseEntity]);
  }

  afterRecover(event: RecoverEvent<unknown>): void {
    this.changed(event.queryRunner, event.metadata, [event.entity, event.databaseEntity]);
  }

  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    const transaction = this.transactions.get(queryRunner);
    if (!transaction || transaction.pending.size === 0) return;
    const rows = [...transaction.pending.values()].map((entry) => ({ ...transaction.trail.actor, ...entry }));
    transaction.pending.clear();
    const { sql, parameters } = insertStatement(rows);
    try {
      await queryRunner.query(sql, parameters);
    } catch (error) {
      this.log.refused(rows, error);
      throw unavailable('The change was not made: it could not be recorded in the audit log. Try again shortly');
    }
    transaction.written.push(...rows);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A savepoint's commit leaves the transaction open: its rows count once the outermost commits.
    if (queryRunner.isTransactionActive) return;
    const transaction = this.transactions.get(queryRunner);
    if (!transaction) return;
    this.transactions.delete(queryRunner);
    transaction.trail.markWritten(transaction.written);
    this.log.written(transaction.written);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.transactions.delete(queryRunner);
  }

  private changed(queryRunner: QueryRunner, metadata: EntityMetadata, records: unknown[]): void {
    const trail = changeScope.getStore();
    if (!trail) return;
    const declaration = patientDataOfClass(metadata.target);
    if (!declaration) return;
    const patientId = patientIn(declaration.patientOf, records);
    if (!patientId) return;
    if (!isPatientId(patientId)) {
      trail.record(patientId, AuditAction.Change, declaration.entityType); // reported as unattributed
      return;
    }
    if (!queryRunner.isTransactionActive) {
      // No transaction to join: written with the mutation's other rows when its resolver returns.
      trail.record(patientId, AuditAction.Change, declaration.entityType);
      return;
    }
    let transaction = this.transactions.get(queryRunner);
    if (!transaction) {
      transaction = { trail, pending: new Map(), written: [] };
      this.transactions.set(queryRunner, transaction);
    }
    const entry: AuditEntry = {
      patientId: patientId.toLowerCase(),
      action: AuditAction.Change,
      entityType: declaration.entityType,
    };
    transaction.pending.set(`${entry.entityType} ${entry.patientId}`, entry);
  }
}
