import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/app-error';
import type { Caller, Role } from './caller';

export interface CallerContext {
  caller: Caller;
}

/**
 * type-graphql's `@Authorized(...roles)` check. Throws our own errors so that the codes stay in
 * ClinicFlow's vocabulary. Record-level rules (a patient sees only their own records) live in the
 * resolvers, next to the data they protect.
 */
export const roleAuthChecker: AuthChecker<CallerContext, Role> = ({ context }, roles) => {
  if (!context.caller) throw unauthenticated();
  if (roles.length === 0 || roles.includes(context.caller.role)) return true;
  throw forbidden(`The ${context.caller.role} role may not read or change this`);
};

/** Throws unless a patient caller is asking about their own record; staff pass. */
export function assertOwnPatient(caller: Caller, patientId: string): void {
  if (caller.role === 'patient' && caller.patientId !== patientId) {
    throw forbidden('A patient may only see their own records');
  }
}

/** Throws unless a facility-scoped caller (a display) is asking about its own facility. */
export function assertFacility(caller: Caller, facilityId: string): void {
  if (caller.facilityId && caller.facilityId !== facilityId) {
    throw forbidden('This token is scoped to another facility');
  }
}
