/**
 * The code systems and identifier systems our resources use. ClinicFlow's own identifiers get URIs
 * under one namespace; coded values use the systems the standard names (LOINC, UCUM, HL7 terminology).
 */
export const FhirSystem = {
  /** ClinicFlow's medical record numbers (`Patient.mrn`), unique within the clinic's EHR. */
  mrn: 'urn:clinicflow:fhir:sid:mrn',
  /** A visit's queue token, unique within its service and day. */
  queueToken: 'urn:clinicflow:fhir:sid:queue-token',
  /** The id of an appointment in the system that booked it (`Appointment.source`). */
  appointmentSource: (source: string) => `urn:clinicflow:fhir:sid:appointment:${source}`,
  /** A ClinicFlow user (the subject of their token), such as a prescriber. */
  user: 'urn:clinicflow:fhir:sid:user',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  language: 'urn:ietf:bcp:47',
} as const;

/** The profiles our resources claim, each checked by the validation e2e test. */
export const FhirProfile = {
  usCorePatient: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
  vitalSigns: 'http://hl7.org/fhir/StructureDefinition/vitalsigns',
} as const;
