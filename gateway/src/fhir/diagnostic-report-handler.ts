import type { DiagnosticReport } from './fhir-types';
import { labDiagnosticReport } from './diagnostic-report-resource';
import { dataOrRefusal } from './execute-as-caller';
import { LabResultById, PatientLabResults } from './graphql-operations';
import type { LabResultNode, PageOf } from './graphql-shapes';
import { requiredPatientId } from './patient-compartment';
import { type FhirCall, PATIENT_PARAMETER, type ResourceHandler, type SearchPage } from './resource-handler';
import type { SearchRequest } from './search-parameters';

async function readReport(call: FhirCall, id: string): Promise<DiagnosticReport> {
  const { labResult } = await dataOrRefusal(
    call.execute<{ labResult: LabResultNode }>(call.caller, LabResultById, { id }),
  );
  return labDiagnosticReport(labResult);
}

async function searchReports(call: FhirCall, search: SearchRequest): Promise<SearchPage> {
  const { patient } = await dataOrRefusal(
    call.execute<{ patient: { labResults: PageOf<LabResultNode> } }>(call.caller, PatientLabResults, {
      patientId: requiredPatientId(search, 'DiagnosticReport'),
      first: search.count,
      after: search.cursor,
    }),
  );
  const { labResults } = patient;
  return {
    resources: labResults.edges.map(({ node }) => labDiagnosticReport(node)),
    total: labResults.totalCount,
    nextCursor: labResults.pageInfo.hasNextPage ? labResults.pageInfo.endCursor : null,
  };
}

export const diagnosticReportHandler: ResourceHandler = {
  type: 'DiagnosticReport',
  documentation: 'One laboratory report per lab result (same id), pointing to its Observation lab-<id>',
  searchParameters: [PATIENT_PARAMETER],
  read: readReport,
  search: searchReports,
};
