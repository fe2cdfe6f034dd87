import type { OperationOutcome, OperationOutcomeIssue } from './fhir-types';
import type { GraphQLFormattedError } from 'graphql';

type IssueType = OperationOutcomeIssue['code'];

/**
 * A refusal of the FHIR API: an HTTP status and the OperationOutcome issue that explains it. The
 * diagnostics name what was wrong with the request, never a value of a patient's record.
 */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issueType: IssueType,
    message: string,
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

export const invalidSearch = (message: string) => new FhirError(400, 'invalid', message);
export const notSupported = (message: string) => new FhirError(400, 'not-supported', message);
export const resourceNotFound = (message: string) => new FhirError(404, 'not-found', message);
export const unauthenticatedFhir = (message: string) => new FhirError(401, 'login', message);
export const forbiddenFhir = (message: string) => new FhirError(403, 'forbidden', message);

/** One issue, as an OperationOutcome resource. */
export function operationOutcome(
  severity: OperationOutcomeIssue['severity'],
  code: IssueType,
  diagnostics: string,
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

/** Our error vocabulary (`extensions.code`) in HTTP and FHIR terms. */
const BY_CODE: Record<string, { status: number; issueType: IssueType }> = {
  BAD_USER_INPUT: { status: 400, issueType: 'invalid' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, issueType: 'invalid' },
  UNAUTHENTICATED: { status: 401, issueType: 'login' },
  FORBIDDEN: { status: 403, issueType: 'forbidden' },
  PERSISTED_QUERY_NOT_FOUND: { status: 403, issueType: 'forbidden' },
  NOT_FOUND: { status: 404, issueType: 'not-found' },
  CONFLICT: { status: 409, issueType: 'conflict' },
  RATE_LIMITED: { status: 429, issueType: 'throttled' },
  SERVICE_UNAVAILABLE: { status: 503, issueType: 'transient' },
};

/**
 * The refusal a GraphQL error stands for. The gateway's error formatter already removed anything a
 * caller sent and any internal detail from the message, so the message is kept as the diagnostics.
 */
export function fromGraphQLError(error: GraphQLFormattedError): FhirError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
  const known = BY_CODE[code];
  return known
    ? new FhirError(known.status, known.issueType, error.message)
    : new FhirError(500, 'exception', 'The request could not be completed');
}
