import type { Resource, ResourceType } from './fhir-types';
import type { GatewayCaller } from '../auth/claims';
import type { ExecuteAsCaller } from './execute-as-caller';
import type { SearchParameterDefinition, SearchRequest } from './search-parameters';

/** Who is asking and how to ask the graph on their behalf. */
export interface FhirCall {
  caller: GatewayCaller;
  execute: ExecuteAsCaller;
}

export interface SearchPage {
  resources: Resource[];
  /** How many match across all pages; left out when the page was filtered after the graph answered. */
  total?: number;
  /** Where the next page starts, or null on the last page. */
  nextCursor: string | null;
}

/** What the FHIR API serves of one resource type. */
export interface ResourceHandler {
  type: ResourceType;
  /** How the type is made from ClinicFlow's records (shown in the CapabilityStatement). */
  documentation: string;
  searchParameters: readonly SearchParameterDefinition[];
  /** Absent when the graph offers no lookup of one record of this type by id. */
  read?(call: FhirCall, id: string): Promise<Resource>;
  search(call: FhirCall, search: SearchRequest): Promise<SearchPage>;
}

/** The `patient` parameter every patient-compartment search but Patient's own needs. */
export const PATIENT_PARAMETER: SearchParameterDefinition = {
  name: 'patient',
  type: 'reference',
  documentation: 'The patient (required): Patient/<id> or <id>',
};
