import { randomBytes } from 'node:crypto';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import type { Caller } from '@clinicflow/platform';
import { Client } from 'pg';
import { patientsSubgraph } from '../src/subgraph';

const REGISTER = /* GraphQL */ `
  mutation Register($input: PatientRegistration!) {
    registerPatient(input: $input) {
      id
      nationalId
    }
  }
`;
const READ = 'query ($id: ID!) { patient(id: $id) { id nationalId } }';
const UPDATE =
  'mutation ($id: ID!, $changes: PatientChanges!) { updatePatient(id: $id, changes: $changes) { nationalId } }';

const ENVIRONMENT = {
  FIELD_ENCRYPTION_KEYS: `2026a:${randomBytes(32).toString('base64')}`,
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};
const SSN = '521-44-8093';

describe('national ids: encrypted at rest, read by few', () => {
  let subgraph: TestSubgraph;
  let sql: Client;
  let patientId: string;
  const call = (query: string, variables: Record<string, unknown>, caller: Caller = callers.reception) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);
  const stored = async () =>
    (
      await sql.query('SELECT national_id, row_to_json(p)::text AS row FROM patients.patient p WHERE id = $1', [
        patientId,
      ])
    ).rows[0];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(patientsSubgraph, { environment: ENVIRONMENT });
    sql = new Client({ connectionString: subgraph.testDatabase.url });
    await sql.connect();
    const registered = await call(REGISTER, {
      input: { mrn: 'NID-1', givenName: 'Nadia', familyName: 'Idris', birthDate: '1979-09-09', nationalId: SSN },
    });
    expect(registered.errors).toBeUndefined();
    patientId = (registered.data?.registerPatient as { id: string }).id;
  });
  afterAll(async () => {
    await sql?.end();
    await subgraph?.stop();
  });

  it('stores only the sealed value, and gives the plaintext back to reception', async () => {
    const row = await stored();
    expect(row.national_id).toMatch(/^v1\.2026a\./);
    expect(row.row).not.toContain(SSN);
    expect(row.row).not.toContain('8093');
    const read = await call(READ, { id: patientId });
    expect(read.data?.patient).toEqual({ id: patientId, nationalId: SSN });
  });

  it('re-seals a changed id and keeps no trace of the old one', async () => {
    const before = (await stored()).national_id as string;
    const changed = await call(UPDATE, { id: patientId, changes: { nationalId: '521-44-8094' } });
    expect(changed.data?.updatePatient).toEqual({ nationalId: '521-44-8094' });
    const after = await stored();
    expect(after.national_id).not.toBe(before);
    expect(after.row).not.toContain('8094');
    await call(UPDATE, { id: patientId, changes: { nationalId: SSN } });
  });

  it('refuses it to clinicians, and refuses a malformed one, keeping the stored one', async () => {
    const clinician = await call(READ, { id: patientId }, callers.clinician);
    expect(clinician.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(clinician)).not.toContain(SSN);
    const bad = await call(UPDATE, { id: patientId, changes: { nationalId: '<b>521448093</b>' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // (The gateway strips the offending value from validation errors before any client sees them.)
    expect(JSON.stringify(bad.errors)).toContain('nationalId must be 4-20 letters, digits, spaces or hyphens');
    expect((await call(READ, { id: patientId })).data?.patient).toEqual({ id: patientId, nationalId: SSN });
  });
});
