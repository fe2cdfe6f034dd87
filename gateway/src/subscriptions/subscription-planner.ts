import { operationFromDocument, type Schema, Supergraph } from '@apollo/federation-internals';
import { type FetchNode, type PlanNode, QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

export interface SubscriptionPlan {
  /** The subscription sent to the subgraph that owns the event. */
  primary: FetchNode;
  /** What the other subgraphs add to each event, run once per event. */
  rest?: PlanNode;
}

/**
 * Plans subscriptions the way Apollo Router does: @apollo/query-planner turns a subscription into a
 * primary fetch to the owning subgraph and the rest of the plan, run for every event.
 */
export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  readonly schema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  plan(document: DocumentNode, operationName?: string | null): SubscriptionPlan {
    const operation = operationFromDocument(this.apiSchema, document, operationName ? { operationName } : {});
    const { node } = this.planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new Error('not a subscription operation');
    return node.rest ? { primary: node.primary, rest: node.rest } : { primary: node.primary };
  }
}
