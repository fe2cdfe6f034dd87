import { Client } from 'pg';
import { startTestPlatform, type TestPlatform } from '../src';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const PERSON = {
  mrn: 'ERASE-MRN-7781',
  givenName: 'Ingrid',
  familyName: 'Forgetmenot',
  birthDate: '1966-06-16',
  phone: '+15550177781',
  email: 'ingrid.f@example.org',
  nationalId: '612-30-7781',
};
const MEMBER_ID = 'ZZQ7781004';

/**
 * Issue 7: a patient's data erased on request where the law allows, through the gateway: personal
 * details overwritten in patients, insurance dropped by billing through the durable event, invoices kept
 * under the bare id, and the erasure itself in the audit log.
 */
describe('erasing a patient on request', () => {
  let platform: TestPlatform;
  let sql: Client;
  let admin: string;
  let compliance: string;
  let patientId: string;
  let invoiceId: string;

  const run = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody;
  };
  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => {
    const body = await run(token, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const ERASE =
    'mutation EraseOnRequest($id: ID!, $reason: String!) { erasePatient(id: $id, reason: $reason) { id erasedAt } }';

  beforeAll(async () => {
    platform = await startTestPlatform('erasure');
    sql = new Client({ connectionString: platform.database.url });
    await sql.connect();
    admin = await platform.token('admin');
    compliance = await platform.token('compliance', { subject: 'compliance-cora' });
    patientId = (
      await ok<{ registerPatient: { id: string } }>(
        admin,
        'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
        { input: PERSON },
      )
    ).registerPatient.id;
    await ok(admin, 'mutation ($input: CoverageInput!) { addCoverage(input: $input) { id } }', {
      input: { patientId, payer: 'Acme Health', memberId: MEMBER_ID },
    });
    invoiceId = (
      await ok<{ createInvoice: { id: string } }>(
        admin,
        'mutation ($input: InvoiceInput!) { createInvoice(input: $input) { id } }',
        { input: { patientId, description: 'Consultation', amountCents: 4200 } },
      )
    ).createInvoice.id;
  });
  afterAll(async () => {
    await sql?.end();
    await platform?.stop();
  });

  it('refuses other roles and a missing reason, changing nothing', async () => {
    const reception = await platform.token('reception');
    const refused = await run(reception, ERASE, { id: patientId, reason: 'Asked by phone' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await run(compliance, ERASE, { id: patientId, reason: '' });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { rows } = await sql.query('SELECT given_name, erased_at FROM patients.patient WHERE id = $1', [patientId]);
    expect(rows[0]).toEqual({ given_name: PERSON.givenName, erased_at: null });
  });

  it('overwrites the personal details, drops the insurance, keeps the invoice, and says so once', async () => {
    const erased = await ok<{ erasePatient: { id: string; erasedAt: string } }>(compliance, ERASE, {
      id: patientId,
      reason: 'Art. 17 request of 2026-11-20, no retention duty on contact data',
    });
    expect(erased.erasePatient.id).toBe(patientId);
    expect(new Date(erased.erasePatient.erasedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const { rows } = await sql.query('SELECT row_to_json(p)::text AS row FROM patients.patient p WHERE id = $1', [
      patientId,
    ]);
    for (const value of [...Object.values(PERSON), '7781']) expect(rows[0].row).not.toContain(value);
    const read = await ok<{ patient: Record<string, unknown> }>(
      admin,
      'query ($id: ID!) { patient(id: $id) { givenName familyName displayName phone email nationalId mrn erasedAt } }',
      { id: patientId },
    );
    expect(read.patient).toMatchObject({
      givenName: 'Erased',
      familyName: 'Patient',
      phone: null,
      email: null,
      nationalId: null,
    });
    expect(read.patient.mrn).toBe(`ERASED-${patientId}`);

    // Billing erases its part when the durable event reaches it.
    const deadline = Date.now() + 20_000;
    let coverages = -1;
    while (Date.now() < deadline) {
      coverages = Number(
        (await sql.query('SELECT count(*) AS n FROM billing.coverage WHERE patient_id = $1', [patientId])).rows[0].n,
      );
      if (coverages === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(coverages).toBe(0);
    const invoice = await ok<{ invoice: { id: string; amountCents: number; patient: { id: string } } }>(
      admin,
      'query ($id: ID!) { invoice(id: $id) { id amountCents patient { id } } }',
      { id: invoiceId },
    );
    expect(invoice.invoice).toEqual({ id: invoiceId, amountCents: 4200, patient: { id: patientId } });

    const again = await run(compliance, ERASE, { id: patientId, reason: 'Twice' });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const trail = await ok<{ auditEvents: { edges: { node: Record<string, unknown> }[] } }>(
      compliance,
      'query ($p: ID, $s: String) { auditEvents(patientId: $p, subject: $s, first: 20) { edges { node { subject role action entityType operationName } } } }',
      { p: patientId, s: 'compliance-cora' },
    );
    // Billing's consumer removed the coverage as a background job: recorded under a system actor.
    const jobTrail = await ok<{ auditEvents: { edges: { node: Record<string, unknown> }[] } }>(
      compliance,
      'query ($p: ID, $s: String) { auditEvents(patientId: $p, subject: $s, first: 20) { edges { node { subject role action entityType service operationName } } } }',
      { p: patientId, s: 'system:billing.patient-erased' },
    );
    expect(jobTrail.auditEvents.edges.map((edge) => edge.node)).toEqual([
      {
        subject: 'system:billing.patient-erased',
        role: 'system',
        action: 'CHANGE',
        entityType: 'Coverage',
        service: 'billing',
        operationName: 'billing.patient-erased',
      },
    ]);
    expect(trail.auditEvents.edges.map((edge) => edge.node)).toContainEqual({
      subject: 'compliance-cora',
      role: 'compliance',
      action: 'CHANGE',
      entityType: 'Patient',
      operationName: expect.stringMatching(/^EraseOnRequest/),
    });
  });
});
