import { z } from 'zod';
import { eventContract } from './event-contract';

/**
 * The events other subgraphs publish to have the patients subgraph tell a patient something. They
 * name the patient by id only: contact details never leave patients. The notification consumer picks
 * the fields it renders, so any other field never reaches a template.
 */
const token = z.string().min(1).max(20);
const patientId = z.uuid();
const serviceName = z.string().max(80);
const startsAt = z.iso.datetime({ offset: true });

const appointmentNotice = z.object({ patientId, startsAt, serviceName });
/** The payload of the queue's appointment reminder, booked, rescheduled and cancelled requests. */
export type AppointmentNotice = z.infer<typeof appointmentNotice>;

export const CHECKED_IN_REQUEST = eventContract('queue.checked-in', z.object({ patientId, token, serviceName }));
export const TURN_NEAR_REQUEST = eventContract(
  'queue.turn-near',
  z.object({ patientId, token, ahead: z.number().int().min(0) }),
);
export const TOKEN_CALLED_REQUEST = eventContract(
  'queue.token-called',
  z.object({ patientId, token, location: z.string().min(1).max(80) }),
);
export const APPOINTMENT_REMINDER_REQUEST = eventContract('queue.appointment-reminder', appointmentNotice);
export const APPOINTMENT_BOOKED_REQUEST = eventContract('queue.appointment-booked', appointmentNotice);
export const APPOINTMENT_RESCHEDULED_REQUEST = eventContract('queue.appointment-rescheduled', appointmentNotice);
export const APPOINTMENT_CANCELLED_REQUEST = eventContract('queue.appointment-cancelled', appointmentNotice);

/** A released final or corrected lab result: ids only, never the value, the code or the flag. */
export const LAB_RESULT_AVAILABLE_REQUEST = eventContract(
  'clinical.lab-result-available',
  z.object({ patientId, labResultId: z.uuid() }),
);

/** A prescription is ready for pickup: ids only, never the medication, its dose or quantity. */
export const MEDICATION_READY_REQUEST = eventContract(
  'clinical.medication-ready',
  z.object({ patientId, prescriptionId: z.uuid(), pickupLocation: z.string().max(80).optional() }),
);

/** A payment succeeded: the amount and a short reference, nothing about what was treated. */
export const PAYMENT_SUCCEEDED_REQUEST = eventContract(
  'billing.payment-succeeded',
  z.object({
    patientId,
    invoiceId: z.uuid(),
    amountCents: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    reference: z.string().min(1).max(40),
  }),
);
