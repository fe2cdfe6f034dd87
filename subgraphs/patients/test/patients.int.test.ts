import type { Caller } from '@clinicflow/platform';
import {
  callers,
  callSubgraph,
  postGraphQL,
  startTestSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
} from '@clinicflow/testing';
import { patientsSubgraph } from '../src/subgraph';

const REGISTER = /* GraphQL */ `
  mutation Register($input: PatientRegistration!) {
    registerPatient(input: $input) {
      id
      mrn
      displayName
      phone
    }
  }
`;

describe('patients subgraph', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(patientsSubgraph);
  });
  afterAll(() => subgraph.stop());

  const call = (query: string, variables: Record<string, unknown> = {}, caller: Caller = callers.reception) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  it('registers a patient and finds them by name', async () => {
    const registered = await call(REGISTER, {
      input: { mrn: 'MRN-1', givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', phone: '+15550100001' },
    });
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerPatient).toMatchObject({ mrn: 'MRN-1', displayName: 'Ada L.' });

    const found = await call(`{ patients(search: "love") { totalCount edges { node { givenName } } } }`);
    expect(found.data?.patients).toEqual({ totalCount: 1, edges: [{ node: { givenName: 'Ada' } }] });
  });

  it('refuses invalid input with BAD_USER_INPUT and writes nothing', async () => {
    const response = await call(REGISTER, {
      input: { mrn: 'MRN-2', givenName: 'Bad', familyName: 'Phone', birthDate: '2001-02-30', phone: '555' },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const count = await call(`{ patients(search: "MRN-2") { totalCount } }`);
    expect(count.data?.patients).toEqual({ totalCount: 0 });
  });

  it('refuses a duplicate MRN with CONFLICT', async () => {
    const input = { mrn: 'MRN-3', givenName: 'Grace', familyName: 'Hopper', birthDate: '1906-12-09' };
    await call(REGISTER, { input });
    const again = await call(REGISTER, { input });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a request that did not come through the gateway', async () => {
    const direct = await postGraphQL(subgraph.url, '{ patients { totalCount } }');
    expect(direct.status).toBe(401);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const forged = await callSubgraph(
      subgraph.url,
      'another-secret-that-is-long-enough-0123456789',
      callers.admin,
      '{ patients { totalCount } }',
    );
    expect(forged.status).toBe(401);
  });

  it('lets a display read only display names', async () => {
    const display = { subject: 'screen-1', role: 'display' as const, scopes: [] };
    const response = await call(`{ patients { totalCount } }`, {}, display);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
