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
