import { PATIENT_CHECKED_IN, publishContract } from '@clinicflow/platform';
import type { QueueTransaction } from '../domain/queue-changes';
import type { QueueEntry } from '../domain/queue-entry.entity';

/**
 * Tells clinical a patient joined a facility's queue (it scopes their clinical alerts to that
 * facility). With the check-in's transaction, keyed by patient so that a patient's check-ins are
 * applied in order.
 */
export async function publishPatientCheckedIn(tx: QueueTransaction, entry: QueueEntry): Promise<void> {
  await publishContract(
    tx.jobs,
    tx.manager,
    PATIENT_CHECKED_IN,
    {
      patientId: entry.patientId,
      facilityId: entry.facilityId,
      queueEntryId: entry.id,
      checkedInAt: entry.arrivedAt.toISOString(),
    },
    { key: entry.patientId },
  );
}
