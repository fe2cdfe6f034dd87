import { registerEnumType } from 'type-graphql';
import type { Patient } from './patient.entity';

/** The patient's details kept in step with the EHR; each value is the name of the Patient field. */
export enum SyncField {
  GIVEN_NAME = 'givenName',
  FAMILY_NAME = 'familyName',
  BIRTH_DATE = 'birthDate',
  GENDER = 'gender',
  PHONE = 'phone',
  EMAIL = 'email',
  PREFERRED_LANGUAGE = 'preferredLanguage',
}
registerEnumType(SyncField, {
  name: 'SyncField',
  description: "A patient detail kept in step with the EHR's record",
  valuesConfig: {
    GIVEN_NAME: { description: 'Given (first) name' },
    FAMILY_NAME: { description: 'Family (last) name' },
    BIRTH_DATE: { description: 'Date of birth' },
    GENDER: { description: 'Administrative gender' },
    PHONE: { description: 'Mobile phone number' },
    EMAIL: { description: 'Email address' },
    PREFERRED_LANGUAGE: { description: 'Preferred language' },
  },
});

export const SYNC_FIELDS: readonly SyncField[] = Object.values(SyncField);

/** Fields ClinicFlow cannot leave empty: an EHR record without one keeps ours. */
export const REQUIRED_FIELDS: ReadonlySet<SyncField> = new Set([
  SyncField.GIVEN_NAME,
  SyncField.FAMILY_NAME,
  SyncField.BIRTH_DATE,
]);

/** The synced details of one side, as text (null when absent). */
export type SyncedValues = Record<SyncField, string | null>;

export function syncedValuesOf(patient: Patient): SyncedValues {
  return Object.fromEntries(
    SYNC_FIELDS.map((field) => [field, (patient[field] as string | null | undefined) ?? null]),
  ) as SyncedValues;
}

/** The fields whose values differ between two sides. */
export function differingFields(a: SyncedValues, b: SyncedValues, fields: readonly SyncField[] = SYNC_FIELDS) {
  return fields.filter((field) => a[field] !== b[field]);
}
