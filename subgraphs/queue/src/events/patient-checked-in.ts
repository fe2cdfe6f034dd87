import { publishEvent } from '@clinicflow/platform';
import type { QueueTransaction } from '../domain/queue-changes';
import type { QueueEntry } from '../domain/queue-entry.entity';

/** A patient joined a facility's queue: clinical scopes the patient's clinical alerts to that facility. */
export const PATIENT_CHECKED_IN_EVENT = 'queue.patient-checked-in';

/** Ids and the time only. */
export interface PatientCheckedIn {
  patientId: string;
  facilityId: string;
  queueEntryId: string;
  /** ISO 8601 */
  checkedInAt: string;
}

/** With the check-in's transaction, keyed by patient so that a patient's check-ins are applied in order. */
export async function publishPatientCheckedIn(tx: QueueTransaction, entry: QueueEntry): Promise<void> {
  const event: PatientCheckedIn = {
    patientId: entry.patientId,
    facilityId: entry.facilityId,
    queueEntryId: entry.id,
    checkedInAt: entry.arrivedAt.toISOString(),
  };
  await publishEvent(tx.jobs, tx.manager, PATIENT_CHECKED_IN_EVENT, event, { key: entry.patientId });
}
