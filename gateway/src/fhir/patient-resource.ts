import type { ContactPoint, Patient } from './fhir-types';
import { FhirProfile, FhirSystem } from './fhir-systems';
import type { PatientNode } from './graphql-shapes';

const GENDER: Record<PatientNode['gender'], NonNullable<Patient['gender']>> = {
  FEMALE: 'female',
  MALE: 'male',
  OTHER: 'other',
  UNKNOWN: 'unknown',
};

/** A ClinicFlow patient as a FHIR R4 Patient conforming to US Core Patient (v5). */
export function patientResource(patient: PatientNode): Patient {
  const telecom: ContactPoint[] = [
    ...(patient.phone ? [{ system: 'phone' as const, value: patient.phone, use: 'mobile' as const }] : []),
    ...(patient.email ? [{ system: 'email' as const, value: patient.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { profile: [FhirProfile.usCorePatient] },
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: FhirSystem.identifierType, code: 'MR', display: 'Medical record number' }] },
        system: FhirSystem.mrn,
        value: patient.mrn,
      },
    ],
    name: [{ use: 'official', family: patient.familyName, given: [patient.givenName] }],
    gender: GENDER[patient.gender],
    birthDate: patient.birthDate,
    ...(telecom.length ? { telecom } : {}),
    communication: [
      { language: { coding: [{ system: FhirSystem.language, code: patient.preferredLanguage }] }, preferred: true },
    ],
  };
}

export const patientReference = (patientId: string) => ({ reference: `Patient/${patientId}` });
