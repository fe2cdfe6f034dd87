/**
 * The patients subgraph's EHR sync publishes this when an appointment is booked, changed or
 * cancelled in the EHR (its shape is the patients subgraph's `EhrAppointmentChanged`: subgraphs
 * share events, never code). Keyed by the EHR appointment, so its versions arrive in order.
 */
export const EHR_APPOINTMENT_CHANGED = 'ehr.appointment-changed';

/** The `source` of appointments that came from the EHR. */
export const EHR_SOURCE = 'ehr';

export interface EhrAppointmentChanged {
  ehrAppointmentId: string;
  versionId: string;
  patientId: string;
  serviceId: string;
  /** FHIR Appointment.status: booked, cancelled, noshow, arrived, fulfilled... */
  status: string;
  startsAt: string;
  cancelReason: string | null;
}

/** The EHR statuses that take a slot in ClinicFlow, and those that free it. */
export const EHR_BOOKED = new Set(['proposed', 'pending', 'booked']);
export const EHR_CANCELLED = new Set(['cancelled', 'entered-in-error']);
