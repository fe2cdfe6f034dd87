import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Field names that carry patient data or secrets. Any object logged with one of these keys, at the
 * top level or one or two levels down, has the value replaced. Logs must be safe to ship anywhere.
 */
export const REDACTED_KEYS = [
  'givenName',
  'familyName',
  'fullName',
  'displayName',
  'birthDate',
  'phone',
  'email',
  'mrn',
  'address',
  'identifier',
  'nationalId',
  'memberId',
  'variables',
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'x-clinicflow-caller',
  // Third-party apps' credentials (decision 0016).
  'x-api-key',
  'client_secret',
  // PostgreSQL's error detail quotes the offending values ("Key (mrn)=(...) already exists"), and
  // TypeORM's QueryFailedError carries the statement's bound parameters.
  'detail',
  'parameters',
  // node-postgres attaches the client, with its connection parameters (the password among them), to
  // errors of pooled connections.
  'client',
] as const;

// `name` is redacted only below the top level, where pino keeps the logger's own name.
const redactPaths = [...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), '*.name', '*.*.name'];

export function createLogger(
  service: string,
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = { name: service, level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service } };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
