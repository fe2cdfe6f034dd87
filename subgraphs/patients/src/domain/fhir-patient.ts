import type { ContactPoint, Patient as FhirPatient } from '../adapters/fhir/fhir-types';
import type { Patient } from './patient.entity';
import { type SyncedValues, SyncField } from './sync-fields';

const LANGUAGE_SYSTEM = 'urn:ietf:bcp:47';
const GENDERS = new Set(['female', 'male', 'other', 'unknown']);

const officialName = (resource: FhirPatient) =>
  resource.name?.find((name) => name.use === 'official') ?? resource.name?.[0];

const contact = (resource: FhirPatient, system: 'phone' | 'email') => {
  const points = (resource.telecom ?? []).filter((point) => point.system === system && point.value);
  return (points.find((point) => point.use === 'mobile') ?? points[0])?.value ?? null;
};

/** The details ClinicFlow keeps in step, as the EHR's Patient resource holds them. */
export function syncedValuesOfFhir(resource: FhirPatient): SyncedValues {
  const name = officialName(resource);
  const preferred = resource.communication?.find((entry) => entry.preferred) ?? resource.communication?.[0];
  return {
    [SyncField.GIVEN_NAME]: name?.given?.[0] ?? null,
    [SyncField.FAMILY_NAME]: name?.family ?? null,
    [SyncField.BIRTH_DATE]: resource.birthDate ?? null,
    [SyncField.GENDER]: resource.gender && GENDERS.has(resource.gender) ? resource.gender : 'unknown',
    [SyncField.PHONE]: contact(resource, 'phone'),
    [SyncField.EMAIL]: contact(resource, 'email'),
    [SyncField.PREFERRED_LANGUAGE]: preferred?.language.coding?.[0]?.code ?? 'en',
  };
}

function withContact(telecom: ContactPoint[], system: 'phone' | 'email', value: string | null): ContactPoint[] {
  const others = telecom.filter((point) => point.system !== system);
  return value === null ? others : [...others, { system, value, ...(system === 'phone' ? { use: 'mobile' } : {}) }];
}

/** The EHR's resource with `values` written into it; everything else it holds stays as it was. */
export function withSyncedValues(resource: FhirPatient, values: Partial<SyncedValues>): FhirPatient {
  const next: FhirPatient = structuredClone(resource);
  const has = (field: SyncField) => field in values;
  if (has(SyncField.GIVEN_NAME) || has(SyncField.FAMILY_NAME)) {
    const names = next.name ?? [];
    const index = Math.max(
      names.findIndex((name) => name.use === 'official'),
      0,
    );
    const name = { ...(names[index] ?? { use: 'official' as const }) };
    if (has(SyncField.GIVEN_NAME)) name.given = [values.givenName!, ...(name.given ?? []).slice(1)];
    if (has(SyncField.FAMILY_NAME)) name.family = values.familyName!;
    names[index] = name;
    next.name = names;
  }
  if (has(SyncField.BIRTH_DATE)) next.birthDate = values.birthDate!;
  if (has(SyncField.GENDER)) next.gender = values.gender as FhirPatient['gender'];
  if (has(SyncField.PHONE)) next.telecom = withContact(next.telecom ?? [], 'phone', values.phone ?? null);
  if (has(SyncField.EMAIL)) next.telecom = withContact(next.telecom ?? [], 'email', values.email ?? null);
  if (has(SyncField.PREFERRED_LANGUAGE)) {
    next.communication = [
      { language: { coding: [{ system: LANGUAGE_SYSTEM, code: values.preferredLanguage! }] }, preferred: true },
    ];
  }
  return next;
}

/** A new EHR record for a patient registered in ClinicFlow, carrying our MRN as its identifier. */
export function newFhirPatient(patient: Patient, mrnSystem: string, values: SyncedValues): FhirPatient {
  return withSyncedValues(
    { resourceType: 'Patient', identifier: [{ system: mrnSystem, value: patient.mrn }], name: [{ use: 'official' }] },
    values,
  );
}

/** The MRN the EHR's record carries in our identifier system, if any. */
export const mrnOf = (resource: FhirPatient, mrnSystem: string) =>
  resource.identifier?.find((identifier) => identifier.system === mrnSystem)?.value ?? null;
