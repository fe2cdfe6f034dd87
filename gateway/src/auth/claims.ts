import { type Caller, callerSchema, isScope } from '@clinicflow/platform';
import type { JWTPayload } from 'jose';

/** The JWT claims ClinicFlow reads, beyond the registered ones. */
export interface ClinicFlowClaims extends JWTPayload {
  role?: string;
  patient_id?: string;
  facility_id?: string;
  scope?: string;
  /** The OAuth client a token was issued to (RFC 9068); present for third-party apps. */
  client_id?: string;
}

/** The caller as the gateway knows it: the subgraphs' caller, and the app it came through. */
export type GatewayCaller = Caller & { clientId?: string };

/** Maps verified token claims to a caller; throws when the token names no valid role. */
export function callerFromClaims(claims: ClinicFlowClaims): GatewayCaller {
  const caller = callerSchema.parse({
    subject: claims.sub,
    role: claims.role,
    patientId: claims.patient_id,
    facilityId: claims.facility_id,
    // Only ClinicFlow's own scopes: an identity provider's `openid profile` does not make staff an app.
    scopes: claims.scope ? claims.scope.split(' ').filter(isScope) : [],
  });
  return typeof claims.client_id === 'string' && claims.client_id ? { ...caller, clientId: claims.client_id } : caller;
}

/**
 * A third-party app, as opposed to staff or a patient signing in to ClinicFlow's own apps: a token
 * issued to an OAuth client (`client_id`) or carrying delegated scopes. See SECURITY.md.
 */
export const isThirdParty = (caller: GatewayCaller): boolean => Boolean(caller.clientId) || caller.scopes.length > 0;
