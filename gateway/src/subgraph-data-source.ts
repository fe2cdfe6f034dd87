import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { AppError, CALLER_HEADER, type Caller, ErrorCode, signCaller } from '@clinicflow/platform';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context';

/** The identity the gateway uses for its own requests, such as fetching subgraph schemas. */
const GATEWAY_ITSELF: Caller = { subject: 'clinicflow-gateway', role: 'display', scopes: [] };

/** How long one subgraph request may take before its fields are reported unavailable. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * Sends each subgraph request with the caller signed for that subgraph, over Node's built-in fetch
 * (undici: keep-alive connection pooling, much faster than the default fetcher), with a deadline.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly contextSigningSecret: string,
    timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
  ) {
    super({
      url,
      fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const caller = 'caller' in context && context.caller ? context.caller : GATEWAY_ITSELF;
    request.http?.headers.set(CALLER_HEADER, await signCaller(caller, this.contextSigningSecret));
  }

  /**
   * A subgraph that refuses the connection, resets it or misses the deadline makes only its own
   * fields fail, with a code that says so; errors the subgraph itself returned pass as they are.
   */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw refusedInput(error, this.subgraphName) ?? error;
    throw new AppError(ErrorCode.Unavailable, `The ${this.subgraphName} service is unavailable; try again shortly`, {
      serviceName: this.subgraphName,
    });
  }
}

/**
 * A subgraph answers 400 when it cannot coerce a value the gateway passed on unchecked (a custom
 * scalar such as DateTimeISO is opaque to the gateway): the caller's mistake, reported as the
 * subgraph put it, not as an outage or an internal error.
 */
function refusedInput(error: GraphQLError, serviceName: string): GraphQLError | null {
  const response = error.extensions.response as { status?: number; body?: { errors?: unknown } } | undefined;
  if (response?.status !== 400 || !Array.isArray(response.body?.errors)) return null;
  const [first] = response.body.errors as { message?: unknown; extensions?: { code?: unknown } }[];
  if (first?.extensions?.code !== ErrorCode.BadUserInput || typeof first.message !== 'string') return null;
  return new AppError(ErrorCode.BadUserInput, first.message, { serviceName });
}
