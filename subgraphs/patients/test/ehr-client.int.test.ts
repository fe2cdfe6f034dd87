import type { Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { ehrIntegrationPaused } from '../src/adapters/fhir/ehr-integration';
import { patientsSubgraph } from '../src/subgraph';
import { ehrPatient, eventually, startTestEhr, TEST_CLIENT_ID, type TestEhr } from './support/ehr-sandbox';

const REGISTER = /* GraphQL */ `
  mutation Register($input: PatientRegistration!) {
    registerPatient(input: $input) {
      id
    }
  }
`;
const ALLERGIES = /* GraphQL */ `
  query Allergies($id: ID!) {
    patient(id: $id) {
      ehrAllergies {
        substance
      }
    }
  }
`;
const INTEGRATION = `{ ehrIntegration { state reason } }`;

describe('EHR client: SMART Backend Services against the sandbox EHR', () => {
  let ehr: TestEhr;
  let subgraph: TestSubgraph;
  let patientId: string;

  const call = (query: string, variables: Record<string, unknown> = {}, caller: Caller = callers.reception) =>
    callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  beforeAll(async () => {
    // Tokens live 3 s, so the client must renew them before they run out during the test.
    ehr = await startTestEhr({ tokenLifetimeSeconds: 3 });
    const record = await ehr.sandbox.records.create(ehrPatient('MRN-C1', 'Ada', 'Lovelace', '1815-12-10'));
    await ehr.sandbox.records.create({
      resourceType: 'AllergyIntolerance',
      patient: { reference: `Patient/${record.id}` },
      code: { text: 'Penicillin' },
    });
    subgraph = await startTestSubgraph(patientsSubgraph, { environment: ehr.environment });
    const registered = await call(REGISTER, {
      input: { mrn: 'MRN-C1', givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10' },
    });
    if (registered.errors) throw new Error(JSON.stringify(registered.errors));
    patientId = (registered.data?.registerPatient as { id: string }).id;
    await call(`mutation($id: ID!) { linkPatientToEhr(patientId: $id) { ehrId } }`, { id: patientId });
  });
  afterAll(async () => {
    await subgraph.stop();
    await ehr.sandbox.close();
  });

  it('reads with one cached token, renewed before it expires, never sending an expired one', async () => {
    const first = await call(ALLERGIES, { id: patientId });
    expect(first.data?.patient).toEqual({ ehrAllergies: [{ substance: 'Penicillin' }] });
    const issuedAfterFirst = ehr.sandbox.auth.issuedCount(TEST_CLIENT_ID);
    await call(ALLERGIES, { id: patientId });
    expect(ehr.sandbox.auth.issuedCount(TEST_CLIENT_ID)).toBe(issuedAfterFirst);

    // Across two token lifetimes of reads (the poller's too), every request carried a live token.
    const until = Date.now() + 6_500;
    while (Date.now() < until) {
      const answer = await call(ALLERGIES, { id: patientId });
      expect(answer.errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(ehr.sandbox.auth.issuedCount(TEST_CLIENT_ID)).toBeGreaterThanOrEqual(issuedAfterFirst + 2);
    expect(ehr.sandbox.refusedTokens()).toBe(0);
  });

  it('pauses the integration with an alert when the credential is revoked, and resumes when it works again', async () => {
    ehr.sandbox.auth.revoke(TEST_CLIENT_ID);
    const refused = await call(ALLERGIES, { id: patientId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.errors?.[0]?.message).toMatch(/paused/);

    const status = await call(INTEGRATION, {}, callers.admin);
    expect(status.data?.ehrIntegration).toEqual({ state: 'PAUSED', reason: 'invalid_client' });
    expect((await ehrIntegrationPaused.get()).values[0]?.value).toBe(1);
    expect((await call(INTEGRATION, {}, callers.reception)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // While paused, calls fail at once without reaching the EHR.
    const answered = ehr.sandbox.requests.length;
    const again = await call(ALLERGIES, { id: patientId });
    expect(again.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(ehr.sandbox.requests.length).toBe(answered);

    ehr.sandbox.auth.restore(TEST_CLIENT_ID);
    await eventually(async () => {
      const answer = await call(INTEGRATION, {}, callers.admin);
      return (answer.data?.ehrIntegration as { state: string }).state === 'ACTIVE' ? true : undefined;
    });
    expect((await ehrIntegrationPaused.get()).values[0]?.value).toBe(0);
    const back = await call(ALLERGIES, { id: patientId });
    expect(back.data?.patient).toEqual({ ehrAllergies: [{ substance: 'Penicillin' }] });
  });

  it('pages through search bundles: every allergy of a long list, in as many requests as pages', async () => {
    const linkAnswer = await call(`query($id: ID!) { patient(id: $id) { ehrLink { ehrId } } }`, { id: patientId });
    const { ehrId } = (linkAnswer.data?.patient as { ehrLink: { ehrId: string } }).ehrLink;
    for (let index = 0; index < 120; index += 1) {
      await ehr.sandbox.records.create({
        resourceType: 'AllergyIntolerance',
        patient: { reference: `Patient/${ehrId}` },
        code: { text: `Allergen ${index}` },
      });
    }
    const before = ehr.sandbox.requests.length;
    const answer = await call(ALLERGIES, { id: patientId });
    expect((answer.data?.patient as { ehrAllergies: unknown[] }).ehrAllergies).toHaveLength(121);
    const searches = ehr.sandbox.requests
      .slice(before)
      .filter((request) => request.path.startsWith('/AllergyIntolerance'));
    expect(searches).toHaveLength(2);
  });
});
