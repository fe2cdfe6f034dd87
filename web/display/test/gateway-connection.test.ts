import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { followQueueUpdates, type UpdateListener } from '../src/gateway-connection';
import type { QueueUpdate } from '../src/queue-board';
import { entry, update } from './fixtures';

/** The part of the gateway's schema the subscription is validated against. */
const schema = buildSchema(/* GraphQL */ `
  type Query {
    ok: Boolean
  }
  type Named {
    name: String!
  }
  type Patient {
    displayName: String!
  }
  type QueueEntry {
    id: ID!
    token: String!
    status: String!
    priority: Int!
    position: Int
    estimatedWaitMinutes: Int
    calledAt: String
    servicePoint: Named
    service: Named
    patient: Patient
  }
  type QueueUpdate {
    facilityId: ID!
    sequence: Int!
    reason: String!
    entry: QueueEntry
    occurredAt: String!
  }
  type Subscription {
    queueUpdated(facilityId: ID!): QueueUpdate!
  }
`);

/** A graphql-ws server like the gateway's: token checked at connection, one stream per subscriber. */
function fakeGateway() {
  const streams = new Set<{ push(update: QueueUpdate): void; end(): void }>();
  let server: { http: http.Server; dispose(): Promise<void> } | null = null;
  let connectionAttempts = 0;
  let port = 0;
  let refuseFacility: string | null = null;

  async function* stream(): AsyncGenerator<{ queueUpdated: QueueUpdate }> {
    const queued: (QueueUpdate | null)[] = [];
    let wake: (() => void) | null = null;
    const handle = {
      push: (u: QueueUpdate) => {
        queued.push(u);
        wake?.();
      },
      end: () => {
        queued.push(null);
        wake?.();
      },
    };
    streams.add(handle);
    try {
      for (;;) {
        if (queued.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const next = queued.shift();
        if (next === null || next === undefined) return;
        yield { queueUpdated: next };
      }
    } finally {
      streams.delete(handle);
    }
  }

  return {
    streams,
    attempts: () => connectionAttempts,
    url: () => `ws://127.0.0.1:${port}/graphql`,
    refuseSubscriptionsFor: (facilityId: string) => {
      refuseFacility = facilityId;
    },
    async start() {
      const httpServer = http.createServer();
      const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
      wsServer.on('connection', () => (connectionAttempts += 1));
      const graphqlWs = useServer(
        {
          schema,
          roots: { subscription: { queueUpdated: stream } },
          onConnect: (ctx) => ctx.connectionParams?.authorization === 'Bearer display.jwt',
          onSubscribe: (_ctx, _id, payload) =>
            payload.variables?.facilityId === refuseFacility
              ? [new GraphQLError('This token is scoped to another facility', { extensions: { code: 'FORBIDDEN' } })]
              : undefined,
        },
        wsServer,
      );
      await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
      port = (httpServer.address() as AddressInfo).port;
      server = {
        http: httpServer,
        dispose: async () => {
          await graphqlWs.dispose();
          await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        },
      };
    },
    async stop() {
      for (const s of streams) s.end();
      await server?.dispose();
      server = null;
    },
    publish(u: QueueUpdate) {
      for (const s of streams) s.push(u);
    },
    endStreams() {
      for (const s of streams) s.end();
    },
  };
}

function recordingListener() {
  const calls: string[] = [];
  const updates: QueueUpdate[] = [];
  const listener: UpdateListener = {
    subscribed: () => calls.push('subscribed'),
    interrupted: () => calls.push('interrupted'),
    update: (u) => {
      calls.push(`update ${u.sequence}`);
      updates.push(u);
    },
    refuse: () => calls.push('refuse'),
  };
  return { listener, calls, updates };
}

async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('followQueueUpdates', () => {
  const gateway = fakeGateway();
  let connection: { close(): void } | undefined;

  beforeEach(() => gateway.start());
  afterEach(async () => {
    connection?.close();
    await gateway.stop();
  });

  const follow = (listener: UpdateListener, token = 'display.jwt', facilityId = 'f1') => {
    connection = followQueueUpdates({
      url: gateway.url(),
      token,
      facilityId,
      listener,
      webSocketImpl: WebSocket,
      retryWait: () => 50,
    });
  };

  it('reports the subscription, then delivers each update', async () => {
    const { listener, calls, updates } = recordingListener();
    follow(listener);
    await eventually(() => gateway.streams.size === 1 && calls.includes('subscribed'), 'the subscription');
    gateway.publish(update(4, 'CHECKED_IN', entry('1')));
    await eventually(() => updates.length === 1, 'the update');
    expect(updates[0]?.entry?.patient).toEqual({ displayName: 'Patient 1.' });
    expect(calls).toEqual(['subscribed', 'update 4']);
  });

  it('reconnects and subscribes again after the gateway restarts on the same port', async () => {
    const { listener, calls, updates } = recordingListener();
    follow(listener);
    await eventually(() => gateway.streams.size === 1, 'the subscription');
    await gateway.stop();
    await eventually(() => calls.includes('interrupted'), 'the interruption');
    await sleep(200);
    await gateway.start();
    await eventually(() => gateway.streams.size === 1, 'the subscription after the restart');
    await eventually(() => calls.filter((c) => c === 'subscribed').length === 2, 'a second subscribed');
    gateway.publish(update(9, 'CHECKED_IN', entry('2')));
    await eventually(() => updates.length === 1, 'an update after the restart');
  });

  it('subscribes again when the server ends the stream (a subgraph went away)', async () => {
    const { listener, calls } = recordingListener();
    follow(listener);
    await eventually(() => gateway.streams.size === 1, 'the subscription');
    gateway.endStreams();
    await eventually(() => calls.filter((c) => c === 'subscribed').length === 2, 'a second subscription');
    expect(calls).toContain('interrupted');
    expect(gateway.streams.size).toBe(1);
  });

  it('stops for good when the token is refused at connection (4403)', async () => {
    const { listener, calls } = recordingListener();
    follow(listener, 'forged.jwt');
    await eventually(() => calls.includes('refuse'), 'the refusal');
    const attempts = gateway.attempts();
    await sleep(300);
    expect(gateway.attempts()).toBe(attempts);
    expect(calls.filter((c) => c === 'refuse')).toHaveLength(1);
    expect(calls).not.toContain('subscribed');
  });

  it('stops for good when the subscription is refused (a display of another facility)', async () => {
    gateway.refuseSubscriptionsFor('f2');
    const { listener, calls } = recordingListener();
    follow(listener, 'display.jwt', 'f2');
    await eventually(() => calls.includes('refuse'), 'the refusal');
    const attempts = gateway.attempts();
    await sleep(300);
    expect(gateway.attempts()).toBe(attempts);
  });
});

describe('followQueueUpdates on a link that went silent', () => {
  it('notices a missing pong, drops the socket and connects again', async () => {
    // Acknowledges the connection, then never answers anything: a half-open link looks like this.
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'graphql-transport-ws' });
    let connections = 0;
    silent.on('connection', (socket) => {
      connections += 1;
      socket.once('message', () => socket.send(JSON.stringify({ type: 'connection_ack' })));
    });
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    const { listener, calls } = recordingListener();
    const connection = followQueueUpdates({
      url: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`,
      token: 'display.jwt',
      facilityId: 'f1',
      listener,
      webSocketImpl: WebSocket,
      retryWait: () => 20,
      keepAliveMs: 50,
      pongTimeoutMs: 100,
    });
    try {
      await eventually(() => connections >= 2 && calls.includes('interrupted'), 'a reconnection');
      expect(calls).not.toContain('refuse');
    } finally {
      connection.close();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
