import type { Caller } from './caller';

/**
 * What a third-party app may be granted. An app's token carries some of these; a field open to apps
 * names the scopes that reach it next to its roles (`@Authorized([...roles, Scope.QueueRead])`), and a
 * field that names none is closed to every app. See docs/decisions/0016-third-party-credentials.md.
 */
export const Scope = {
  /** Patients' names and contact details. */
  PatientsRead: 'patients:read',
  /** Facilities and their queues. */
  QueueRead: 'queue:read',
  /** Checking patients in. */
  QueueWrite: 'queue:write',
  /** Facilities' appointment books. */
  AppointmentsRead: 'appointments:read',
  /** Booking and cancelling appointments. */
  AppointmentsWrite: 'appointments:write',
  /** Registering and managing the app's own outbound webhook endpoints (docs/webhooks.md). */
  WebhooksManage: 'webhooks:manage',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export const API_SCOPES: readonly Scope[] = Object.values(Scope);

export const isScope = (value: string): value is Scope => (API_SCOPES as readonly string[]).includes(value);

/**
 * A caller whose token carries ClinicFlow scopes acts for an app: it gets only what its scopes open,
 * within what its role allows. Tokens of staff and patients carry none.
 */
export const isScopeLimited = (caller: Caller): boolean => caller.scopes.length > 0;
