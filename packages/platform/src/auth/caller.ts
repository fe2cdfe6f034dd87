import { z } from 'zod';

/** The roles a ClinicFlow caller can hold. A token carries exactly one. */
export const Role = {
  Patient: 'patient',
  Reception: 'reception',
  Clinician: 'clinician',
  Billing: 'billing',
  Admin: 'admin',
  Display: 'display',
  /** Reads the audit log, and nothing of the clinic's records themselves. */
  Compliance: 'compliance',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Staff roles that work across the whole clinic. */
export const STAFF: Role[] = [Role.Reception, Role.Clinician, Role.Billing, Role.Admin];

export const callerSchema = z.object({
  subject: z.string().min(1),
  role: z.enum(Object.values(Role) as [Role, ...Role[]]),
  patientId: z.string().uuid().optional(),
  facilityId: z.string().uuid().optional(),
  scopes: z.array(z.string()).default([]),
  /** The OAuth client (app) the request came through, when the token names one; recorded in the audit log. */
  clientId: z.string().optional(),
  /** The client's network address as the gateway saw it, when it passes one; recorded in the audit log. */
  ip: z.string().optional(),
});

/** Who is asking: established by the gateway, carried to every subgraph in a signed header. */
export type Caller = z.infer<typeof callerSchema>;
