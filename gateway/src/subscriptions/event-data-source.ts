import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';

/** A subgraph's answer, in @apollo/gateway's own type. */
export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Stands in for the owning subgraph while one event is executed: the primary fetch is answered with
 * the event the subgraph pushed, and any other fetch to that subgraph goes to it as usual.
 */
export class EventDataSource implements GraphQLDataSource {
  constructor(
    private readonly primaryOperation: string,
    private readonly event: SubgraphResponse,
    private readonly subgraph: GraphQLDataSource,
  ) {}

  process(options: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    if (options.request.query === this.primaryOperation) return Promise.resolve(this.event);
    return this.subgraph.process(options);
  }
}
