import type http from 'node:http';
import { type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CALLER_HEADER, verifyCaller } from '../auth/caller-header';
import type { Caller } from '../auth/caller';
import type { Logger } from '../logging/logger';

type ConnectionExtra = Record<string, unknown> & {
  caller?: Caller;
};

/**
 * Subscriptions on the subgraph's `/graphql` over graphql-ws, for the gateway only: the connection
 * must carry a caller the gateway signed, exactly as HTTP requests must, or it is closed (4403).
 */
export function serveSubscriptions<TContext>(options: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  secret: string;
  logger: Logger;
  createContext(caller: Caller): TContext;
  /** Runs after each event is resolved, before it is sent, with the subscription's context. */
  afterEvent?(context: TContext): Promise<void>;
}): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          const header = ctx.connectionParams?.[CALLER_HEADER];
          ctx.extra.caller = await verifyCaller(typeof header === 'string' ? header : undefined, options.secret);
          return true;
        } catch {
          options.logger.warn('refused a subscription connection without a gateway-signed caller');
          return false;
        }
      },
      context: (ctx) => options.createContext(ctx.extra.caller as Caller) as Record<string, unknown>,
      onNext: async (_ctx, _id, _payload, args) => {
        await options.afterEvent?.(args.contextValue as TContext);
      },
    },
    wsServer,
  );
  return {
    close: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
