import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { buildSafelistManifest, normalizeOperation, operationHash, type RunningGateway } from '@clinicflow/gateway';
import { subscribe } from '@clinicflow/testing';
import { print } from 'graphql';
import WebSocket from 'ws';
import {
  CheckInDocument,
  FacilitiesDocument,
  QueueBoardDocument,
  REDIS_TEST_URL,
  RegisterPatientDocument,
  startTestPlatform,
  type TestPlatform,
} from '../src';

interface Reply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

const send = async (url: string, token: string, body: string, headers: Record<string, string> = {}): Promise<Reply> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Reply['body'] };
};
const graphql = (url: string, token: string, query: string, variables: Record<string, unknown> = {}) =>
  send(url, token, JSON.stringify({ query, variables }));

const codes = (reply: Reply) => (reply.body.errors ?? []).map((error) => error.extensions?.code);

const nested = (levels: number) => {
  let selection = 'id';
  for (let level = 0; level < levels; level += 1) selection = `queueEntries { patient { ${selection} } }`;
  return selection;
};

/**
 * Attacks on the gateway, each refused with a clear error while a steady stream of normal traffic
 * from another caller keeps being served; then rate limits (one process and across replicas through
 * Redis), the safelist that holds third-party apps to registered operations, introspection policy
 * and the request deadline.
 */
