import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../gateway-context';
import { notSafelisted, type Safelist } from './safelist';

/** Refuses a third-party app any operation that is not on the safelist, once the operation is known. */
export function safelistPlugin(safelist: Safelist): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ contextValue, document }) => {
        if (safelist.allows(contextValue.caller, document)) return;
        const refusal = notSafelisted();
        throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 403 } } });
      },
    }),
  };
}

/**
 * Apollo's persisted-query store, answered from the manifest: a client may send just the hash of a
 * registered operation (`extensions.persistedQuery.sha256Hash`). Nothing a client sends is stored,
 * so the manifest stays the only source of persisted operations.
 */
export function persistedOperations(safelist: Safelist): PersistedQueryOptions {
  return {
    ttl: null,
    cache: {
      // Apollo prefixes its keys ("apq:<hash>").
      get: async (key) => safelist.operation(key.slice(key.lastIndexOf(':') + 1)),
      set: async () => {},
      delete: async () => {},
    },
  };
}
