import { LAB_RESULT_AVAILABLE_REQUEST, publishContract, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { type LabResult, LabResultStatus } from '../domain/lab-result.entity';

/** Statuses the patient is told about: a released final or corrected result, not a preliminary or cancelled one. */
const TOLD = new Set([LabResultStatus.FINAL, LabResultStatus.CORRECTED]);

/**
 * Asks the patients subgraph to tell the patient a result is ready, with the result's transaction:
 * ids only, never the value, the code or the flag (DESIGN.md: patients renders the message, and it
 * says only that a result is ready).
 */
export async function requestLabResultNotification(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  result: LabResult,
): Promise<void> {
  if (!TOLD.has(result.status)) return;
  await publishContract(
    jobs,
    manager,
    LAB_RESULT_AVAILABLE_REQUEST,
    { patientId: result.patientId, labResultId: result.id },
    { key: result.patientId },
  );
}
