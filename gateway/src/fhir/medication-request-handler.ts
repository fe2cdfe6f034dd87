import { dataOrRefusal } from './execute-as-caller';
import { invalidSearch } from './fhir-error';
import { PatientPrescriptions, PrescriptionById } from './graphql-operations';
import type { PageOf, PrescriptionNode } from './graphql-shapes';
import { MEDICATION_REQUEST_STATUS, medicationRequestResource } from './medication-request-resource';
import { requiredPatientId } from './patient-compartment';
import { type FhirCall, PATIENT_PARAMETER, type ResourceHandler, type SearchPage } from './resource-handler';
import type { SearchRequest } from './search-parameters';

const GRAPH_STATUS = new Map(
  Object.entries(MEDICATION_REQUEST_STATUS).map(([graph, fhir]) => [
    fhir as string,
    graph as PrescriptionNode['status'],
  ]),
);

/**
 * The statuses a search asks for, for the graph to filter by: each `status` parameter is a list of
 * alternatives, and repeated parameters must all hold. Null when the search names none.
 */
function statusesOf(search: SearchRequest): PrescriptionNode['status'][] | null {
  const given = search.params.get('status');
  if (!given) return null;
  const lists = given.map((values) =>
    values.map((value) => {
      const status = GRAPH_STATUS.get(value);
      if (!status) throw invalidSearch(`status must be one of ${[...GRAPH_STATUS.keys()].join(', ')}`);
      return status;
    }),
  );
  return lists.reduce((all, list) => all.filter((status) => list.includes(status)));
}

async function searchMedicationRequests(call: FhirCall, search: SearchRequest): Promise<SearchPage> {
  const patientId = requiredPatientId(search, 'MedicationRequest');
  const status = statusesOf(search);
  if (status?.length === 0) return { resources: [], total: 0, nextCursor: null };
  const { patient } = await dataOrRefusal(
    call.execute<{ patient: { prescriptions: PageOf<PrescriptionNode> } }>(call.caller, PatientPrescriptions, {
      patientId,
      status,
      first: search.count,
      after: search.cursor,
    }),
  );
  const { prescriptions } = patient;
  return {
    resources: prescriptions.edges.map(({ node }) => medicationRequestResource(node)),
    total: prescriptions.totalCount,
    nextCursor: prescriptions.pageInfo.hasNextPage ? prescriptions.pageInfo.endCursor : null,
  };
}

export const medicationRequestHandler: ResourceHandler = {
  type: 'MedicationRequest',
  documentation: 'Prescriptions: the medication in RxNorm, dosage text and quantity to dispense',
  searchParameters: [
    PATIENT_PARAMETER,
    { name: 'status', type: 'token', documentation: 'active, on-hold, cancelled or completed' },
  ],
  read: async (call, id) => {
    const { prescription } = await dataOrRefusal(
      call.execute<{ prescription: PrescriptionNode }>(call.caller, PrescriptionById, { id }),
    );
    return medicationRequestResource(prescription);
  },
  search: searchMedicationRequests,
};
