import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** True when PostgreSQL refused a write because it would duplicate a unique key. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}
