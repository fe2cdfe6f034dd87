/**
 * The FHIR R4 types of @medplum/fhirtypes, for the compiler only (no runtime code). The package is an
 * ES module; the gateway compiles to CommonJS, so its types are imported in `import` resolution mode.
 */
export type {
  Appointment,
  Bundle,
  CapabilityStatement,
  CapabilityStatementRestResource,
  CodeableConcept,
  ContactPoint,
  Coverage,
  DiagnosticReport,
  Encounter,
  MedicationRequest,
  Observation,
  ObservationReferenceRange,
  OperationOutcome,
  OperationOutcomeIssue,
  Patient,
  Quantity,
  Resource,
  ResourceType,
} from '@medplum/fhirtypes' with { 'resolution-mode': 'import' };
