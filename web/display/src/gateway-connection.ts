import { type Client, CloseCode, createClient, type FormattedExecutionResult } from 'graphql-ws/client';
import { UPDATES_SUBSCRIPTION } from './board-query';
import type { QueueUpdate } from './queue-board';

/** What the connection reports; BoardSync implements it. */
export interface UpdateListener {
  /** A subscription is in place: the board must be (re)loaded now. */
  subscribed(): void;
  /** The connection dropped or the server ended the subscription. */
  interrupted(): void;
  update(update: QueueUpdate): void;
  /** The gateway refused the token: nothing will be retried. */
  refuse(): void;
}

export interface QueueUpdatesOptions {
  /** `ws(s)://<host>/graphql`. */
  url: string;
  token: string;
  facilityId: string;
  listener: UpdateListener;
  /** Node's `ws` in tests; the browser's WebSocket otherwise. */
  webSocketImpl?: unknown;
  /** Wait before the n-th (from 0) reconnection or resubscription. */
  retryWait?: (attempt: number) => number;
  /** How often to ping; a pong missing for `pongTimeoutMs` closes the socket, so a dead link is noticed. */
  keepAliveMs?: number;
  pongTimeoutMs?: number;
}

/** 1 s, 2 s, 4 s ... up to 15 s, with up to 1 s of jitter so a room of displays does not reconnect in step. */
export const backoff = (attempt: number) => Math.min(15_000, 1_000 * 2 ** attempt) + Math.floor(Math.random() * 1_000);

const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

const isCloseEvent = (value: unknown): value is { code: number } =>
  typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';

/** A 4403 close (the token was refused when the connection opened), or a refusal error from a subgraph. */
function isRefusal(value: unknown): boolean {
  if (isCloseEvent(value)) return value.code === CloseCode.Forbidden;
  const errors = Array.isArray(value) ? value : (value as FormattedExecutionResult | null)?.errors;
  return (errors ?? []).some((error: { extensions?: { code?: unknown } }) =>
    REFUSAL_CODES.has(String(error.extensions?.code ?? '')),
  );
}

/**
 * Follows `queueUpdated` for one facility over graphql-ws, authenticated with the display's token
 * in `connectionParams`. graphql-ws reconnects (forever, with backoff) and resubscribes by itself
 * when the socket drops, as after a gateway restart; when the server ends the stream instead (a
 * subgraph went away), this subscribes again. Every new subscription is reported, so the board is
 * reloaded each time (board-sync.ts). A refused token (4403) stops everything.
 */
export function followQueueUpdates(options: QueueUpdatesOptions): { close(): void } {
  const { listener } = options;
  const retryWait = options.retryWait ?? backoff;
  const pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
  let closed = false;
  let endedInARow = 0;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let resubscribeTimer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  let activeSocket: { close(code: number, reason: string): void } | undefined;
  let connectedSocket: unknown;

  const client: Client = createClient({
    url: options.url,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    connectionParams: () => ({ authorization: `Bearer ${options.token}` }),
    retryAttempts: Number.POSITIVE_INFINITY,
    // Network errors too (the gateway is down: the socket errors before it closes), but not 4403.
    shouldRetry: (errorOrClose) => !(isCloseEvent(errorOrClose) && errorOrClose.code === CloseCode.Forbidden),
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryWait(retries))),
    keepAlive: options.keepAliveMs ?? 10_000,
    on: {
      connected: (socket) => {
        connectedSocket = socket;
        // graphql-ws sends the Subscribe message right after this event: report it after that,
        // unless the socket closed in between (then `interrupted` came first and stands).
        setTimeout(() => {
          if (!closed && connectedSocket === socket) listener.subscribed();
        }, 0);
      },
      closed: () => {
        connectedSocket = undefined;
        clearTimeout(pongTimer);
        if (!closed) listener.interrupted();
      },
      ping: (received) => {
        if (received) return;
        pongTimer = setTimeout(() => activeSocket?.close(4408, 'Pong timeout'), pongTimeoutMs);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      opened: (socket) => {
        activeSocket = socket as { close(code: number, reason: string): void };
      },
    },
  });

  const refuse = () => {
    if (closed) return;
    close();
    listener.refuse();
  };

  const subscribeAgainLater = () => {
    if (closed) return;
    listener.interrupted();
    clearTimeout(resubscribeTimer);
    resubscribeTimer = setTimeout(subscribe, retryWait(endedInARow++));
  };

  function subscribe(): void {
    unsubscribe = client.subscribe<{ queueUpdated: QueueUpdate }>(
      { query: UPDATES_SUBSCRIPTION, operationName: 'DisplayUpdates', variables: { facilityId: options.facilityId } },
      {
        next: (result) => {
          if (isRefusal(result)) return refuse();
          const update = result.data?.queueUpdated;
          if (!update) return;
          endedInARow = 0;
          listener.update(update);
        },
        error: (error) => (isRefusal(error) ? refuse() : subscribeAgainLater()),
        complete: subscribeAgainLater,
      },
    );
  }

  function close(): void {
    if (closed) return;
    closed = true;
    clearTimeout(resubscribeTimer);
    clearTimeout(pongTimer);
    unsubscribe?.();
    void client.dispose();
  }

  subscribe();
  return { close };
}
