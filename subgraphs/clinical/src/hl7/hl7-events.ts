/**
 * The durable events the HL7 intake publishes (pg-boss, in the message's transaction). Consumers in
 * other subgraphs declare the same shapes: subgraphs do not import one another.
 */

/** ADT: register, update or discharge the patient with this id and MRN (patients consumes it). */
export const HL7_ADT_EVENT = 'clinical.hl7-adt';
export interface Hl7AdtEvent {
  /** A01 admit, A04 register, A08 update, A03 discharge. */
  trigger: 'A01' | 'A03' | 'A04' | 'A08';
  patientId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'female' | 'male' | 'other' | 'unknown';
}

/** A critical result: the queue raises the patient's priority at once. */
export const CRITICAL_RESULT_EVENT = 'clinical.critical-result';
export interface CriticalResultEvent {
  patientId: string;
  labResultId: string;
  alertId: string;
}

/** SIU: an appointment booked (S12), moved (S14) or cancelled (S15) in the sender's schedule (queue consumes it). */
export const HL7_APPOINTMENT_EVENT = 'clinical.hl7-appointment';
export interface Hl7AppointmentEvent {
  /** `hl7:<sender>:<SCH-2, else SCH-1>`: the appointment's id in the sender's schedule. */
  appointmentId: string;
  /** The message's control id: one version of the appointment. */
  versionId: string;
  patientId: string;
  /** The queue service, by its facility's code and its token prefix. */
  facilityCode: string;
  serviceTokenPrefix: string;
  status: 'booked' | 'cancelled';
  startsAt: string;
  cancelReason: string | null;
}
