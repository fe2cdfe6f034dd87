import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Caller, Logger } from '@clinicflow/platform';
import {
  type DocumentNode,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayCaller } from '../auth/claims';
import type { TokenVerifier } from '../auth/token-verifier';
import { withoutInputValues, withoutSuggestions } from '../errors/without-input-values';
import { type CallerRateLimiter, rateLimitMessage } from '../limits/caller-rate-limiter';
import {
  exceedsTokenLimit,
  LIMIT_EXCEEDED_CODE,
  type OperationLimits,
  operationLimitRules,
  tokenLimitMessage,
} from '../limits/operation-limits';
import { notSafelisted, type Safelist } from '../safelist/safelist';
import { AUDIT_SUBGRAPH, MembershipRecorder } from './membership-recorder';
import { SubscriptionGroup } from './subscription-group';
import type { SubscriptionPlanner } from './subscription-planner';

type Extra = Record<string, unknown> & { caller?: GatewayCaller };

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  verifyToken: TokenVerifier;
  planner(): SubscriptionPlanner | null;
  dataSources: Map<string, GraphQLDataSource>;
  routingUrls: Map<string, string>;
  contextSigningSecret: string;
  logger: Logger;
  /** Below the process's open-files limit, so a flood of sockets cannot starve the rest. */
  maxConnections?: number;
  /** The largest message a client may send, like the HTTP body limit. */
  maxPayloadBytes: number;
  /** The same per-operation limits as over HTTP. */
  operationLimits: OperationLimits;
  /** Each subscribe message takes a point of the caller's budget, shared with HTTP requests. */
  rateLimiter: CallerRateLimiter | null;
  safelist: Safelist | null;
  /** With introspection off, errors do not suggest the schema's names. */
  hideSuggestions: boolean;
}

const refuse = (message: string, code: string, details: Record<string, unknown> = {}) => [
  new GraphQLError(message, { extensions: { code, ...details } }),
];

/** What decides whether two subscribers can share one group: rights, not identity. */
const rightsOf = (caller: Caller) => ({
  role: caller.role,
  patientId: caller.patientId ?? null,
  facilityId: caller.facilityId ?? null,
  scopes: [...caller.scopes].sort(),
});

/** The caller a group acts as: the members' shared rights, named after the group, not a person. */
const groupCaller = (caller: Caller, key: string): Caller => ({
  subject: `subscription-group:${key.slice(0, 12)}`,
  role: caller.role,
  scopes: caller.scopes,
  ...(caller.patientId ? { patientId: caller.patientId } : {}),
  ...(caller.facilityId ? { facilityId: caller.facilityId } : {}),
});

/**
 * Subscriptions on the gateway's `/graphql` over graphql-ws: authenticated when the connection
 * opens (`connectionParams.authorization: "Bearer <token>"`), validated against the API schema, and
 * served from shared groups (see subscription-group.ts).
 */
