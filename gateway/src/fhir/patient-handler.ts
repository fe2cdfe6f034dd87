import type { Patient } from './fhir-types';
import { dataOrRefusal } from './execute-as-caller';
import { FhirError } from './fhir-error';
import { FhirSystem } from './fhir-systems';
import { PatientById, PatientSearch } from './graphql-operations';
import type { PageOf, PatientNode } from './graphql-shapes';
import { patientResource } from './patient-resource';
import type { FhirCall, ResourceHandler, SearchPage } from './resource-handler';
import { dateTest, matchesAll, parseToken, type SearchRequest, singleValue } from './search-parameters';

async function readPatient(call: FhirCall, id: string): Promise<Patient> {
  const { patient } = await dataOrRefusal(call.execute<{ patient: PatientNode }>(call.caller, PatientById, { id }));
  return patientResource(patient);
}

const identifierMatches = (patient: Patient) => (value: string) => {
  const token = parseToken(value);
  return (
    (token.system === undefined || token.system === FhirSystem.mrn) &&
    (patient.identifier ?? []).some((identifier) => identifier.value === token.code)
  );
};

const nameMatches = (patient: Patient) => (value: string) => {
  const prefix = value.toLowerCase();
  return (patient.name ?? []).some((name) =>
    [name.family, ...(name.given ?? [])].some((part) => part?.toLowerCase().startsWith(prefix)),
  );
};

/** Filters the graph cannot apply itself (it searches one name or MRN prefix), applied to each page. */
function filtered(search: SearchRequest, patients: Patient[]): Patient[] {
  return patients.filter(
    (patient) =>
      matchesAll(search.params.get('_id'), (id) => id === patient.id) &&
      matchesAll(search.params.get('identifier'), identifierMatches(patient)) &&
      matchesAll(search.params.get('name'), nameMatches(patient)) &&
      matchesAll(search.params.get('birthdate'), (value) => dateTest(value)(`${patient.birthDate}T00:00:00Z`)),
  );
}

async function searchPatients(call: FhirCall, search: SearchRequest): Promise<SearchPage> {
  const id = singleValue(search, '_id');
  if (id !== undefined) {
    // One patient by id: the read, which a patient may also run for themself.
    const patient = await readPatient(call, id).catch((error: unknown) => {
      if (error instanceof FhirError && error.status === 404) return null;
      throw error;
    });
    const resources = patient ? filtered(search, [patient]) : [];
    return { resources, total: resources.length, nextCursor: null };
  }
  // The graph's search matches the start of a name or of the MRN: the first name or identifier narrows it.
  const identifier = search.params.get('identifier')?.[0]?.[0];
  const name = search.params.get('name')?.[0]?.[0];
  const narrowing = identifier !== undefined ? parseToken(identifier).code : name;
  const { patients } = await dataOrRefusal(
    call.execute<{ patients: PageOf<PatientNode> }>(call.caller, PatientSearch, {
      search: narrowing ?? null,
      first: search.count,
      after: search.cursor,
    }),
  );
  const page = patients.edges.map(({ node }) => patientResource(node));
  const resources = filtered(search, page);
  return {
    resources,
    ...(search.params.size === 0 ? { total: patients.totalCount } : {}),
    nextCursor: patients.pageInfo.hasNextPage ? patients.pageInfo.endCursor : null,
  };
}

export const patientHandler: ResourceHandler = {
  type: 'Patient',
  documentation: 'ClinicFlow patients (US Core Patient); the MRN is the identifier of system ' + FhirSystem.mrn,
  searchParameters: [
    { name: '_id', type: 'token', documentation: 'One patient by id' },
    { name: 'identifier', type: 'token', documentation: `The MRN, as ${FhirSystem.mrn}|<mrn> or <mrn>` },
    { name: 'name', type: 'string', documentation: 'Start of the given or family name' },
    { name: 'birthdate', type: 'date', documentation: 'Date of birth, with eq, ne, gt, ge, lt, le prefixes' },
  ],
  read: readPatient,
  search: searchPatients,
};
