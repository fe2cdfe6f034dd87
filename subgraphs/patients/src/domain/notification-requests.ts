import {
  APPOINTMENT_BOOKED_REQUEST,
  APPOINTMENT_CANCELLED_REQUEST,
  APPOINTMENT_REMINDER_REQUEST,
  APPOINTMENT_RESCHEDULED_REQUEST,
  CHECKED_IN_REQUEST,
  LAB_RESULT_AVAILABLE_REQUEST,
  MEDICATION_READY_REQUEST,
  PAYMENT_SUCCEEDED_REQUEST,
  TOKEN_CALLED_REQUEST,
  TURN_NEAR_REQUEST,
} from '@clinicflow/platform';
import type { z } from 'zod';
import { NotificationKind } from './notification.entity';

/**
 * The events other subgraphs publish to have a patient told something (their contracts are in the
 * platform), and what each notification keeps of them. They name the patient by id only: contact
 * details never leave this subgraph. Any other field an event carries (a result's id, an invoice's) is
 * dropped by these schemas and never reaches a template.
 */
export const NOTIFICATION_REQUESTS = {
  [CHECKED_IN_REQUEST.name]: { kind: NotificationKind.CHECK_IN_CONFIRMATION, details: CHECKED_IN_REQUEST.schema },
  [TURN_NEAR_REQUEST.name]: { kind: NotificationKind.TURN_NEAR, details: TURN_NEAR_REQUEST.schema },
  [TOKEN_CALLED_REQUEST.name]: { kind: NotificationKind.TOKEN_CALLED, details: TOKEN_CALLED_REQUEST.schema },
  [APPOINTMENT_REMINDER_REQUEST.name]: {
    kind: NotificationKind.APPOINTMENT_REMINDER,
    details: APPOINTMENT_REMINDER_REQUEST.schema,
  },
  [APPOINTMENT_BOOKED_REQUEST.name]: {
    kind: NotificationKind.APPOINTMENT_BOOKED,
    details: APPOINTMENT_BOOKED_REQUEST.schema,
  },
  [APPOINTMENT_RESCHEDULED_REQUEST.name]: {
    kind: NotificationKind.APPOINTMENT_RESCHEDULED,
    details: APPOINTMENT_RESCHEDULED_REQUEST.schema,
  },
  [APPOINTMENT_CANCELLED_REQUEST.name]: {
    kind: NotificationKind.APPOINTMENT_CANCELLED,
    details: APPOINTMENT_CANCELLED_REQUEST.schema,
  },
  [LAB_RESULT_AVAILABLE_REQUEST.name]: {
    kind: NotificationKind.LAB_RESULT_READY,
    details: LAB_RESULT_AVAILABLE_REQUEST.schema.pick({ patientId: true }),
  },
  [MEDICATION_READY_REQUEST.name]: {
    kind: NotificationKind.MEDICATION_READY,
    details: MEDICATION_READY_REQUEST.schema.pick({ patientId: true, pickupLocation: true }),
  },
  [PAYMENT_SUCCEEDED_REQUEST.name]: {
    kind: NotificationKind.PAYMENT_RECEIPT,
    details: PAYMENT_SUCCEEDED_REQUEST.schema.pick({
      patientId: true,
      amountCents: true,
      currency: true,
      reference: true,
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
