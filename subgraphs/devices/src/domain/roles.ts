import { Role } from '@clinicflow/platform';

/**
 * Who may read vital signs and readings. A patient passes the role check but then sees only their
 * own (assertOwnPatient, next to each read); a display never sees clinical values.
 */
export const VITALS_READERS: Role[] = [Role.Clinician, Role.Admin, Role.Patient];
