import { type Caller, forbidden, isScopeLimited } from '@clinicflow/platform';

/** Whose endpoints a caller manages: every one (the clinic's admins), or those of one app. */
export type WebhookManager = { kind: 'clinic'; subject: string } | { kind: 'app'; clientId: string; subject: string };

/**
 * The resolvers' `@Authorized(Role.Admin, Scope.WebhooksManage)` lets through admins, and apps
 * credentialed with the admin role and the `webhooks:manage` scope. Admins signed in to the clinic's
 * own apps manage every endpoint; an app manages only those it registered (by its OAuth client id).
 */
export function webhookManagerOf(caller: Caller): WebhookManager {
  if (!isScopeLimited(caller)) return { kind: 'clinic', subject: caller.subject };
  if (!caller.clientId) throw forbidden('Webhook endpoints belong to an app: this token names no client');
  return { kind: 'app', clientId: caller.clientId, subject: caller.subject };
}
