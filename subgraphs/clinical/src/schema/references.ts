import { assertOwnPatient } from '@clinicflow/platform';
import type { ClinicalContext } from '../context';
import type { LabResult } from '../domain/lab-result.entity';
import type { Patient } from '../domain/patient.ref';

/** Entities the gateway asks this subgraph to resolve, batched through the request's loaders. */
export const clinicalReferenceResolvers = {
  Patient: (reference: { id: string }, { caller }: ClinicalContext): Patient => {
    assertOwnPatient(caller, reference.id);
    return { id: reference.id };
  },
  LabResult: async (reference: { id: string }, { caller, loaders }: ClinicalContext): Promise<LabResult | null> => {
    const result = await loaders.labResultById.load(reference.id);
    if (result) assertOwnPatient(caller, result.patientId);
    return result;
  },
};