export function serveGatewaySubscriptions(options: SubscriptionServerOptions): {
  close(): Promise<void>;
  groups(): number;
} {
  const groups = new Map<string, SubscriptionGroup>();
  const membership = new MembershipRecorder(
    () => options.routingUrls.get(AUDIT_SUBGRAPH),
    options.contextSigningSecret,
    options.logger,
  );
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes,
  });
  const maxConnections = options.maxConnections ?? 15_000;
  const validationRules = [...specifiedRules, ...operationLimitRules(options.operationLimits)];
  /** As the HTTP path's error formatter shows messages: without the caller's values or name suggestions. */
  const shown = (error: GraphQLError, code: string) => {
    const plain = withoutInputValues(error.message, error.originalError);
    const message = options.hideSuggestions ? withoutSuggestions(plain) : plain;
    return new GraphQLError(message, { extensions: { code } });
  };

  /** Parses and validates like the HTTP path: token count first, then the schema and the limits. */
  const admit = (
    caller: GatewayCaller,
    query: string,
    planner: SubscriptionPlanner,
  ): DocumentNode | readonly GraphQLError[] => {
    const { maxTokens } = options.operationLimits;
    if (exceedsTokenLimit(query, maxTokens)) return refuse(tokenLimitMessage(maxTokens), LIMIT_EXCEEDED_CODE);
    let document;
    try {
      document = parse(query);
    } catch (error) {
      if (error instanceof GraphQLError) return [shown(error, 'GRAPHQL_PARSE_FAILED')];
      return refuse('Syntax error', 'GRAPHQL_PARSE_FAILED');
    }
    const errors = validate(planner.schema, document, validationRules);
    if (errors.length) return errors.map((error) => shown(error, 'GRAPHQL_VALIDATION_FAILED'));
    if (options.safelist && !options.safelist.allows(caller, document)) return [notSafelisted()];
    return document;
  };

  const server = useServer<Record<string, unknown>, Extra>(
    {
      onConnect: async (ctx) => {
        if (wsServer.clients.size > maxConnections) return false;
        const header = ctx.connectionParams?.authorization;
        const [scheme, token] = typeof header === 'string' ? header.split(' ') : [];
        if (scheme?.toLowerCase() !== 'bearer' || !token) return false;
        try {
          ctx.extra.caller = await options.verifyToken(token);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx: Context<Record<string, unknown>, Extra>, _id, payload) => {
        const caller = ctx.extra.caller as GatewayCaller;
        if (options.rateLimiter) {
          const verdict = await options.rateLimiter.consume(caller.subject);
          if (!verdict.allowed) {
            const { retryAfterSeconds } = verdict;
            return refuse(rateLimitMessage(options.rateLimiter.options, retryAfterSeconds), 'RATE_LIMITED', {
              retryAfterSeconds,
            });
          }
        }
        const planner = options.planner();
        if (!planner) return refuse('The gateway is still loading its schema', 'SERVICE_UNAVAILABLE');
        const admitted = admit(caller, payload.query, planner);
        if (!('kind' in admitted)) return admitted;
        const document = admitted;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refuse('Name the operation to run', 'BAD_USER_INPUT');
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return refuse(
            'Only subscriptions are served over WebSocket; send queries and mutations with POST /graphql',
            'BAD_REQUEST',
          );
        }
        const variables = payload.variables ?? {};
        const coerced = getVariableValues(planner.schema, operation.variableDefinitions ?? [], variables, {
          maxErrors: 10,
        });
        if (coerced.errors) return coerced.errors.map((error) => shown(error, 'BAD_USER_INPUT'));
        const key = createHash('sha256')
          .update(JSON.stringify([print(document), payload.operationName ?? null, variables, rightsOf(caller)]))
          .digest('base64url');
        let group = groups.get(key);
        if (!group) {
          try {
            group = new SubscriptionGroup(
              {
                key,
                document,
                operation,
                operationName: payload.operationName ?? null,
                variables,
                caller: groupCaller(caller, key),
              },
              {
                planner,
                dataSources: options.dataSources,
                routingUrls: options.routingUrls,
                contextSigningSecret: options.contextSigningSecret,
                logger: options.logger,
                membership,
                onEmpty: (emptyKey) => groups.delete(emptyKey),
              },
            );
          } catch (error) {
            return refuse(
              error instanceof Error ? error.message : 'The subscription cannot be planned',
              'BAD_USER_INPUT',
            );
          }
          groups.set(key, group);
        }
        return {
          schema: planner.schema,
          document,
          variableValues: variables,
          operationName: payload.operationName ?? null,
          contextValue: { group, caller },
        };
      },
      // Each member reads the group's shared results; nothing is executed per subscriber.
      subscribe: (args) => {
        const { group, caller } = args.contextValue as { group: SubscriptionGroup; caller: GatewayCaller };
        return group.join(caller);
      },
    },
    wsServer,
  );
  return {
    groups: () => groups.size,
    close: async () => {
      for (const group of groups.values()) group.close();
      groups.clear();
      await membership.flush();
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
