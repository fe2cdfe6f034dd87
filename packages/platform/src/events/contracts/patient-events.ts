import { z } from 'zod';
import { eventContract } from './event-contract';

/** The events the patients subgraph publishes for other subgraphs. Ids only, unless said otherwise. */

/**
 * A patient's personal details were erased on request (decision 0017), keyed by the patient's id:
 * each subgraph erases or pseudonymises what it holds of them.
 */
export const PATIENT_ERASED = eventContract('patient.erased', z.object({ patientId: z.uuid() }));
export type PatientErased = z.infer<typeof PATIENT_ERASED.schema>;

/** An MRN's patient was registered in patients first, under another id than clinical's intake gave the MRN. */
export const HL7_PATIENT_MATCHED = eventContract(
  'patients.hl7-patient-matched',
  z.object({
    /** The id clinical's intake gave the MRN. */
    hl7PatientId: z.uuid(),
    /** The patient's id in patients, which clinical's records of the MRN take. */
    patientId: z.uuid(),
  }),
);
export type Hl7PatientMatched = z.infer<typeof HL7_PATIENT_MATCHED.schema>;

/**
 * One version of an EHR appointment booked, changed or cancelled in the EHR (published by the EHR sync
 * poller), keyed by the EHR appointment so consumers apply its versions in the order the EHR made them.
 */
export const EHR_APPOINTMENT_CHANGED = eventContract(
  'ehr.appointment-changed',
  z.object({
    ehrAppointmentId: z.string().min(1),
    versionId: z.string().min(1),
    /** The ClinicFlow patient. */
    patientId: z.uuid(),
    /** The queue's service, from the EHR's serviceType coding in `urn:clinicflow:service`. */
    serviceId: z.string().min(1),
    /** FHIR Appointment.status: booked, cancelled, noshow, arrived, fulfilled... */
    status: z.string().min(1),
    startsAt: z.string().min(1),
    cancelReason: z.string().nullable(),
  }),
);
export type EhrAppointmentChanged = z.infer<typeof EHR_APPOINTMENT_CHANGED.schema>;
