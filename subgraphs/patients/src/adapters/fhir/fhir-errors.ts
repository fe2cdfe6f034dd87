import { type AppError, badUserInput, conflict, notFound, unavailable } from '@clinicflow/platform';
import type { OperationOutcome } from './fhir-types';

/**
 * An EHR answer that may pass by itself (5xx, 429, 408): thrown inside the adapter policy, whose
 * `status` field makes it a transient vendor failure (retried where safe, counted by the breaker).
 */
export class FhirHttpFailure extends Error {
  constructor(readonly status: number) {
    super(`The EHR answered HTTP ${status}`);
    this.name = 'FhirHttpFailure';
  }
}

/** The EHR's authorization server refused our client (revoked, expired registration, replaced key). */
export class EhrCredentialsRefused extends Error {
  constructor(readonly oauthError: string) {
    super(`The EHR refused ClinicFlow's credentials (${oauthError})`);
    this.name = 'EhrCredentialsRefused';
  }
}

/**
 * The issue codes of an OperationOutcome, never its text: diagnostics may quote the patient's
 * details back, and errors end up in logs.
 */
const issueCodes = (outcome: OperationOutcome | undefined) =>
  [...new Set((outcome?.issue ?? []).map((issue) => issue.code))].join(', ') || 'no issue code';

/** Our error for an EHR answer that will not pass by itself, from its status and OperationOutcome. */
export function fhirError(status: number, outcome: OperationOutcome | undefined, what: string): AppError {
  const details = { adapter: 'ehr', vendorStatus: status, issues: issueCodes(outcome) };
  switch (status) {
    case 400:
    case 422:
      return badUserInput(`The EHR refused the ${what} as invalid (${issueCodes(outcome)})`, details);
    case 404:
    case 410:
      return notFound('EHR record', what);
    case 409:
    case 412:
      return conflict(`The EHR's ${what} changed since it was read`, { ...details, reason: 'version-conflict' });
    default:
      return unavailable(`The EHR answered HTTP ${status} for the ${what} (${issueCodes(outcome)})`);
  }
}

/** The integration is paused: calls fail at once, without reaching the EHR. */
export const integrationPaused = () =>
  unavailable('The EHR integration is paused: its credentials were refused; an administrator has been alerted');
