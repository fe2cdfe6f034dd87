import { GraphQLError } from 'graphql';

/**
 * ClinicFlow's error vocabulary. Every error a caller sees carries one of these in
 * `extensions.code`; anything else is reported as INTERNAL_SERVER_ERROR without details.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return httpStatus[this.code];
  }
}

export const badUserInput = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BadUserInput, message, details);
export const unauthenticated = (message = 'Authentication is required') =>
  new AppError(ErrorCode.Unauthenticated, message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(ErrorCode.Forbidden, message);
export const notFound = (what: string, id: string) => new AppError(ErrorCode.NotFound, `${what} ${id} was not found`);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.Conflict, message, details);
export const unavailable = (message: string) => new AppError(ErrorCode.Unavailable, message);

/** Why a call to an external system failed; see `createAdapterPolicy` in ../resilience. */
export type AdapterFailureReason = 'timeout' | 'breaker-open' | 'rejected' | 'vendor-error';

export interface AdapterFailure {
  /** The external system, as the adapter's policy names it: `twilio`, `sendgrid`. */
  adapter: string;
  reason: AdapterFailureReason;
  /** True when the same call may succeed later (the vendor was down, slow or busy); false when it never will. */
  retriable: boolean;
  message: string;
  /** The vendor's HTTP status, when it answered. */
  vendorStatus?: number;
  /** The vendor's own error code (Twilio's 21211) or the network's (ECONNREFUSED), when there is one. */
  vendorCode?: string | number;
}

/**
 * A failed call to an external system. The vendor's own message is not kept: it can quote the
 * patient's phone number or address back, and errors end up in logs. A retriable failure is
 * SERVICE_UNAVAILABLE; one that will never succeed is an internal error, which the adapter that
 * knows the domain (an invalid phone number is the caller's input) turns into a better code.
 */
export class AdapterError extends AppError {
  readonly adapter: string;
  readonly reason: AdapterFailureReason;
  readonly retriable: boolean;
  readonly vendorStatus?: number;
  readonly vendorCode?: string | number;

  constructor(failure: AdapterFailure) {
    super(failure.retriable ? ErrorCode.Unavailable : ErrorCode.Internal, failure.message, {
      adapter: failure.adapter,
      reason: failure.reason,
      retriable: failure.retriable,
    });
    this.name = 'AdapterError';
    this.adapter = failure.adapter;
    this.reason = failure.reason;
    this.retriable = failure.retriable;
    if (failure.vendorStatus !== undefined) this.vendorStatus = failure.vendorStatus;
    if (failure.vendorCode !== undefined) this.vendorCode = failure.vendorCode;
  }
}
