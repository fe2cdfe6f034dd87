import { LAB_RESULTS_CLEARED, LAB_RESULTS_PENDING, publishContract } from '@clinicflow/platform';
import { LabOrder } from './lab-order.entity';
import type { ApplyContext } from './appliers/apply-context';

/** After orders of the patient stopped waiting: tells the queue once none is left waiting. */
export async function publishIfCleared(context: ApplyContext, patientId: string): Promise<void> {
  const waiting = await context.manager.countBy(LabOrder, { patientId, status: 'ordered' });
  if (waiting > 0) return;
  await publishContract(context.jobs, context.manager, LAB_RESULTS_CLEARED, { patientId }, { key: patientId });
}

/** A lab order of the patient is waiting for its results: the queue holds results-first visits. */
export async function publishPending(context: ApplyContext, patientId: string): Promise<void> {
  await publishContract(context.jobs, context.manager, LAB_RESULTS_PENDING, { patientId }, { key: patientId });
}
