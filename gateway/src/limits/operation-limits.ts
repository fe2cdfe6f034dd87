import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationRule } from 'graphql';

/**
 * What one operation (query, mutation or subscription) may ask for, checked at the gateway before
 * any subgraph is asked. The same limits apply over HTTP and over WebSocket.
 */
export interface OperationLimits {
  /** Deepest nesting of selections. */
  maxDepth: number;
  /** Aliased fields, the way one request asks for the same field many times. */
  maxAliases: number;
  /** Lexical tokens in the document, counted before it is parsed. */
  maxTokens: number;
  /** graphql-armor's cost: objects 2, scalars 1, times 1.5 per level, times a literal `first`. */
  maxCost: number;
  /** Directives such as `@include`. */
  maxDirectives: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 5000,
  maxDirectives: 50,
};

export const LIMIT_EXCEEDED_CODE = 'GRAPHQL_VALIDATION_FAILED';

type RejectCallback = NonNullable<NonNullable<Parameters<typeof maxDepthRule>[0]>['onReject']>[number];

/**
 * graphql-armor reports each refusal as "Syntax Error: Query depth limit of 12 exceeded, found 14.";
 * it is not a syntax error, so the prefix goes and the code says what it is.
 */
const reportToValidation: RejectCallback = (context, error) => {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: LIMIT_EXCEEDED_CODE } }),
  );
};

/** graphql-armor's validation rules for depth, aliases, cost and directives. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const refusal = { exposeLimits: true, propagateOnRejection: false, onReject: [reportToValidation] };
  return [
    maxDepthRule({ ...refusal, n: limits.maxDepth }),
    maxAliasesRule({ ...refusal, n: limits.maxAliases }),
    costLimitRule({ ...refusal, maxCost: limits.maxCost }),
    maxDirectivesRule({ ...refusal, n: limits.maxDirectives }),
  ];
}

/**
 * True when the document has more than `maxTokens` tokens. Lexing stops at the first token past
 * the limit, so a huge document costs no more than a document at the limit; a document that does
 * not lex is left for the parser to report.
 */
export function exceedsTokenLimit(source: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    let count = 0;
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      count += 1;
      if (count > maxTokens) return true;
    }
  } catch {
    return false;
  }
  return false;
}

export const tokenLimitMessage = (maxTokens: number) =>
  `Token limit of ${maxTokens} exceeded: send a shorter operation.`;
