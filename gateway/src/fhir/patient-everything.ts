import type { GraphQLFormattedError } from 'graphql';
import { appointmentResource } from './appointment-resource';
import { coverageResource } from './coverage-resource';
import { labDiagnosticReport } from './diagnostic-report-resource';
import { visitEncounter } from './encounter-resource';
import { dataOrRefusal, type GraphQLOutcome } from './execute-as-caller';
import { fromGraphQLError, operationOutcome } from './fhir-error';
import type { Bundle, Resource } from './fhir-types';
import { ExportLabResults, ExportPrescriptions, ExportReadings, PatientExport } from './graphql-operations';
import type {
  CoverageNode,
  LabResultNode,
  PageOf,
  PatientNode,
  PrescriptionNode,
  QueueEntryNode,
  ReadingNode,
} from './graphql-shapes';
import { medicationRequestResource } from './medication-request-resource';
import { labObservation, vitalObservation } from './observation-resources';
import { patientResource } from './patient-resource';
import type { FhirCall } from './resource-handler';
import { entry } from './search-bundle';
import { MAX_COUNT } from './search-parameters';

interface ExportData {
  patient: PatientNode & {
    queueEntries: QueueEntryNode[] | null;
    labResults: PageOf<LabResultNode> | null;
    readings: PageOf<ReadingNode> | null;
    prescriptions: PageOf<PrescriptionNode> | null;
    coverages: CoverageNode[] | null;
  };
}

/** What each part of the export is called where it is left out. */
const PARTS: Record<string, string> = {
  queueEntries: 'visits',
  labResults: 'lab results',
  readings: 'vital signs',
  prescriptions: 'prescriptions',
  coverages: 'insurance coverage',
};

/**
 * The parts the caller may not read (FORBIDDEN below the patient). Any other error, or one about the
 * patient themself, refuses the whole export: a partial export must never pass for a whole one.
 */
function withheldParts(errors: readonly GraphQLFormattedError[]): string[] {
  const withheld = new Set<string>();
  for (const error of errors) {
    const [, field] = error.path ?? [];
    const part =
      error.path?.includes('appointment') === true
        ? 'appointments'
        : typeof field === 'string'
          ? PARTS[field]
          : undefined;
    if (error.extensions?.code !== 'FORBIDDEN' || !part) throw fromGraphQLError(error);
    withheld.add(part);
  }
  return [...withheld];
}

/** The rest of a connection the first page began, through its keyset cursor. */
async function remainingPages<T>(
  first: PageOf<T> | null,
  fetchPage: (after: string | null) => Promise<GraphQLOutcome<{ patient: Record<string, PageOf<T>> }>>,
  field: string,
): Promise<T[]> {
  if (!first) return [];
  const nodes = first.edges.map(({ node }) => node);
  let pageInfo = first.pageInfo;
  while (pageInfo.hasNextPage) {
    const { patient }: { patient: Record<string, PageOf<T>> } = await dataOrRefusal(fetchPage(pageInfo.endCursor));
    const connection: PageOf<T> = patient[field]!;
    nodes.push(...connection.edges.map(({ node }) => node));
    pageInfo = connection.pageInfo;
  }
  return nodes;
}

/**
 * `Patient/<id>/$everything`: the patient's export, everything ClinicFlow holds of them that the
 * caller may read, in one `searchset` Bundle: the Patient, their visits (Encounter) and the visits'
 * appointments, lab results (Observation and DiagnosticReport), device readings (Observation),
 * prescriptions (MedicationRequest) and insurance (Coverage). It is one operation through the graph as the caller (and one more per further
 * page of results or readings), so each subgraph checks the caller and audits its reads under the
 * `FhirExport*` operation names. The Patient must be readable; a part the caller's role or scopes may
 * not read is left out and named in an OperationOutcome entry.
 */
export async function patientEverything(call: FhirCall, patientId: string, baseUrl: string): Promise<Bundle> {
  const { data, errors } = await call.execute<ExportData>(call.caller, PatientExport, {
    id: patientId,
    first: MAX_COUNT,
  });
  const withheld = withheldParts(errors);
  if (!data?.patient) throw new Error('An export returned neither the patient nor an error');
  const { patient } = data;
  const [labResults, readings, prescriptions] = await Promise.all([
    remainingPages<LabResultNode>(
      patient.labResults,
      (after) => call.execute(call.caller, ExportLabResults, { patientId, first: MAX_COUNT, after }),
      'labResults',
    ),
    remainingPages<ReadingNode>(
      patient.readings,
      (after) => call.execute(call.caller, ExportReadings, { patientId, code: null, first: MAX_COUNT, after }),
      'readings',
    ),
    remainingPages<PrescriptionNode>(
      patient.prescriptions,
      (after) => call.execute(call.caller, ExportPrescriptions, { patientId, status: null, first: MAX_COUNT, after }),
      'prescriptions',
    ),
  ]);
  const visits = patient.queueEntries ?? [];
  const resources: Resource[] = [
    patientResource(patient),
    ...visits.map(visitEncounter),
    ...visits.flatMap((visit) => (visit.appointment ? [appointmentResource(visit.appointment, patientId)] : [])),
    ...labResults.flatMap((result) => [labObservation(result), labDiagnosticReport(result)]),
    ...readings.map(vitalObservation),
    ...prescriptions.map(medicationRequestResource),
    ...(patient.coverages ?? []).map((coverage) => coverageResource(coverage, patientId)),
  ];
  const outcome = withheld.length
    ? [
        {
          resource: operationOutcome(
            'warning',
            'suppressed',
            `Left out, as this caller may not read them: ${withheld.join(', ')}`,
          ),
          search: { mode: 'outcome' as const },
        },
      ]
    : [];
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    timestamp: new Date().toISOString(),
    entry: [...resources.map((resource) => entry(baseUrl, resource)), ...outcome],
  };
}
