import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/app-error';
import type { Caller, Role } from './caller';
import { isScope, isScopeLimited, type Scope } from './scopes';

export interface CallerContext {
  caller: Caller;
}

/**
 * type-graphql's `@Authorized(...rules)` check: the roles that may use a field, and the scopes that open
 * it to third-party apps. An app (a scope-limited caller) needs its role allowed and one of the field's
 * scopes; a field that names no scope is closed to apps. Throws our own errors so that the codes stay in
 * ClinicFlow's vocabulary. Record-level rules (a patient sees only their own records) live in the
 * resolvers, next to the data they protect.
 */
export const roleAuthChecker: AuthCheckerFn<CallerContext, Role | Scope> = ({ context }, rules) => {
  const { caller } = context;
  if (!caller) throw unauthenticated();
  const scopes = rules.filter(isScope);
  const roles = rules.filter((rule) => !isScope(rule));
  if (roles.length > 0 && !roles.includes(caller.role)) {
    throw forbidden(`The ${caller.role} role may not read or change this`);
  }
  if (isScopeLimited(caller) && !scopes.some((scope) => caller.scopes.includes(scope))) {
    throw forbidden(
      scopes.length > 0
        ? `This app's token needs the ${scopes.join(' or ')} scope for this`
        : 'Third-party apps may not read or change this',
    );
  }
  return true;
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
