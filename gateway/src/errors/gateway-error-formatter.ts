import { createErrorFormatter, type Logger } from '@clinicflow/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { withoutInputValues, withoutSuggestions } from './without-input-values';

/**
 * The platform's error shaping (a known code, no stack), with the caller's values taken out and,
 * when the schema is not public (introspection off), without graphql-js's name suggestions.
 */
export function createGatewayErrorFormatter(logger: Logger, options: { hideSuggestions: boolean }) {
  const format = createErrorFormatter(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = error instanceof GraphQLError ? error.originalError : undefined;
    const plain = withoutInputValues(formatted.message, cause);
    const message = options.hideSuggestions ? withoutSuggestions(plain) : plain;
    const { validationErrors, ...extensions } = formatted.extensions ?? {};
    return format(
      {
        ...formatted,
        message,
        ...(formatted.extensions
          ? {
              extensions: {
                ...extensions,
                ...(Array.isArray(validationErrors) ? { validationErrors: validationErrors.map(constraintsOnly) } : {}),
              },
            }
          : {}),
      },
      error,
    );
  };
}

interface ValidationProblem {
  property?: unknown;
  constraints?: unknown;
  children?: unknown;
}

/**
 * type-graphql reports class-validator's findings with the whole input (`target`) and the refused
 * `value`: a patient's registration, echoed. The caller needs only which property broke which rule.
 */
function constraintsOnly(problem: ValidationProblem): ValidationProblem {
  return {
    property: problem.property,
    constraints: problem.constraints,
    ...(Array.isArray(problem.children) && problem.children.length
      ? { children: (problem.children as ValidationProblem[]).map(constraintsOnly) }
      : {}),
  };
}
