import { MEDICATION_READY_REQUEST, publishContract, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { Prescription } from '../domain/prescription.entity';

/**
 * Asks the patients subgraph to tell the patient their medication is ready, with the change's
 * transaction: ids only, never the medication, its dose or quantity (DESIGN.md: patients renders the
 * message, and it says only that a medication is ready). Only the move to ready for pickup publishes
 * it, and that happens once per prescription.
 */
export async function requestMedicationReadyNotification(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  prescription: Prescription,
): Promise<void> {
  await publishContract(
    jobs,
    manager,
    MEDICATION_READY_REQUEST,
    { patientId: prescription.patientId, prescriptionId: prescription.id },
    { key: prescription.patientId },
  );
}
