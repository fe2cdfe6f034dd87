import { publishEvent, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { type LabResult, LabResultStatus } from '../domain/lab-result.entity';

/** The durable event that asks the patients subgraph to tell the patient a result is ready. */
const LAB_RESULT_AVAILABLE_EVENT = 'clinical.lab-result-available';

/** Statuses the patient is told about: a released final or corrected result, not a preliminary or cancelled one. */
const TOLD = new Set([LabResultStatus.FINAL, LabResultStatus.CORRECTED]);

/**
 * With the result's transaction: ids only, never the value, the code or the flag (DESIGN.md:
 * patients renders the message, and it says only that a result is ready).
 */
export async function requestLabResultNotification(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  result: LabResult,
): Promise<void> {
  if (!TOLD.has(result.status)) return;
  await publishEvent(
    jobs,
    manager,
    LAB_RESULT_AVAILABLE_EVENT,
    { patientId: result.patientId, labResultId: result.id },
    { key: result.patientId },
  );
}
