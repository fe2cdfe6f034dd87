import type { Coverage } from './fhir-types';
import { FhirSystem } from './fhir-systems';
import type { CoverageNode } from './graphql-shapes';
import { patientReference } from './patient-resource';

/**
 * A patient's insurance as a FHIR R4 Coverage: the payer by name (ClinicFlow keeps no payer
 * directory to reference) and the member id as the subscriber id. ClinicFlow records the coverage
 * a patient holds now, so it is `active`.
 */
export function coverageResource(coverage: CoverageNode, patientId: string): Coverage {
  return {
    resourceType: 'Coverage',
    id: coverage.id,
    identifier: [
      {
        type: { coding: [{ system: FhirSystem.identifierType, code: 'MB', display: 'Member Number' }] },
        value: coverage.memberId,
      },
    ],
    status: 'active',
    subscriberId: coverage.memberId,
    beneficiary: patientReference(patientId),
    payor: [{ display: coverage.payer }],
  };
}
