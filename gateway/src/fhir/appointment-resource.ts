import type { Appointment } from './fhir-types';
import { FhirSystem } from './fhir-systems';
import type { AppointmentNode } from './graphql-shapes';
import { patientReference } from './patient-resource';

const APPOINTMENT_STATUS: Record<AppointmentNode['status'], Appointment['status']> = {
  BOOKED: 'booked',
  CHECKED_IN: 'checked-in',
  CANCELLED: 'cancelled',
  NO_SHOW: 'noshow',
};

/** A booked slot as a FHIR R4 Appointment of its patient. */
export function appointmentResource(appointment: AppointmentNode, patientId: string): Appointment {
  const end = new Date(Date.parse(appointment.startsAt) + appointment.slotMinutes * 60_000).toISOString();
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    ...(appointment.externalId
      ? { identifier: [{ system: FhirSystem.appointmentSource(appointment.source), value: appointment.externalId }] }
      : {}),
    status: APPOINTMENT_STATUS[appointment.status],
    ...(appointment.cancelReason ? { cancelationReason: { text: appointment.cancelReason } } : {}),
    serviceType: [{ text: appointment.service.name }],
    start: appointment.startsAt,
    end,
    minutesDuration: appointment.slotMinutes,
    created: appointment.createdAt,
    participant: [{ actor: patientReference(patientId), status: 'accepted' }],
  };
}
