import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { CALLER_HEADER, type Caller, type Logger, signCaller } from '@clinicflow/platform';
import type { QueryPlan } from '@apollo/query-planner';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { withoutInputValues } from '../errors/without-input-values';
import type { GatewayCaller } from '../auth/claims';
import { EventDataSource, type SubgraphResponse } from './event-data-source';
import type { MembershipRecorder } from './membership-recorder';
import { SubscriberQueue } from './subscriber-queue';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner';

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/** Errors a subgraph sent, as the GraphQLError instances graphql-ws serialises, without echoed values. */
const asGraphQLErrors = (errors: readonly GraphQLFormattedError[]): GraphQLError[] =>
  errors.map(
    (error) =>
      new GraphQLError(withoutInputValues(error.message), {
        ...(error.path ? { path: error.path } : {}),
        ...(error.extensions ? { extensions: error.extensions } : {}),
      }),
  );

const unavailable = (message: string): ExecutionResult => ({
  errors: [new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } })],
});

export interface GroupSpec {
  key: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The rights every member shares; the subject names the group, not a person. */
  caller: Caller;
}

export interface GroupDependencies {
  planner: SubscriptionPlanner;
  dataSources: Map<string, GraphQLDataSource>;
  routingUrls: Map<string, string>;
  contextSigningSecret: string;
  logger: Logger;
  /** Writes who joins and leaves the group to the audit log. */
  membership: MembershipRecorder;
  onEmpty(key: string): void;
}

/**
 * Everyone subscribed with the same operation, variables and rights. The group holds one upstream
 * subscription to the subgraph that owns the event, resolves what the other subgraphs add to each
 * event once, and hands the same result to every member: the work per event does not grow with the
 * number of subscribers.
 */
export class SubscriptionGroup {
  /** Each member with the caller it subscribed as, for the audit log's record of who was in the group. */
  private readonly members = new Map<SubscriberQueue, GatewayCaller>();
  private readonly plan: SubscriptionPlan;
  private readonly queryPlan: QueryPlan;
  private readonly requestContext: RequestContext;
  private readonly operationContext: ReturnType<typeof buildOperationContext>;
  private upstream: Client | null = null;
  private stopUpstream: (() => void) | null = null;
  /** Events are resolved one after another, so members see them in the order the subgraph sent them. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly spec: GroupSpec,
    private readonly deps: GroupDependencies,
  ) {
    this.plan = deps.planner.plan(spec.document, spec.operationName);
    this.queryPlan = {
      kind: 'QueryPlan',
      node: this.plan.rest ? { kind: 'Sequence', nodes: [this.plan.primary, this.plan.rest] } : this.plan.primary,
    };
    this.operationContext = buildOperationContext({
      schema: deps.planner.schema,
      operationDocument: spec.document,
      ...(spec.operationName ? { operationName: spec.operationName } : {}),
    });
    this.requestContext = {
      request: {
        query: '',
        variables: spec.variables,
        ...(spec.operationName ? { operationName: spec.operationName } : {}),
      },
      context: { caller: spec.caller },
      logger: deps.logger,
      schema: deps.planner.schema,
      document: spec.document,
      operation: spec.operation,
      operationName: spec.operationName,
      metrics: {},
      overallCachePolicy: {},
    } as unknown as RequestContext;
  }

  get size(): number {
    return this.members.size;
  }

  join(caller: GatewayCaller): SubscriberQueue {
    const member: SubscriberQueue = new SubscriberQueue(() => this.leave(member));
    this.members.set(member, caller);
    this.deps.membership.joined(this.spec.caller.subject, caller);
    if (!this.upstream) void this.openUpstream();
    return member;
  }

  close(): void {
    this.stopUpstream?.();
    void this.upstream?.dispose();
    this.upstream = null;
    for (const [member, caller] of this.members) {
      member.end();
      this.deps.membership.left(this.spec.caller.subject, caller);
    }
    this.members.clear();
  }

  private leave(member: SubscriberQueue): void {
    const caller = this.members.get(member);
    if (!caller) return;
    this.deps.membership.left(this.spec.caller.subject, caller);
    this.members.delete(member);
    if (this.members.size === 0) {
      this.close();
      this.deps.onEmpty(this.spec.key);
    }
  }

  private async openUpstream(): Promise<void> {
    const { primary } = this.plan;
    const url = this.deps.routingUrls.get(primary.serviceName);
    if (!url) {
      this.endAll(unavailable(`No routing URL for the ${primary.serviceName} service`));
      return;
    }
    this.upstream = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      // The caller is verified when the connection opens; a reconnect signs it afresh.
      connectionParams: async () => ({
        [CALLER_HEADER]: await signCaller(this.spec.caller, this.deps.contextSigningSecret),
      }),
      lazy: false,
      onNonLazyError: (error) =>
        this.deps.logger.warn({ err: error, service: primary.serviceName }, 'upstream connection failed'),
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 10_000))),
    });
    const variables = Object.fromEntries(
      (primary.variableUsages ?? []).map((name) => [name, this.spec.variables[name]]),
    );
    this.stopUpstream = this.upstream.subscribe<Record<string, unknown>>(
      {
        query: primary.operation,
        variables,
        ...(primary.operationName ? { operationName: primary.operationName } : {}),
      },
      {
        next: (event) => {
          this.chain = this.chain.then(() => this.resolveAndDeliver(event as SubgraphResponse));
        },
        // The end of the stream queues behind the events before it, so none of them is lost.
        error: (error) => {
          this.chain = this.chain.then(() => this.upstreamFailed(error));
        },
        complete: () => {
          this.chain = this.chain.then(() => this.endAll());
        },
      },
    );
  }

  private async resolveAndDeliver(event: SubgraphResponse): Promise<void> {
    const result =
      event.errors?.length && !event.data ? { errors: asGraphQLErrors(event.errors) } : await this.resolve(event);
    for (const member of this.members.keys()) member.push(result as ExecutionResult);
  }

  /** Runs the rest of the plan once for this event, with the group's rights. */
  private async resolve(event: SubgraphResponse): Promise<ExecutionResult> {
    const owner = this.plan.primary.serviceName;
    const serviceMap: ServiceMap = Object.fromEntries(this.deps.dataSources);
    const subgraph = this.deps.dataSources.get(owner);
    if (subgraph) serviceMap[owner] = new EventDataSource(this.plan.primary.operation, event, subgraph);
    const result = await executeQueryPlan(
      this.queryPlan,
      serviceMap,
      this.requestContext,
      this.operationContext,
      this.deps.planner.supergraphSchema,
      this.deps.planner.apiSchema,
    );
    return result as ExecutionResult;
  }

  private upstreamFailed(error: unknown): void {
    // An array is the subgraph refusing the operation (FORBIDDEN, BAD_USER_INPUT): pass it on as it is.
    if (Array.isArray(error)) {
      this.endAll({ errors: asGraphQLErrors(error as GraphQLFormattedError[]) });
      return;
    }
    this.deps.logger.warn({ err: error, service: this.plan.primary.serviceName }, 'upstream subscription failed');
    this.endAll(unavailable(`The ${this.plan.primary.serviceName} service ended the subscription`));
  }

  private endAll(last?: ExecutionResult): void {
    for (const [member, caller] of this.members) {
      member.end(last);
      this.deps.membership.left(this.spec.caller.subject, caller);
    }
    this.members.clear();
    this.close();
    this.deps.onEmpty(this.spec.key);
  }
}
