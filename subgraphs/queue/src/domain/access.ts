import { Role, STAFF } from '@clinicflow/platform';

/**
 * Who may do what with the queue. A display sees its own facility's board and live events
 * (assertFacility, next to each read) and nothing staff-only: reasons and appointments stay with staff.
 */
export const BOARD_READERS: Role[] = [...STAFF, Role.Display];

/** The desks and rooms that move patients through the queue: call, start, complete, hold, transfer. */
export const QUEUE_OPERATORS: Role[] = [Role.Reception, Role.Clinician, Role.Admin];

/** Who books and cancels appointments. */
export const APPOINTMENT_BOOKERS: Role[] = [Role.Reception, Role.Admin];
