import { AsyncLocalStorage } from 'node:async_hooks';
import type PgBoss from 'pg-boss';
import type { AuditLog } from './audit-log';
import { AuditAction, type AuditTrail } from './audit-trail';
import { inChangeScope } from './audit-transactions';

/** The audit log each subgraph's job queue belongs to; set by the subgraph bootstrap. */
const logs = new WeakMap<PgBoss, AuditLog>();

/** The trail of the background job running in this async context. */
const jobScope = new AsyncLocalStorage<AuditTrail>();

export function auditJobsIn(jobs: PgBoss, log: AuditLog): void {
  logs.set(jobs, log);
}

/**
 * Runs a background job (a durable consumer's delivery, a poll) as a system actor: the patient data it
 * changes is written to the audit log under `system:<job>`, role `system`, in the change's own
 * transaction, as a request's changes are; what it reads (`recordBackgroundRead`) is written when it
 * ends, failed or not. Jobs of a queue no subgraph audits run as they are.
 */
export async function asSystemActor<T>(jobs: PgBoss, job: string, run: () => Promise<T>): Promise<T> {
  const log = logs.get(jobs);
  if (!log) return run();
  const trail = log.systemTrail(job);
  try {
    return await jobScope.run(trail, () => inChangeScope(trail, run));
  } finally {
    // Reads, and changes saved outside a transaction, wait in the trail: written now.
    await log.flushReads(trail);
  }
}

/**
 * Notes that the running background job read a patient's data (contact details to send a message, a
 * record to compare with the EHR's): one READ row per job run, patient and type, under the job's
 * system actor. Outside a job (a request's own trail records its reads) it does nothing.
 */
export function recordBackgroundRead(patientId: string, entityType: string): void {
  jobScope.getStore()?.record(patientId, AuditAction.Read, entityType);
}
