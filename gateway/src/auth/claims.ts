import { type Caller, callerSchema } from '@clinicflow/platform';
import type { JWTPayload } from 'jose';

/** The JWT claims ClinicFlow reads, beyond the registered ones. */
export interface ClinicFlowClaims extends JWTPayload {
  role?: string;
  patient_id?: string;
  facility_id?: string;
  scope?: string;
}

/** Maps verified token claims to a caller; throws when the token names no valid role. */
export function callerFromClaims(claims: ClinicFlowClaims): Caller {
  return callerSchema.parse({
    subject: claims.sub,
    role: claims.role,
    patientId: claims.patient_id,
    facilityId: claims.facility_id,
    scopes: claims.scope ? claims.scope.split(' ').filter(Boolean) : [],
  });
}
