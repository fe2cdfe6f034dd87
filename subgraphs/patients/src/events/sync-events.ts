import { publishEvent, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { differingFields, type SyncedValues } from '../domain/sync-fields';

export type Jobs = SubgraphResources['jobs'];

/** A patient's details changed in ClinicFlow (by staff, or by staff resolving a sync conflict). */
export const PATIENT_UPDATED = 'patient.updated';

/** Which synced fields changed, from what to what: the EHR write replays exactly this change. */
export interface PatientUpdated {
  patientId: string;
  from: Partial<SyncedValues>;
  to: Partial<SyncedValues>;
}

/** Publishes the change with its transaction, keyed by patient so consumers apply a patient's changes in order. */
export async function publishPatientUpdated(
  jobs: Jobs,
  manager: EntityManager,
  patientId: string,
  from: Partial<SyncedValues>,
  to: Partial<SyncedValues>,
): Promise<void> {
  const data: PatientUpdated = { patientId, from, to };
  await publishEvent(jobs, manager, PATIENT_UPDATED, data, { key: patientId });
}

/** Publishes the synced fields that differ between `before` and `after`, if any. */
export async function publishSyncedChanges(
  jobs: Jobs,
  manager: EntityManager,
  patientId: string,
  before: SyncedValues,
  after: SyncedValues,
): Promise<void> {
  const fields = differingFields(before, after);
  if (fields.length === 0) return;
  const pick = (values: SyncedValues) => Object.fromEntries(fields.map((field) => [field, values[field]]));
  await publishPatientUpdated(jobs, manager, patientId, pick(before), pick(after));
}
