import type { Observation } from './fhir-types';
import { dataOrRefusal } from './execute-as-caller';
import { resourceNotFound } from './fhir-error';
import { FhirSystem } from './fhir-systems';
import { LabResultById, PatientLabResults, PatientReadings, ReadingById } from './graphql-operations';
import type { LabResultNode, PageOf, ReadingNode, VitalSign } from './graphql-shapes';
import {
  LAB_PREFIX,
  labObservation,
  type ObservationCategory,
  observationCodes,
  VITAL_CODING,
  VITAL_PREFIX,
  vitalObservation,
} from './observation-resources';
import { decodeCursor, encodeCursor, requiredPatientId } from './patient-compartment';
import { type FhirCall, PATIENT_PARAMETER, type ResourceHandler, type SearchPage } from './resource-handler';
import { matchesAll, parseToken, type SearchRequest } from './search-parameters';

const SOURCES: readonly ObservationCategory[] = ['laboratory', 'vital-signs'];

async function readObservation(call: FhirCall, id: string): Promise<Observation> {
  if (id.startsWith(LAB_PREFIX)) {
    const { labResult } = await dataOrRefusal(
      call.execute<{ labResult: LabResultNode }>(call.caller, LabResultById, { id: id.slice(LAB_PREFIX.length) }),
    );
    return labObservation(labResult);
  }
  if (id.startsWith(VITAL_PREFIX)) {
    const { reading } = await dataOrRefusal(
      call.execute<{ reading: ReadingNode }>(call.caller, ReadingById, { id: id.slice(VITAL_PREFIX.length) }),
    );
    return vitalObservation(reading);
  }
  throw resourceNotFound(`No Observation ${id}`);
}

/** The categories asked for (both when the parameter is absent); a category we do not hold matches nothing. */
function requestedSources(search: SearchRequest): ObservationCategory[] {
  return SOURCES.filter((source) =>
    matchesAll(search.params.get('category'), (value) => {
      const token = parseToken(value);
      return token.code === source && (token.system === undefined || token.system === FhirSystem.observationCategory);
    }),
  );
}

const codeMatches = (observation: Observation) => (value: string) => {
  const token = parseToken(value);
  return (
    (token.system === undefined || token.system === FhirSystem.loinc) &&
    observationCodes(observation).includes(token.code)
  );
};

/** The one vital sign a single `code` asks for, so the graph filters the readings itself. */
function vitalSignAskedFor(search: SearchRequest): VitalSign | null {
  const codes = search.params.get('code');
  if (!codes || codes.length !== 1 || codes[0]!.length !== 1) return null;
  const { code } = parseToken(codes[0]![0]!);
  const signs = (Object.keys(VITAL_CODING) as VitalSign[]).filter(
    (sign) => VITAL_CODING[sign].loinc === code || VITAL_CODING[sign].extraCodes?.some((extra) => extra.code === code),
  );
  return signs.length === 1 ? signs[0]! : null;
}

async function pageOf(
  call: FhirCall,
  source: ObservationCategory,
  patientId: string,
  search: SearchRequest,
  after: string | null,
): Promise<{ observations: Observation[]; connection: PageOf<unknown> }> {
  const variables = { patientId, first: search.count, after };
  if (source === 'laboratory') {
    const { patient } = await dataOrRefusal(
      call.execute<{ patient: { labResults: PageOf<LabResultNode> } }>(call.caller, PatientLabResults, variables),
    );
    return {
      observations: patient.labResults.edges.map(({ node }) => labObservation(node)),
      connection: patient.labResults,
    };
  }
  const { patient } = await dataOrRefusal(
    call.execute<{ patient: { readings: PageOf<ReadingNode> } }>(call.caller, PatientReadings, {
      ...variables,
      code: vitalSignAskedFor(search),
    }),
  );
  return {
    observations: patient.readings.edges.map(({ node }) => vitalObservation(node)),
    connection: patient.readings,
  };
}

/**
 * A patient's lab results, then their readings, each newest first; a page holds results of one of
 * the two, and the `next` link moves on to the readings when the results run out.
 */
async function searchObservations(call: FhirCall, search: SearchRequest): Promise<SearchPage> {
  const patientId = requiredPatientId(search, 'Observation');
  const sources = requestedSources(search);
  const position = decodeCursor(search.cursor, sources) ?? (sources[0] ? { source: sources[0], after: null } : null);
  if (!position) return { resources: [], total: 0, nextCursor: null };
  const { observations, connection } = await pageOf(call, position.source, patientId, search, position.after);
  const following = sources[sources.indexOf(position.source) + 1];
  const nextCursor = connection.pageInfo.hasNextPage
    ? encodeCursor({ source: position.source, after: connection.pageInfo.endCursor })
    : following
      ? encodeCursor({ source: following, after: null })
      : null;
  const resources = observations.filter((observation) =>
    matchesAll(search.params.get('code'), codeMatches(observation)),
  );
  // A total is known when one connection is walked and the graph applied every filter itself.
  const filteredByGraph =
    !search.params.has('code') || (position.source === 'vital-signs' && vitalSignAskedFor(search) !== null);
  const exact = sources.length === 1 && filteredByGraph;
  return { resources, ...(exact ? { total: connection.totalCount } : {}), nextCursor };
}

export const observationHandler: ResourceHandler = {
  type: 'Observation',
  documentation:
    'Lab results (category laboratory, id lab-<id>, LOINC and UCUM) and device readings (category vital-signs, ' +
    'id vital-<id>, with the R4 vital-signs profiles)',
  searchParameters: [
    PATIENT_PARAMETER,
    { name: 'category', type: 'token', documentation: 'laboratory or vital-signs' },
    { name: 'code', type: 'token', documentation: 'LOINC code, as http://loinc.org|<code> or <code>' },
  ],
  read: readObservation,
  search: searchObservations,
};
