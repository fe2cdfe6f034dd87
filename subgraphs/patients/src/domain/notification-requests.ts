import { z } from 'zod';
import { NotificationKind } from './notification.entity';

/**
 * The events other subgraphs publish to have a patient told something, and what each carries. They
 * name the patient by id only: contact details never leave this subgraph. Any other field an event
 * carries (a result value, a diagnosis) is dropped by these schemas and never reaches a template.
 */
const token = z.string().min(1).max(20);
const patientId = z.uuid();

export const NOTIFICATION_REQUESTS = {
  'queue.checked-in': {
    kind: NotificationKind.CHECK_IN_CONFIRMATION,
    details: z.object({ patientId, token, serviceName: z.string().max(80) }),
  },
  'queue.turn-near': {
    kind: NotificationKind.TURN_NEAR,
    details: z.object({ patientId, token, ahead: z.number().int().min(0) }),
  },
  'queue.token-called': {
    kind: NotificationKind.TOKEN_CALLED,
    details: z.object({ patientId, token, location: z.string().min(1).max(80) }),
  },
  'queue.appointment-reminder': {
    kind: NotificationKind.APPOINTMENT_REMINDER,
    details: z.object({ patientId, startsAt: z.iso.datetime({ offset: true }), serviceName: z.string().max(80) }),
  },
  'queue.appointment-booked': {
    kind: NotificationKind.APPOINTMENT_BOOKED,
    details: z.object({ patientId, startsAt: z.iso.datetime({ offset: true }), serviceName: z.string().max(80) }),
  },
  'queue.appointment-rescheduled': {
    kind: NotificationKind.APPOINTMENT_RESCHEDULED,
    details: z.object({ patientId, startsAt: z.iso.datetime({ offset: true }), serviceName: z.string().max(80) }),
  },
  'queue.appointment-cancelled': {
    kind: NotificationKind.APPOINTMENT_CANCELLED,
    details: z.object({ patientId, startsAt: z.iso.datetime({ offset: true }), serviceName: z.string().max(80) }),
  },
  'clinical.lab-result-available': {
    kind: NotificationKind.LAB_RESULT_READY,
    details: z.object({ patientId }),
  },
  'clinical.medication-ready': {
    kind: NotificationKind.MEDICATION_READY,
    details: z.object({ patientId, pickupLocation: z.string().max(80).optional() }),
  },
  'billing.payment-succeeded': {
    kind: NotificationKind.PAYMENT_RECEIPT,
    details: z.object({
      patientId,
      amountCents: z.number().int().positive(),
      currency: z.string().regex(/^[A-Z]{3}$/),
      reference: z.string().min(1).max(40),
    }),
  },
} as const;

export type NotificationEvent = keyof typeof NOTIFICATION_REQUESTS;
export const NOTIFICATION_EVENTS = Object.keys(NOTIFICATION_REQUESTS) as NotificationEvent[];

export type NotificationDetails<K extends NotificationKind> = z.infer<
  Extract<(typeof NOTIFICATION_REQUESTS)[NotificationEvent], { kind: K }>['details']
>;

export interface NotificationRequest {
  patientId: string;
  kind: NotificationKind;
  details: Record<string, unknown>;
}

/** Reads an event's payload into a request, or throws naming the fields that are wrong (never their values). */
export function readNotificationRequest(event: string, data: unknown): NotificationRequest {
  const contract = NOTIFICATION_REQUESTS[event as NotificationEvent];
  if (!contract) throw new Error(`${event} is not an event that asks for a notification`);
  const parsed = contract.details.safeParse(data);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)'))];
    throw new Error(`${event} carries an invalid ${fields.join(', ')}`);
  }
  const { patientId: id, ...details } = parsed.data;
  return { patientId: id, kind: contract.kind, details };
}
