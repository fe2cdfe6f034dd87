import { type Caller, Role } from './caller';

/**
 * The caller the gateway signs when it asks the subgraph that keeps third-party credentials whether
 * one works (decision 0016). Only the gateway holds the signing secret, and the fields it asks are
 * `@inaccessible`: no client reaches them through the gateway.
 */
export const CREDENTIAL_CHECKER: Caller = { subject: 'system:credential-check', role: Role.Admin, scopes: [] };

/**
 * The caller the gateway signs when it records who joined and left its live-subscription groups (to
 * the patients subgraph, which keeps the audit log's queries). The field it calls is `@inaccessible`.
 */
export const SUBSCRIPTION_RECORDER: Caller = { subject: 'system:subscription-members', role: Role.Admin, scopes: [] };
