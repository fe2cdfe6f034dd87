import { randomBytes, randomUUID } from 'node:crypto';
import { type Caller, createLiveEvents, createLogger, type Environment, startSubgraph } from '@clinicflow/platform';
import { callers, callSubgraph, createTestDatabase, TEST_CONTEXT_SECRET, type TestDatabase } from '@clinicflow/testing';
import { Client } from 'pg';
import { billingSubgraph } from '../src/subgraph';

const key = () => randomBytes(32).toString('base64');
const OLD = `k1:${key()}`;
const NEW = `k2:${key()}`;
const BLIND_INDEX_KEY = key();
const LOOKUP = 'query ($p: String!, $m: String!) { coverageByMemberId(payer: $p, memberId: $m) { memberId } }';

/** Rotating the field encryption key (decision 0017): old values keep opening, and are sealed again. */
describe('member ids across a key rotation', () => {
  let database: TestDatabase;
  let sql: Client;
  const liveEvents = createLiveEvents();
  const start = (environment: Environment) =>
    startSubgraph(billingSubgraph, {
      databaseUrl: database.url,
      port: 0,
      contextSigningSecret: TEST_CONTEXT_SECRET,
      liveEvents,
      logger: createLogger('test-billing', process.env.TEST_LOG_LEVEL ?? 'silent'),
      environment,
    });
  const sealedKeyIds = async () =>
    (await sql.query("SELECT split_part(member_id, '.', 2) AS id FROM billing.coverage ORDER BY id")).rows.map(
      (row: { id: string }) => row.id,
    );

  beforeAll(async () => {
    database = await createTestDatabase('billing_rotation');
    sql = new Client({ connectionString: database.url });
  });
  afterAll(async () => {
    await sql.end();
    await liveEvents.close();
    await database.drop();
  });

  it('opens values sealed under the old key, seals them again under the new one, then needs only the new one', async () => {
    const before = await start({ FIELD_ENCRYPTION_KEYS: OLD, BLIND_INDEX_KEY });
    const call = (url: string, query: string, variables: Record<string, unknown>, caller: Caller = callers.billing) =>
      callSubgraph(url, TEST_CONTEXT_SECRET, caller, query, variables);
    for (const memberId of ['ROT-0001', 'ROT-0002']) {
      const added = await call(before.url, 'mutation ($input: CoverageInput!) { addCoverage(input: $input) { id } }', {
        input: { patientId: randomUUID(), payer: 'Acme Health', memberId },
      });
      expect(added.errors).toBeUndefined();
    }
    await before.stop();
    await sql.connect();
    expect(await sealedKeyIds()).toEqual(['k1', 'k1']);

    const rotating = await start({ FIELD_ENCRYPTION_KEYS: `${NEW},${OLD}`, BLIND_INDEX_KEY });
    const deadline = Date.now() + 10_000;
    while ((await sealedKeyIds()).includes('k1') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await sealedKeyIds()).toEqual(['k2', 'k2']);
    await rotating.stop();

    const after = await start({ FIELD_ENCRYPTION_KEYS: NEW, BLIND_INDEX_KEY });
    try {
      const found = await call(after.url, LOOKUP, { p: 'Acme Health', m: 'ROT-0002' });
      expect(found.errors).toBeUndefined();
      expect(found.data?.coverageByMemberId).toEqual({ memberId: 'ROT-0002' });
    } finally {
      await after.stop();
    }
  });
});