describe('abuse at the gateway', () => {
  let platform: TestPlatform;
  let attacker: string;
  let facilityId: string;
  let patientId: string;

  beforeAll(async () => {
    platform = await startTestPlatform('abuse');
    const admin = await platform.token('admin');
    attacker = await platform.token('reception', { subject: 'attacker' });
    const facility = await graphql(
      platform.gateway.url,
      admin,
      'mutation { createFacility(input: { code: "ABU", name: "Abuse", timezone: "UTC" }) { id } }',
    );
    facilityId = (facility.body.data!.createFacility as { id: string }).id;
    const service = await graphql(
      platform.gateway.url,
      admin,
      'mutation ($f: ID!) { createService(input: { facilityId: $f, tokenPrefix: "A", name: "Clinic", defaultServiceMinutes: 5, slotMinutes: 10 }) { id } }',
      { f: facilityId },
    );
    const serviceId = (service.body.data!.createService as { id: string }).id;
    for (const [index, name] of ['Ada', 'Grace', 'Edsger'].entries()) {
      const registered = await platform.execute(admin, RegisterPatientDocument, {
        input: { mrn: `ABUSE-${index}`, givenName: name, familyName: 'Steady', birthDate: '1980-01-01' },
      });
      patientId = registered.data!.registerPatient.id;
      await platform.execute(admin, CheckInDocument, { input: { facilityId, serviceId, patientId } });
    }
  });
  afterAll(() => platform?.stop());

  /** Runs the attack while another caller reads the queue board back to back; every read must succeed. */
  async function whileServingNormalTraffic(attack: () => Promise<void>): Promise<void> {
    const token = await platform.token('clinician', { subject: 'consulting-room' });
    const served: { status: number; entries?: number; errors?: unknown }[] = [];
    let attacking = true;
    const steady = (async () => {
      while (attacking || served.length < 3) {
        const reply = await platform.execute(token, QueueBoardDocument, { facilityId, first: 20 });
        served.push({ status: reply.status, entries: reply.data?.queueEntries.totalCount, errors: reply.errors });
      }
    })();
    try {
      await attack();
    } finally {
      attacking = false;
      await steady;
    }
    expect(served.length).toBeGreaterThanOrEqual(3);
    for (const reply of served) expect(reply).toEqual({ status: 200, entries: 3, errors: undefined });
  }

  const flood = async (count: number, one: () => Promise<Reply>) => Promise.all(Array.from({ length: count }, one));

  it('refuses depth bombs, naming the limit', async () => {
    await whileServingNormalTraffic(async () => {
      const replies = await flood(40, () =>
        graphql(platform.gateway.url, attacker, `query ($id: ID!) { patient(id: $id) { ${nested(10)} } }`, {
          id: patientId,
        }),
      );
      for (const reply of replies) {
        expect(reply.status).toBe(400);
        expect(new Set(codes(reply))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
        expect(reply.body.errors?.[0]?.message).toBe('Query depth limit of 12 exceeded, found 22.');
      }
    });
  });

  it('refuses alias bombs', async () => {
    const aliases = Array.from({ length: 100 }, (_, index) => `a${index}: facilities { id }`).join(' ');
    await whileServingNormalTraffic(async () => {
      for (const reply of await flood(40, () => graphql(platform.gateway.url, attacker, `{ ${aliases} }`))) {
        expect(reply.status).toBe(400);
        expect(reply.body.errors?.[0]).toMatchObject({
          message: 'Aliases limit of 15 exceeded, found 100.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        });
      }
    });
  });

  it('refuses documents with too many tokens before parsing them, and costly or directive-heavy ones', async () => {
    const huge = `{ facilities { ${'__typename '.repeat(80_000)} } }`;
    const costly = `{ patients(first: 500) { edges { node { id queueEntries { id token facility { id services { id name } } } } } } }`;
    const directives = `{ facilities { ${'id @skip(if: false) '.repeat(60)} } }`;
    await whileServingNormalTraffic(async () => {
      for (const reply of await flood(20, () => graphql(platform.gateway.url, attacker, huge))) {
        expect(reply.status).toBe(400);
        expect(reply.body.errors).toEqual([
          {
            message: 'Token limit of 2000 exceeded: send a shorter operation.',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ]);
      }
      const cost = await graphql(platform.gateway.url, attacker, costly);
      expect(cost.status).toBe(400);
      expect(cost.body.errors?.[0]?.message).toMatch(/^Query Cost limit of 5000 exceeded, found \d+/);
      const directed = await graphql(platform.gateway.url, attacker, directives);
      expect(directed.status).toBe(400);
      expect(directed.body.errors?.[0]?.message).toBe('Directives limit of 50 exceeded, found 60.');
    });
  });

  it('refuses oversized bodies with a GraphQL error, not an HTML page', async () => {
    const body = JSON.stringify({ query: '{ facilities { id } }', variables: { padding: 'x'.repeat(2_000_000) } });
    await whileServingNormalTraffic(async () => {
      for (const reply of await flood(10, () => send(platform.gateway.url, attacker, body))) {
        expect(reply.status).toBe(413);
        expect(reply.body.errors).toEqual([
          {
            message: 'The request body exceeds the limit of 1 MB.',
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: 1_048_576 },
          },
        ]);
      }
    });
  });

  it('refuses floods of batched operations', async () => {
    const batch = JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ facilities { id } }' })));
    await whileServingNormalTraffic(async () => {
      for (const reply of await flood(50, () => send(platform.gateway.url, attacker, batch))) {
        expect(reply.status).toBe(400);
        expect(reply.body.errors).toEqual([
          {
            message: 'Batched operations are not accepted (this request holds 100): send one operation per request.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ]);
      }
    });
  });

  it('refuses invalid scalars and malformed bodies, saying which value is wrong but not echoing it', async () => {
    const checkIn = 'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }';
    const lab = 'mutation ($input: LabResultInput!) { recordLabResult(input: $input) { id } }';
    const clinician = await platform.token('clinician', { subject: 'attacker-clinician' });
    await whileServingNormalTraffic(async () => {
      const priority = await graphql(platform.gateway.url, attacker, checkIn, {
        input: { facilityId, patientId, priority: 'urgent-please' },
      });
      expect(priority.status).toBe(400);
      expect(priority.body.errors?.[0]).toMatchObject({
        message: 'Variable "$input" got an invalid value at "input.priority"; Int cannot represent non-integer value.',
        extensions: { code: 'BAD_USER_INPUT' },
      });

      const channel = await graphql(platform.gateway.url, attacker, checkIn, {
        input: { facilityId, patientId, channel: 'CARRIER_PIGEON' },
      });
      expect(channel.body.errors?.[0]?.message).toBe(
        'Variable "$input" got an invalid value at "input.channel"; The value does not exist in "CheckInChannel" enum.',
      );

      const id = await graphql(platform.gateway.url, attacker, 'query ($id: ID!) { facility(id: $id) { id } }', {
        id: { $ne: null },
      });
      expect(codes(id)).toEqual(['BAD_USER_INPUT']);

      const literal = await graphql(platform.gateway.url, attacker, '{ patients(first: "all") { totalCount } }');
      expect(literal.status).toBe(400);
      expect(literal.body.errors?.[0]).toMatchObject({
        message: 'Int cannot represent non-integer value.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });

      const issuedAt = await graphql(platform.gateway.url, clinician, lab, {
        input: { patientId, loincCode: '2345-7', display: 'Glucose', valueQuantity: 1, issuedAt: 'last tuesday' },
      });
      expect(issuedAt.body.errors?.[0]).toMatchObject({
        message: 'Variable "$input" got an invalid value at "input.issuedAt"; DateTime cannot represent this value.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      for (const reply of [priority, channel, id, literal, issuedAt]) {
        expect(JSON.stringify(reply.body)).not.toMatch(/urgent-please|CARRIER_PIGEON|\$ne|"all"|last tuesday/);
      }

      const broken = await send(platform.gateway.url, attacker, '{"query": "{ facilities { id } }"');
      expect(broken.status).toBe(400);
      expect(broken.body.errors).toEqual([
        { message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
      ]);
    });
  });

  it('applies the same limits to subscriptions over WebSocket', async () => {
    const subscription = await subscribe(
      platform.gateway.url,
      { authorization: `Bearer ${attacker}` },
      `subscription ($p: ID!) { labResultAvailable(patientId: $p) { patient { ${nested(10)} } } }`,
      { p: patientId },
    );
    try {
      await expect(subscription.next()).rejects.toThrow(/Query depth limit of 12 exceeded.*GRAPHQL_VALIDATION_FAILED/);
    } finally {
      await subscription.close();
    }
    const aliased = await subscribe(
      platform.gateway.url,
      { authorization: `Bearer ${attacker}` },
      `subscription ($p: ID!) { labResultAvailable(patientId: $p) { ${Array.from({ length: 20 }, (_, i) => `a${i}: id`).join(' ')} } }`,
      { p: patientId },
    );
    try {
      await expect(aliased.next()).rejects.toThrow(/Aliases limit of 15 exceeded, found 20/);
    } finally {
      await aliased.close();
    }
  });

  it('closes a WebSocket whose message exceeds the size limit', async () => {
    // graphql-ws reports any socket error on the console; this one is the point of the test.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const socket = new WebSocket(platform.gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(2_000_000) } }));
      expect(await closed).toBe(1009);
    } finally {
      quiet.mockRestore();
    }
  });

  describe('rate limits per caller', () => {
    let limited: RunningGateway;

    beforeAll(async () => {
      limited = await platform.startGateway({ rateLimit: { points: 20, durationSeconds: 60 } });
    });

    it('refuses a burst over the limit from one caller while another caller is still served', async () => {
      const burster = await platform.token('reception', { subject: `burst-${randomUUID()}` });
      const replies = await Promise.all(
        Array.from({ length: 30 }, () => graphql(limited.url, burster, '{ facilities { id } }')),
      );
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(20);
      const refused = replies.filter((reply) => reply.status === 429);
      expect(refused).toHaveLength(10);
      for (const reply of refused) {
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
        expect(reply.body.errors?.[0]?.message).toMatch(
          /^Rate limit of 20 requests per 60 s exceeded for this caller; retry after \d+ s\.$/,
        );
      }

      const other = await platform.token('reception', { subject: `calm-${randomUUID()}` });
      const served = await graphql(limited.url, other, '{ facilities { id } }');
      expect(served.status).toBe(200);
      const origin = new URL(limited.url).origin;
      for (let check = 0; check < 30; check += 1) expect((await fetch(`${origin}/healthz`)).status).toBe(200);

      const subscription = await subscribe(
        limited.url,
        { authorization: `Bearer ${burster}` },
        'subscription ($p: ID!) { labResultAvailable(patientId: $p) { id } }',
        { p: patientId },
      );
      try {
        await expect(subscription.next()).rejects.toThrow(/RATE_LIMITED/);
      } finally {
        await subscription.close();
      }
    });

    it('shares one budget between gateway replicas through Redis', async () => {
      const first = await platform.startGateway({
        rateLimit: { points: 10, durationSeconds: 60, redisUrl: REDIS_TEST_URL },
      });
      const second = await platform.startGateway({
        rateLimit: { points: 10, durationSeconds: 60, redisUrl: REDIS_TEST_URL },
      });
      const caller = await platform.token('reception', { subject: `replicated-${randomUUID()}` });
      const statuses: number[] = [];
      for (let round = 0; round < 6; round += 1) {
        for (const gateway of [first, second]) {
          statuses.push((await graphql(gateway.url, caller, '{ facilities { id } }')).status);
        }
      }
      expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    });
  });

  describe('third-party apps and the safelist', () => {
    let safelisted: RunningGateway;
    const registered = print(FacilitiesDocument);

    beforeAll(async () => {
      const operations = join(__dirname, '..', 'operations');
      safelisted = await platform.startGateway({
        safelist: {
          operations: buildSafelistManifest(
            ['facilities.graphql', 'patients.graphql', 'queue-board.graphql'].map((file) =>
              readFileSync(join(operations, file), 'utf8'),
            ),
          ),
          enforce: true,
        },
      });
    });

    it('serves a third-party app the registered operations, by text or by hash alone', async () => {
      const app = await platform.token('reception', { subject: 'acme-scheduler', clientId: 'acme-scheduler' });
      const byText = await graphql(safelisted.url, app, registered);
      expect(byText.status).toBe(200);
      expect(byText.body.errors).toBeUndefined();
      const byHash = await send(
        safelisted.url,
        app,
        JSON.stringify({
          extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(normalizeOperation(registered)) } },
        }),
      );
      expect(byHash.body).toEqual(byText.body);
    });

    it('refuses a third-party app any other operation, over HTTP and WebSocket', async () => {
      for (const app of [
        await platform.token('reception', { subject: 'acme-scheduler', clientId: 'acme-scheduler' }),
        await platform.token('reception', { subject: 'delegated-app', scopes: ['queue:read'] }),
      ]) {
        const adHoc = await graphql(safelisted.url, app, '{ patients { totalCount edges { node { givenName } } } }');
        expect(adHoc.status).toBe(403);
        expect(adHoc.body.errors).toEqual([
          {
            message:
              'This operation is not on the safelist of persisted operations that third-party apps may run; ask the clinic to register it.',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        ]);
        const unknownHash = await send(
          safelisted.url,
          app,
          JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
        );
        expect(codes(unknownHash)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
        const subscription = await subscribe(
          safelisted.url,
          { authorization: `Bearer ${app}` },
          'subscription ($p: ID!) { labResultAvailable(patientId: $p) { id } }',
          { p: patientId },
        );
        try {
          await expect(subscription.next()).rejects.toThrow(/PERSISTED_QUERY_NOT_FOUND/);
        } finally {
          await subscription.close();
        }
      }
    });

    it("leaves staff on the clinic's own apps free to run any operation", async () => {
      const staff = await platform.token('reception');
      const adHoc = await graphql(safelisted.url, staff, '{ patients { totalCount } }');
      expect(adHoc.status).toBe(200);
      expect(adHoc.body.errors).toBeUndefined();
    });
  });

  describe('introspection policy', () => {
    it('answers introspection and suggests names in embedded mode', async () => {
      const reply = await graphql(platform.gateway.url, attacker, '{ __schema { queryType { name } } }');
      expect(reply.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const typo = await graphql(platform.gateway.url, attacker, '{ facilitis { id } }');
      expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "facilities"/);
    });

    it('refuses introspection and gives no hint of the schema where it is off (production)', async () => {
      const closed = await platform.startGateway({ introspection: false });
      const reply = await graphql(closed.url, attacker, '{ __schema { types { name } } }');
      expect(reply.status).toBe(400);
      expect(codes(reply)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const typo = await graphql(closed.url, attacker, '{ facilitis { id } }');
      expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "facilitis" on type "Query".');
      const wrongInput = await graphql(
        closed.url,
        attacker,
        'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
        { input: { facilityId, patientId, prority: 1 } },
      );
      expect(wrongInput.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const subscription = await subscribe(
        closed.url,
        { authorization: `Bearer ${attacker}` },
        'subscription ($p: ID!) { labResultAvailble(patientId: $p) { id } }',
        { p: patientId },
      );
      try {
        const refusal = subscription.next();
        await expect(refusal).rejects.toThrow(/Cannot query field/);
        await expect(refusal).rejects.not.toThrow(/Did you mean/);
      } finally {
        await subscription.close();
      }
    });
  });

  it('cuts off a client that sends its request too slowly', async () => {
    const strict = await platform.startGateway({ requestTimeoutMs: 1000 });
    const { port } = new URL(strict.url);
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer).toMatch(/^HTTP\/1.1 408/);
  });
});
