import { z } from 'zod';
import { eventContract } from './event-contract';

/** The events clinical publishes for other subgraphs (its HL7 intake, lab work), keyed by patient. */

/** ADT: register, update or discharge the patient with this id and MRN (patients consumes it). */
export const HL7_ADT = eventContract(
  'clinical.hl7-adt',
  z.object({
    /** A01 admit, A04 register, A08 update, A03 discharge. */
    trigger: z.enum(['A01', 'A03', 'A04', 'A08']),
    /** The id the intake gave the MRN; a patient registered in patients before under that MRN keeps theirs. */
    patientId: z.uuid(),
    mrn: z.string().min(1),
    givenName: z.string(),
    familyName: z.string(),
    /** YYYY-MM-DD */
    birthDate: z.string(),
    gender: z.enum(['female', 'male', 'other', 'unknown']),
  }),
);
export type Hl7Adt = z.infer<typeof HL7_ADT.schema>;

/** SIU: an appointment booked (S12), moved (S14) or cancelled (S15) in the sender's schedule (queue consumes it). */
export const HL7_APPOINTMENT = eventContract(
  'clinical.hl7-appointment',
  z.object({
    /** `hl7:<sender>:<SCH-2, else SCH-1>`: the appointment's id in the sender's schedule. */
    appointmentId: z.string().min(1),
    /** The message's control id: one version of the appointment. */
    versionId: z.string().min(1),
    patientId: z.uuid(),
    /** The queue service, by its facility's code and its token prefix. */
    facilityCode: z.string().min(1),
    serviceTokenPrefix: z.string().min(1),
    status: z.enum(['booked', 'cancelled']),
    startsAt: z.string().min(1),
    cancelReason: z.string().nullable(),
  }),
);
export type Hl7Appointment = z.infer<typeof HL7_APPOINTMENT.schema>;

/** A critical lab result: the queue raises the patient's priority at once. Ids only. */
export const CRITICAL_RESULT = eventContract(
  'clinical.critical-result',
  z.object({ patientId: z.uuid(), labResultId: z.uuid(), alertId: z.uuid() }),
);
export type CriticalResult = z.infer<typeof CRITICAL_RESULT.schema>;

const patientOnly = z.object({ patientId: z.uuid() });

/** A lab order of the patient is waiting for its results (queue: hold results-first visits). */
export const LAB_RESULTS_PENDING = eventContract('clinical.lab-results-pending', patientOnly);
/** None of the patient's lab orders is waiting any more: resulted or cancelled (queue: release them). */
export const LAB_RESULTS_CLEARED = eventContract('clinical.lab-results-cleared', patientOnly);
/** The payload of both `LAB_RESULTS_PENDING` and `LAB_RESULTS_CLEARED`. */
export type LabResultsPending = z.infer<typeof patientOnly>;

/**
 * A specimen was collected during a visit: the queue moves the waits behind it. Ids, the time and the
 * room minutes only, never the kind of specimen (the queue needs no clinical detail).
 */
export const SPECIMEN_COLLECTED = eventContract(
  'clinical.specimen-collected',
  z.object({
    collectionId: z.uuid(),
    patientId: z.uuid(),
    queueEntryId: z.uuid().nullable(),
    /** ISO 8601 */
    collectedAt: z.iso.datetime({ offset: true }),
    /** How long the collection keeps the room, from clinical's settings for the specimen kind. */
    minutes: z.number().int().positive(),
  }),
);
export type SpecimenCollected = z.infer<typeof SPECIMEN_COLLECTED.schema>;
