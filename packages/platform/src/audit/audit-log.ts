import { Counter } from 'prom-client';
import { Pool } from 'pg';
import type { Caller } from '../auth/caller';
import type { Logger } from '../logging/logger';
import { metricsRegistry } from '../metrics/registry';
import { AUDIT_SCHEMA_STATEMENTS, insertStatement } from './audit-schema';
import { type AuditAction, type AuditRow, type AuditSink, AuditTrail, actorOf } from './audit-trail';

export const auditRowsWritten = new Counter({
  name: 'clinicflow_audit_rows_total',
  help: 'Rows written to the audit log, by service and action',
  labelNames: ['service', 'action'] as const,
  registers: [metricsRegistry],
});

export const auditWriteFailures = new Counter({
  name: 'clinicflow_audit_write_failures_total',
  help: 'Audit rows that could not be written, by service and action; any at all needs an operator',
  labelNames: ['service', 'action'] as const,
  registers: [metricsRegistry],
});

export interface AuditLogOptions {
  /** The subgraph whose requests this log records. */
  service: string;
  url: string;
  logger: Logger;
  /** Connections of the log's own pool; one short INSERT per request needs few. */
  poolSize?: number;
}

const countBy = (rows: AuditRow[], pick: (row: AuditRow) => string) =>
  rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [pick(row)]: (counts[pick(row)] ?? 0) + 1 }), {});

/**
 * One subgraph's writer of `audit.event`. It has a connection pool of its own, apart from the
 * subgraph's data source: audit rows are not the subgraph's statements (the N+1 tests count those),
 * and a busy data source does not hold them up. Changes are the exception, written inside their own
 * transaction through the data source (see audit-transactions.ts).
 */
export class AuditLog implements AuditSink {
  readonly service: string;
  private readonly pool: Pool;
  private readonly logger: Logger;

  constructor(options: AuditLogOptions) {
    this.service = options.service;
    this.logger = options.logger;
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize ?? 2,
      application_name: `clinicflow-${options.service}-audit`,
      // An unreachable database fails the write in seconds instead of holding every response.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 5_000,
    });
    // An idle connection that dies is replaced on the next write; a write that fails is reported as lost.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'audit log connection closed'));
  }

  /** Creates the audit schema if needed; every subgraph does this at start, whichever starts first. */
  async open(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const statement of AUDIT_SCHEMA_STATEMENTS) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A trail for one request or subscription of this caller. */
  trailFor(caller: Caller): AuditTrail {
    return new AuditTrail(actorOf(caller, this.service), this, (entityType) =>
      this.logger.error(
        { audit: { service: this.service, entityType } },
        'patient data without a patient id: its declaration (@PatientData) does not find the patient, so it is not audited',
      ),
    );
  }

  /** A trail for a background job of this subgraph: the actor is the job, not a person. */
  systemTrail(job: string): AuditTrail {
    return new AuditTrail(
      { subject: `system:${job}`, role: 'system', clientId: null, ip: null, service: this.service, operationName: job },
      this,
      (entityType) =>
        this.logger.error({ audit: { service: this.service, entityType } }, 'patient data without a patient id'),
    );
  }

  async write(rows: AuditRow[]): Promise<void> {
    const { sql, parameters } = insertStatement(rows);
    await this.pool.query(sql, parameters);
    this.written(rows);
  }

  /** Counts rows written elsewhere (in a change's transaction) with the ones written here. */
  written(rows: AuditRow[]): void {
    for (const [action, count] of Object.entries(countBy(rows, (row) => row.action))) {
      auditRowsWritten.inc({ service: this.service, action }, count);
    }
  }

  /**
   * Says, as loudly as the platform can, that rows were lost: an error log line an alert can match
   * (`audit log write failed`) and a metric. The line names the entity types and counts, the role and
   * the operation, never the patients nor the subject (an identity provider may use an e-mail address).
   */
  lost(rows: AuditRow[], error: unknown): void {
    this.failed(rows, error, 'audit log write failed: these accesses to patient data are not in the audit log');
  }

  /** Says that a change was rolled back because its audit rows could not be written with it. */
  refused(rows: AuditRow[], error: unknown): void {
    this.failed(rows, error, 'audit log write failed: the change was rolled back and the caller told so');
  }

  private failed(rows: AuditRow[], error: unknown, message: string): void {
    const [first] = rows;
    for (const [action, count] of Object.entries(countBy(rows, (row) => row.action))) {
      auditWriteFailures.inc({ service: this.service, action: action as AuditAction }, count);
    }
    this.logger.error(
      {
        err: error,
        audit: {
          service: this.service,
          role: first?.role,
          operationName: first?.operationName,
          rows: rows.length,
          entityTypes: countBy(rows, (row) => `${row.action} ${row.entityType}`),
        },
      },
      message,
    );
  }

  /**
   * Writes what a request read, at its end. A failure does not fail the request (the waiting room
   * must keep working when the audit table is unreachable): it is logged and counted as lost.
   */
  async flushReads(trail: AuditTrail): Promise<void> {
    try {
      await trail.flush();
    } catch {
      // Reported by lost(), which flush calls before rethrowing.
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
