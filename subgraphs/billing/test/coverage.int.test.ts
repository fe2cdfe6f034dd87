import { randomBytes, randomUUID } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { Client } from 'pg';
import { billingSubgraph } from '../src/subgraph';

const ADD = /* GraphQL */ `
  mutation Add($input: CoverageInput!) {
    addCoverage(input: $input) {
      id
      payer
      memberId
    }
  }
`;
const LOOKUP = /* GraphQL */ `
  query Lookup($payer: String!, $memberId: String!) {
    coverageByMemberId(payer: $payer, memberId: $memberId) {
      id
      memberId
      patient {
        id
      }
    }
  }
`;
const BY_ID = /* GraphQL */ `
  query Coverage($id: ID!) {
    coverage(id: $id) {
      id
      payer
      memberId
      patient {
        id
      }
    }
  }
`;
const OF_PATIENT = /* GraphQL */ `
  query Coverages($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Patient {
        coverages {
          payer
          memberId
        }
      }
    }
  }
`;

/** Keys as production sets them in the environment (decision 0017). */
const ENVIRONMENT = {
  FIELD_ENCRYPTION_KEYS: `2026a:${randomBytes(32).toString('base64')}`,
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};
const MEMBER_ID = 'XZK884213397';

describe('insurance coverage: member ids encrypted at rest', () => {
  let subgraph: TestSubgraph;
  let sql: Client;
  const patientId = randomUUID();
  const call = (query: string, variables: Record<string, unknown>, caller: Caller = callers.billing) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);
  const rows = async () => (await sql.query('SELECT row_to_json(c)::text AS row FROM billing.coverage c')).rows;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(billingSubgraph, { environment: ENVIRONMENT });
    sql = new Client({ connectionString: subgraph.testDatabase.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await subgraph?.stop();
  });

  it('keeps only the sealed member id and its blind index in PostgreSQL, and returns the plaintext', async () => {
    const added = await call(
      ADD,
      { input: { patientId, payer: 'Acme Health', memberId: MEMBER_ID } },
      callers.reception,
    );
    expect(added.errors).toBeUndefined();
    expect(added.data?.addCoverage).toMatchObject({ payer: 'Acme Health', memberId: MEMBER_ID });
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0].row).not.toContain(MEMBER_ID);
    expect(stored[0].row).not.toContain('884213397');
    const { rows: columns } = await sql.query('SELECT member_id, member_id_index FROM billing.coverage');
    expect(columns[0].member_id).toMatch(/^v1\.2026a\./);
    expect(columns[0].member_id_index).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a coverage by member id through the blind index, however the id is written', async () => {
    const found = await call(LOOKUP, { payer: 'acme health', memberId: 'xzk 884-213-397' });
    expect(found.errors).toBeUndefined();
    expect(found.data?.coverageByMemberId).toMatchObject({ memberId: MEMBER_ID, patient: { id: patientId } });
    const none = await call(LOOKUP, { payer: 'Other Payer', memberId: MEMBER_ID });
    expect(none.data?.coverageByMemberId).toBeNull();
  });

  it('refuses the same member id at the same payer for anyone, without naming it, and writes nothing', async () => {
    const duplicate = await call(ADD, {
      input: { patientId: randomUUID(), payer: 'ACME HEALTH', memberId: 'xzk884213397' },
    });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(JSON.stringify(duplicate.errors)).not.toMatch(/884213397/i);
    const invalid = await call(ADD, { input: { patientId, payer: 'Acme Health', memberId: '<script>' } });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rows()).toHaveLength(1);
  });

  it("shows a patient their own coverage, and nobody else's", async () => {
    const own: Caller = { subject: 'p', role: 'patient', patientId, scopes: [] };
    const mine = await call(OF_PATIENT, { r: [{ __typename: 'Patient', id: patientId }] }, own);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?._entities).toEqual([{ coverages: [{ payer: 'Acme Health', memberId: MEMBER_ID }] }]);
    const other: Caller = { subject: 'q', role: 'patient', patientId: randomUUID(), scopes: [] };
    const theirs = await call(OF_PATIENT, { r: [{ __typename: 'Patient', id: patientId }] }, other);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(theirs)).not.toContain(MEMBER_ID);
    const lookup = await call(LOOKUP, { payer: 'Acme Health', memberId: MEMBER_ID }, callers.reception);
    expect(lookup.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reads a coverage by id for the desks and its own patient, audited as a read of that patient', async () => {
    const [{ id }] = (await sql.query('SELECT id FROM billing.coverage WHERE patient_id = $1', [patientId])).rows;
    const expected = { id, payer: 'Acme Health', memberId: MEMBER_ID, patient: { id: patientId } };
    const own: Caller = { subject: 'p', role: 'patient', patientId, scopes: [] };
    for (const caller of [callers.billing, callers.reception, callers.admin, own]) {
      const read = await call(BY_ID, { id }, caller);
      expect(read.errors).toBeUndefined();
      expect(read.data?.coverage).toEqual(expected);
    }
    const audit = await sql.query(
      `SELECT DISTINCT role FROM audit.event WHERE patient_id = $1 AND action = 'READ' AND entity_type = 'Coverage'`,
      [patientId],
    );
    expect(audit.rows.map((row) => row.role).sort()).toEqual(['admin', 'billing', 'patient', 'reception']);
  });

  it('refuses a coverage by id to another patient and to roles without insurance, and names no unknown one', async () => {
    const [{ id }] = (await sql.query('SELECT id FROM billing.coverage WHERE patient_id = $1', [patientId])).rows;
    const other: Caller = { subject: 'q', role: 'patient', patientId: randomUUID(), scopes: [] };
    const compliance: Caller = { subject: 'auditor', role: 'compliance', scopes: [] };
    for (const caller of [other, callers.clinician, compliance]) {
      const refused = await call(BY_ID, { id }, caller);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused)).not.toContain(MEMBER_ID);
    }
    for (const unknown of [randomUUID(), 'not-a-uuid']) {
      const missing = await call(BY_ID, { id: unknown });
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(missing.data?.coverage ?? null).toBeNull();
    }
  });
});
