import type { ApolloServer } from '@apollo/server';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { GatewayCaller } from '../auth/claims';
import type { GatewayContext } from '../gateway-context';
import { fromGraphQLError } from './fhir-error';

export interface GraphQLOutcome<T> {
  data: T | null;
  errors: readonly GraphQLFormattedError[];
}

/** Runs one of the FHIR API's operations as the caller; never throws for GraphQL errors. */
export type ExecuteAsCaller = <T>(
  caller: GatewayCaller,
  document: DocumentNode,
  variables: Record<string, unknown>,
) => Promise<GraphQLOutcome<T>>;

/**
 * Executes through the gateway's own Apollo Server: the same validation rules, limits, safelist,
 * query planner and subgraph fetches as a POST to /graphql, with the caller signed for the subgraphs,
 * so their role checks, record checks and audit log apply unchanged. No HTTP to ourselves.
 */
export function executeThroughGateway(apollo: ApolloServer<GatewayContext>): ExecuteAsCaller {
  return async <T>(caller: GatewayCaller, document: DocumentNode, variables: Record<string, unknown>) => {
    const response = await apollo.executeOperation({ query: document, variables }, { contextValue: { caller } });
    if (response.body.kind !== 'single') throw new Error('The FHIR API runs no incremental operations');
    const { data, errors } = response.body.singleResult;
    return { data: (data ?? null) as T | null, errors: errors ?? [] };
  };
}

/** The data of an operation that must succeed whole: its first error becomes the refusal. */
export async function dataOrRefusal<T>(outcome: Promise<GraphQLOutcome<T>>): Promise<T> {
  const { data, errors } = await outcome;
  const [first] = errors;
  if (first) throw fromGraphQLError(first);
  if (!data) throw new Error('An operation returned neither data nor errors');
  return data;
}
