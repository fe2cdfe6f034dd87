import { assertOwnPatient } from '@clinicflow/platform';
import type { PatientsContext } from '../context';
import type { Patient } from '../domain/patient.entity';

/** Resolves the patients other subgraphs point at, batched through the request's loader. */
export async function resolvePatientReference(
  reference: { id: string },
  { caller, loaders }: PatientsContext,
): Promise<Patient | null> {
  assertOwnPatient(caller, reference.id);
  return loaders.patientById.load(reference.id);
}
