/**
 * The FHIR R4 types of @medplum/fhirtypes, for the compiler only: the package is an ES module,
 * which a CommonJS build may import types from only with `resolution-mode`.
 */
export type {
  AllergyIntolerance,
  Appointment,
  Bundle,
  BundleLink,
  OperationOutcome,
  Patient,
  Resource,
  SearchParameter,
} from '@medplum/fhirtypes' with { 'resolution-mode': 'import' };
