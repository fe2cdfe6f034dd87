import type { DiagnosticReport } from './fhir-types';
import { FhirSystem } from './fhir-systems';
import type { LabResultNode } from './graphql-shapes';
import { LAB_PREFIX, LAB_STATUS } from './observation-resources';
import { patientReference } from './patient-resource';

/**
 * A laboratory result as the report that carries it: ClinicFlow records one result per test, so
 * each report has the same id as its result and points to that result's Observation.
 */
export function labDiagnosticReport(result: LabResultNode): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: result.id,
    meta: { lastUpdated: result.createdAt },
    status: LAB_STATUS[result.status],
    category: [
      {
        coding: [{ system: FhirSystem.diagnosticServiceSection, code: 'LAB', display: 'Laboratory' }],
        text: 'Laboratory',
      },
    ],
    code: {
      coding: [{ system: FhirSystem.loinc, code: result.loincCode, display: result.display }],
      text: result.display,
    },
    subject: patientReference(result.patient.id),
    issued: result.issuedAt,
    result: [{ reference: `Observation/${LAB_PREFIX}${result.id}` }],
  };
}
