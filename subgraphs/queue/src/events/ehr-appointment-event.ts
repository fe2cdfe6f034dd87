/**
 * The `source` of appointments that came from the EHR, through the patients subgraph's
 * `ehr.appointment-changed` (its contract is the platform's `EHR_APPOINTMENT_CHANGED`).
 */
export const EHR_SOURCE = 'ehr';

/** The EHR statuses that take a slot in ClinicFlow, and those that free it. */
export const EHR_BOOKED = new Set(['proposed', 'pending', 'booked']);
export const EHR_CANCELLED = new Set(['cancelled', 'entered-in-error']);
