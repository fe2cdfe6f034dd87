import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CALLER_HEADER, type Caller, signCaller } from '@clinicflow/platform';

export interface Subscription<T> {
  /** Waits for the next event (or fails after `timeoutMs`). */
  next(timeoutMs?: number): Promise<T>;
  /** Everything received and not yet taken by `next`. */
  pending(): T[];
  close(): Promise<void>;
}

/**
 * Opens one graphql-ws subscription and queues what arrives, so a test can act and then await the
 * event it expects. `connectionParams` carries whatever the server authenticates with.
 */
export async function subscribe<T = { data?: Record<string, unknown>; errors?: unknown[] }>(
  url: string,
  connectionParams: Record<string, unknown>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Subscription<T>> {
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    // Connection failures reach the test through the 'closed' listener below.
    onNonLazyError: () => {},
  });
  const queue: T[] = [];
  const waiters: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  let failure: unknown = null;
  const acknowledged = new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (event) => reject(new Error(`connection closed: ${JSON.stringify(event)}`)));
  });
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const waiter = waiters.shift();
        if (waiter) waiter.resolve(value as T);
        else queue.push(value as T);
      },
      error: (error) => {
        failure = error;
        const reason = error instanceof Error ? error : new Error(JSON.stringify(error));
        for (const waiter of waiters.splice(0)) waiter.reject(reason);
      },
      complete: () => {},
    },
  );
  await acknowledged;
  return {
    next: (timeoutMs = 5000) => {
      if (failure) return Promise.reject(failure instanceof Error ? failure : new Error(JSON.stringify(failure)));
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
    pending: () => queue.splice(0),
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

/** Subscribes to a subgraph the way the gateway does: with a caller signed for it. */
export async function subscribeSubgraph<T = { data?: Record<string, unknown>; errors?: unknown[] }>(
  url: string,
  secret: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Subscription<T>> {
  return subscribe<T>(url, { [CALLER_HEADER]: await signCaller(caller, secret) }, query, variables);
}
