/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How a result compares with its reference range (HL7 interpretation code) */
export type AbnormalFlag =
  /** Abnormal, for results that are not numeric (A) */
  | 'ABNORMAL'
  /** Critically high: needs immediate attention (HH) */
  | 'CRITICALLY_HIGH'
  /** Critically low: needs immediate attention (LL) */
  | 'CRITICALLY_LOW'
  /** Above the reference range (H) */
  | 'HIGH'
  /** Below the reference range (L) */
  | 'LOW'
  /** Within the reference range (N) */
  | 'NORMAL';

/** Administrative gender, as HL7 FHIR defines it */
export type AdministrativeGender =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER'
  | 'UNKNOWN';

/** Where a patient checked in */
export type CheckInChannel =
  /** At the facility's self-service kiosk */
  | 'KIOSK'
  /** In the patient's own app */
  | 'PATIENT_APP'
  /** At the reception desk, by staff */
  | 'RECEPTION';

/** A patient checking in to a service at a facility: by appointment, or by service and patient */
export type CheckInInput = {
  /** The booked appointment being checked in for. Without it, the patient's booking of the service for today, if any, is used */
  appointmentId?: string | number | null | undefined;
  /** Where the check-in happens */
  channel?: CheckInChannel;
  /** Where the patient is */
  facilityId: string | number;
  /** Who is checking in; required without an appointmentId, taken from the appointment with one */
  patientId?: string | number | null | undefined;
  /** Higher is served first; 0 is normal (0-10) */
  priority?: number;
  /** What the patient queues for; required without an appointmentId, taken from the appointment with one */
  serviceId?: string | number | null | undefined;
};

/** What reception records to register a new patient */
export type PatientRegistration = {
  /** Date of birth (YYYY-MM-DD) */
  birthDate: string;
  /** Email address */
  email?: string | null | undefined;
  /** Family (last) name */
  familyName: string;
  /** Administrative gender */
  gender?: AdministrativeGender;
  /** Given (first) name */
  givenName: string;
  /** Medical record number, unique within the clinic's EHR */
  mrn: string;
  /** National identifier (such as a US SSN), 4-20 letters, digits, spaces or hyphens */
  nationalId?: string | null | undefined;
  /** Mobile phone number in E.164 form (+15551234567) */
  phone?: string | null | undefined;
  /** Preferred language for messages (BCP 47 tag) */
  preferredLanguage?: string;
};

/** Whether a visit still has something to pay */
export type PaymentStatus =
  /** At least one invoice for the visit is open */
  | 'DUE'
  /** No invoice to pay for the visit (none raised, or all voided) */
  | 'NOT_REQUIRED'
  /** Every invoice for the visit is paid or void, and at least one is paid */
  | 'PAID';

/** Where a queue entry is in the patient's visit */
export type QueueStatus =
  /** Called to a room or counter */
  | 'CALLED'
  /** Left or cancelled */
  | 'CANCELLED'
  /** Served */
  | 'COMPLETED'
  /** Kept in place while something is sorted out, such as a payment */
  | 'HELD'
  /** Being served */
  | 'IN_SERVICE'
  /** Did not answer the call in time */
  | 'NO_SHOW'
  /** Moved to another service's queue */
  | 'TRANSFERRED'
  /** Checked in and waiting to be called */
  | 'WAITING';

/** Where patients are served */
export type ServicePointKind =
  /** A desk or window, such as a blood-test counter */
  | 'COUNTER'
  /** A consulting or treatment room */
  | 'ROOM';

export type FacilitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type FacilitiesQuery = { facilities: Array<{ id: string, code: string, name: string, services: Array<{ id: string, tokenPrefix: string, name: string }>, servicePoints: Array<{ id: string, name: string, kind: ServicePointKind }> }> };

export type PatientDirectoryQueryVariables = Exact<{
  first: number;
  search?: string | null | undefined;
}>;


export type PatientDirectoryQuery = { patients: { totalCount: number, edges: Array<{ node: { id: string, mrn: string, displayName: string, balance: { amountCents: number, currency: string } | null } }> } };

export type PatientQueueEntriesQueryVariables = Exact<{
  id: string | number;
}>;


export type PatientQueueEntriesQuery = { patient: { id: string, displayName: string, queueEntries: Array<{ token: string, status: QueueStatus }> | null } };

export type RegisterPatientMutationVariables = Exact<{
  input: PatientRegistration;
}>;


export type RegisterPatientMutation = { registerPatient: { id: string, displayName: string } };

export type CheckInMutationVariables = Exact<{
  input: CheckInInput;
}>;


export type CheckInMutation = { checkIn: { id: string, token: string, status: QueueStatus } };

export type QueueBoardQueryVariables = Exact<{
  facilityId: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type QueueBoardQuery = { queueEntries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, token: string, status: QueueStatus, priority: number, paymentStatus: PaymentStatus | null, patient: { id: string, displayName: string, latestLabResult: { loincCode: string, valueQuantity: number | null, unit: string | null, abnormalFlag: AbnormalFlag | null } | null, latestVitals: { heartRate: number | null, oxygenSaturation: number | null, recordedAt: string | null } | null } } }> } };


export const FacilitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Facilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tokenPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"servicePoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<FacilitiesQuery, FacilitiesQueryVariables>;
export const PatientDirectoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientDirectory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PatientDirectoryQuery, PatientDirectoryQueryVariables>;
export const PatientQueueEntriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientQueueEntries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"queueEntries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<PatientQueueEntriesQuery, PatientQueueEntriesQueryVariables>;
export const RegisterPatientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterPatient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientRegistration"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerPatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<RegisterPatientMutation, RegisterPatientMutationVariables>;
export const CheckInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CheckInMutation, CheckInMutationVariables>;
export const QueueBoardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueBoard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"facilityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"facilityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facilityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"WAITING"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"latestLabResult"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loincCode"}},{"kind":"Field","name":{"kind":"Name","value":"valueQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"abnormalFlag"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestVitals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heartRate"}},{"kind":"Field","name":{"kind":"Name","value":"oxygenSaturation"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<QueueBoardQuery, QueueBoardQueryVariables>;