/** What the FHIR API's GraphQL operations (graphql-operations.ts) return, field for field. */

export interface PatientNode {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
}

export interface LabResultNode {
  id: string;
  loincCode: string;
  display: string;
  valueQuantity: number | null;
  valueText: string | null;
  unit: string | null;
  referenceRange: string | null;
  abnormalFlag: 'NORMAL' | 'LOW' | 'HIGH' | 'CRITICALLY_LOW' | 'CRITICALLY_HIGH' | 'ABNORMAL' | null;
  status: 'PRELIMINARY' | 'FINAL' | 'CORRECTED' | 'CANCELLED';
  issuedAt: string;
  createdAt: string;
  patient: { id: string };
}

export type VitalSign =
  | 'HEART_RATE'
  | 'OXYGEN_SATURATION'
  | 'BODY_TEMPERATURE'
  | 'SYSTOLIC_BLOOD_PRESSURE'
  | 'DIASTOLIC_BLOOD_PRESSURE'
  | 'BODY_WEIGHT';

export interface ReadingNode {
  id: string;
  code: VitalSign;
  loincCode: string;
  unit: string;
  value: number;
  recordedAt: string;
  receivedAt: string;
  patient: { id: string };
}

export interface AppointmentNode {
  id: string;
  startsAt: string;
  slotMinutes: number;
  status: 'BOOKED' | 'CHECKED_IN' | 'CANCELLED' | 'NO_SHOW';
  source: string;
  externalId: string | null;
  cancelReason: string | null;
  createdAt: string;
  service: { name: string };
}

export interface QueueEntryNode {
  id: string;
  token: string;
  status: 'WAITING' | 'CALLED' | 'IN_SERVICE' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'HELD' | 'TRANSFERRED';
  arrivedAt: string;
  completedAt: string | null;
  updatedAt: string;
  service: { name: string };
  patient: { id: string };
  appointment?: AppointmentNode | null;
}

export interface PrescriptionNode {
  id: string;
  rxnormCode: string;
  medicationDisplay: string;
  dosageText: string;
  quantity: number;
  prescriber: string;
  status: 'ACTIVE' | 'ON_HOLD' | 'CANCELLED' | 'COMPLETED';
  prescribedAt: string;
  updatedAt: string;
  patient: { id: string };
}

export interface CoverageNode {
  id: string;
  payer: string;
  memberId: string;
}

export interface PageOf<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}
