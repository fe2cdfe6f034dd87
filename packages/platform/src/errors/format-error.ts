import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logging/logger';
import { ErrorCode } from './app-error';

/** Codes that Apollo Server and type-graphql raise themselves and that are safe to pass on. */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** type-graphql says UNAUTHORIZED where our vocabulary says FORBIDDEN. */
const RENAMED: Record<string, string> = { UNAUTHORIZED: ErrorCode.Forbidden };

/**
 * Shapes every error that leaves a service: a known code and its message, never a stack trace.
 * Unknown errors are logged (without the request's variables) and masked.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const rawCode = String(formatted.extensions?.code ?? ErrorCode.Internal);
    const code = RENAMED[rawCode] ?? rawCode;
    if (PASS_THROUGH.has(code) && code !== ErrorCode.Internal) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error while resolving a request');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.Internal },
    };
  };
}
