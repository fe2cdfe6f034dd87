import { publishEvent } from '@clinicflow/platform';
import { LabOrder } from './lab-order.entity';
import type { ApplyContext } from './appliers/apply-context';

/** A lab order of the patient is waiting for its results (queue: hold results-first visits). */
export const LAB_RESULTS_PENDING_EVENT = 'clinical.lab-results-pending';
/** None of the patient's lab orders is waiting any more: resulted or cancelled (queue: release them). */
export const LAB_RESULTS_CLEARED_EVENT = 'clinical.lab-results-cleared';

export interface LabResultsPending {
  patientId: string;
}

/** After orders of the patient stopped waiting: tells the queue once none is left waiting. */
export async function publishIfCleared(context: ApplyContext, patientId: string): Promise<void> {
  const waiting = await context.manager.countBy(LabOrder, { patientId, status: 'ordered' });
  if (waiting > 0) return;
  const event: LabResultsPending = { patientId };
  await publishEvent(context.jobs, context.manager, LAB_RESULTS_CLEARED_EVENT, event, { key: patientId });
}

export async function publishPending(context: ApplyContext, patientId: string): Promise<void> {
  const event: LabResultsPending = { patientId };
  await publishEvent(context.jobs, context.manager, LAB_RESULTS_PENDING_EVENT, event, { key: patientId });
}
