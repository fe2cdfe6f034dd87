import { randomBytes } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callSubgraph, subscribe } from '@clinicflow/testing';
import { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../src';

interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface AuditEventNode {
  id: string;
  occurredAt: string;
  subject: string;
  role: string;
  clientId: string | null;
  ip: string | null;
  patientId: string;
  action: 'READ' | 'CHANGE';
  entityType: string;
  service: string;
  operationName: string | null;
}

/** Plain SQL against the platform's database, as an operator with the superuser's rights would run it. */
interface SqlClient {
  query<T = Record<string, unknown>>(
    statement: string,
    parameters?: unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
  end(): Promise<void>;
}

interface AuditPage {
  auditEvents: {
    totalCount: number;
    edges: { cursor: string; node: AuditEventNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const AUDIT_EVENTS = `query AuditTrail($patientId: ID, $subject: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int!, $after: String) {
  auditEvents(patientId: $patientId, subject: $subject, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    edges { cursor node { id occurredAt subject role clientId ip patientId action entityType service operationName } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Shared with the platform, to call a subgraph as the gateway does. */
const CONTEXT_SECRET = randomBytes(32).toString('hex');

/**
 * Issue 7's audit log, through the gateway: every read and change of patient data leaves a row (who,
 * what, which patient, when, through which app), a compliance officer reads them, nobody else can,
 * and the table refuses to be edited, even through SQL.
 */
describe('audit log', () => {
  let platform: TestPlatform;
  let sql: SqlClient;
  let admin: string;
  let reception: string;
  let clinician: string;
  let billing: string;
  let compliance: string;
  let patientId: string;
  let otherPatientId: string;
  let facilityId: string;
  let serviceId: string;
  let started: Date;

  const post = async <T = Record<string, unknown>>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLBody<T>> => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody<T>;
  };
  const run = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await post<T>(token, query, variables);
    if (body.errors) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const trailOf = async (patient: string, first = 500): Promise<AuditEventNode[]> =>
    (await run<AuditPage>(compliance, AUDIT_EVENTS, { patientId: patient, first })).auditEvents.edges.map(
      (edge) => edge.node,
    );
  const register = async (mrn: string) =>
    (
      await run<{ registerPatient: { id: string } }>(
        reception,
        'mutation RegisterPatient($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
        { input: { mrn, givenName: 'Audra', familyName: 'Trailing', birthDate: '1979-03-08', phone: '+15550100777' } },
      )
    ).registerPatient.id;
  const recordLabResult = async (patient: string, value: number) =>
    (
      await run<{ recordLabResult: { id: string } }>(
        clinician,
        'mutation RecordLabResult($input: LabResultInput!) { recordLabResult(input: $input) { id } }',
        {
          input: {
            patientId: patient,
            loincCode: '2345-7',
            display: 'Glucose',
            valueQuantity: value,
            unit: 'mg/dL',
            issuedAt: new Date().toISOString(),
          },
        },
      )
    ).recordLabResult.id;

  beforeAll(async () => {
    platform = await startTestPlatform('audit', { contextSigningSecret: CONTEXT_SECRET });
    const source = new DataSource({ type: 'postgres', url: platform.database.url });
    await source.initialize();
    sql = {
      query: async <T>(statement: string, parameters: unknown[] = []) => {
        const rows = (await source.query(statement, parameters)) as T[];
        return { rows, rowCount: rows.length };
      },
      end: () => source.destroy(),
    };
    admin = await platform.token('admin', { subject: 'admin-ada' });
    reception = await platform.token('reception', { subject: 'reception-rita' });
    // The clinician works through the clinic's EHR app, which its token names.
    clinician = await platform.token('clinician', { subject: 'dr-cole', clientId: 'clinic-ehr' });
    billing = await platform.token('billing', { subject: 'billing-bo' });
    compliance = await platform.token('compliance', { subject: 'compliance-cora' });

    const { createFacility } = await run<{ createFacility: { id: string } }>(
      admin,
      'mutation { createFacility(input: { code: "AUD", name: "Audit clinic", timezone: "UTC" }) { id } }',
    );
    facilityId = createFacility.id;
    const { createService } = await run<{ createService: { id: string } }>(
      admin,
      'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      { input: { facilityId, tokenPrefix: 'AU', name: 'Bloods', defaultServiceMinutes: 5, slotMinutes: 10 } },
    );
    serviceId = createService.id;
    otherPatientId = await register('AUDIT-OTHER-1');
    started = new Date();
  });
  afterAll(async () => {
    await sql?.end();
    await platform?.stop();
  });

  describe('a morning at the clinic, as the log tells it', () => {
    let invoiceId: string;
    let labResultId: string;

    beforeAll(async () => {
      // Reception registers the patient and checks them in.
      patientId = await register('AUDIT-1');
      await run(
        reception,
        'mutation CheckIn($input: CheckInInput!) { checkIn(input: $input) { id token patient { id displayName } } }',
        { input: { facilityId, serviceId, patientId } },
      );
      // The lab's result arrives (recorded by the clinician), then the clinician reads the results.
      labResultId = await recordLabResult(patientId, 104.7);
      const read = await run<{ patient: { labResults: { edges: { node: { id: string } }[] } } }>(
        clinician,
        `query ClinicianReadsLabResults($id: ID!) {
          patient(id: $id) { id givenName labResults { edges { node { id valueQuantity } } } }
        }`,
        { id: patientId },
      );
      expect(read.patient.labResults.edges.map((edge) => edge.node.id)).toEqual([labResultId]);
      // Billing raises the co-pay and takes the payment.
      const { createInvoice } = await run<{ createInvoice: { id: string } }>(
        billing,
        'mutation CreateInvoice($input: InvoiceInput!) { createInvoice(input: $input) { id } }',
        { input: { patientId, description: 'Co-pay', amountCents: 2500 } },
      );
      invoiceId = createInvoice.id;
      await run(billing, 'mutation MarkInvoicePaid($id: ID!) { markInvoicePaid(id: $id) { id status } }', {
        id: invoiceId,
      });
    });

    it('holds who, what, which patient, when, through which app and where, for each step', async () => {
      const trail = await trailOf(patientId);
      const finished = new Date();
      const seen = trail.map((event) => `${event.subject} ${event.action} ${event.entityType} @${event.service}`);
      expect(seen).toEqual(
        expect.arrayContaining([
          'reception-rita CHANGE Patient @patients',
          'reception-rita CHANGE QueueEntry @queue',
          // The check-in's response showed the patient's display name: a read, through the entity reference.
          'reception-rita READ Patient @patients',
          'dr-cole CHANGE LabResult @clinical',
          'dr-cole READ Patient @patients',
          'dr-cole READ LabResult @clinical',
          'billing-bo CHANGE Invoice @billing',
        ]),
      );
      for (const event of trail) {
        expect(event.patientId).toBe(patientId);
        expect(new Date(event.occurredAt).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
        expect(new Date(event.occurredAt).getTime()).toBeLessThanOrEqual(finished.getTime() + 1000);
        // From where: the address the gateway saw, this test's loopback.
        expect(['127.0.0.1', '::1', '::ffff:127.0.0.1']).toContain(event.ip);
      }
      // One row per patient, action and type in each request: a change written in its transaction is
      // not written again from the mutation's result.
      const perRequest = trail.map((event) => `${event.operationName} ${event.action} ${event.entityType}`);
      expect(new Set(perRequest).size).toBe(perRequest.length);
      const byClinician = trail.filter((event) => event.subject === 'dr-cole');
      expect(byClinician.every((event) => event.role === 'clinician' && event.clientId === 'clinic-ehr')).toBe(true);
      expect(trail.filter((event) => event.subject !== 'dr-cole').every((event) => event.clientId === null)).toBe(true);
      const read = trail.find((event) => event.subject === 'dr-cole' && event.entityType === 'LabResult')!;
      expect(read).toMatchObject({ action: 'READ', service: 'clinical' });
      expect(read.operationName).toMatch(/^ClinicianReadsLabResults/);
      const paid = trail.filter((event) => event.entityType === 'Invoice' && event.action === 'CHANGE');
      // createInvoice and markInvoicePaid: one row each.
      expect(paid.map((event) => event.operationName)).toEqual([
        expect.stringMatching(/^MarkInvoicePaid/),
        expect.stringMatching(/^CreateInvoice/),
      ]);
    });

    it('is newest first, a page at a time, and filters by subject and time', async () => {
      const all = await trailOf(patientId);
      const times = all.map((event) => new Date(event.occurredAt).getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const pages: AuditEventNode[] = [];
      let after: string | null = null;
      do {
        const page: AuditPage = await run<AuditPage>(compliance, AUDIT_EVENTS, { patientId, first: 2, after });
        expect(page.auditEvents.totalCount).toBe(all.length);
        pages.push(...page.auditEvents.edges.map((edge) => edge.node));
        after = page.auditEvents.pageInfo.hasNextPage ? page.auditEvents.pageInfo.endCursor : null;
      } while (after);
      expect(pages.map((event) => event.id)).toEqual(all.map((event) => event.id));

      const bySubject = await run<AuditPage>(compliance, AUDIT_EVENTS, { subject: 'billing-bo', first: 50 });
      expect(bySubject.auditEvents.edges.length).toBeGreaterThan(0);
      expect(bySubject.auditEvents.edges.every((edge) => edge.node.subject === 'billing-bo')).toBe(true);

      const future = await run<AuditPage>(compliance, AUDIT_EVENTS, {
        patientId,
        from: new Date(Date.now() + 60_000).toISOString(),
        first: 50,
      });
      expect(future.auditEvents.totalCount).toBe(0);
      const before = await run<AuditPage>(compliance, AUDIT_EVENTS, { patientId, to: started.toISOString(), first: 5 });
      expect(before.auditEvents.totalCount).toBe(0);
    });

    it("keeps each patient's accesses apart, and holds ids, never names", async () => {
      const other = await trailOf(otherPatientId);
      expect(other.map((event) => `${event.action} ${event.entityType}`)).toEqual(['CHANGE Patient']);
      const { rows } = await sql.query<Record<string, unknown>>('SELECT * FROM audit.event');
      const text = JSON.stringify(rows);
      for (const value of ['Audra', 'Trailing', '1979-03-08', '+15550100777', 'AUDIT-1', 'Co-pay', '104.7']) {
        expect(text).not.toContain(value);
      }
    });

    it('records a live event delivered with patient data', async () => {
      const subscription = await subscribe<GraphQLBody<{ labResultAvailable: { id: string } }>>(
        platform.gateway.url,
        { authorization: `Bearer ${clinician}` },
        'subscription FollowResults($p: ID!) { labResultAvailable(patientId: $p) { id valueQuantity } }',
        { p: patientId },
      );
      try {
        // The gateway opens its upstream subscription as the first member joins: until it is open, a
        // new result reaches nobody, so results are recorded until one is delivered.
        let event: GraphQLBody<{ labResultAvailable: { id: string } }> | undefined;
        for (let attempt = 0; attempt < 10 && !event; attempt += 1) {
          await recordLabResult(patientId, 99);
          event = await subscription.next(1000).catch(() => undefined);
        }
        expect(event?.data?.labResultAvailable.id).toBeDefined();
        const delivered = (await trailOf(patientId)).filter(
          (row) => row.operationName?.startsWith('FollowResults') && row.entityType === 'LabResult',
        );
        // Live events reach the subgraph as the subscription group's caller, with the members' role:
        // one row per event delivered.
        expect(delivered.length).toBeGreaterThanOrEqual(1);
        for (const row of delivered) {
          expect(row).toMatchObject({ action: 'READ', role: 'clinician', service: 'clinical', patientId });
          expect(row.subject).toMatch(/^subscription-group:/);
        }
      } finally {
        await subscription.close();
      }
    });

    it('records the address and the app the gateway signs into the caller', async () => {
      const patients = platform.subgraphs.get('patients')!;
      const caller = {
        subject: 'kiosk-7',
        role: 'reception',
        scopes: [],
        clientId: 'check-in-kiosk',
        ip: '203.0.113.9',
      };
      const body = await callSubgraph(
        patients.url,
        CONTEXT_SECRET,
        caller as Caller,
        'query KioskLookup($id: ID!) { patient(id: $id) { id } }',
        {
          id: patientId,
        },
      );
      expect(body.errors).toBeUndefined();
      const rows = (await trailOf(patientId)).filter((event) => event.subject === 'kiosk-7');
      expect(rows).toEqual([
        expect.objectContaining({
          action: 'READ',
          entityType: 'Patient',
          service: 'patients',
          clientId: 'check-in-kiosk',
          ip: '203.0.113.9',
          operationName: 'KioskLookup',
        }),
      ]);
    });

    it("records a waiting-room display's board: the visits and the names it shows", async () => {
      const display = await platform.token('display', { subject: 'lobby-screen', facilityId });
      const board = await run<{ queueEntries: { edges: { node: { patient: { displayName: string } } }[] } }>(
        display,
        'query Board($f: ID!) { queueEntries(facilityId: $f) { edges { node { token patient { displayName } } } } }',
        { f: facilityId },
      );
      expect(board.queueEntries.edges.map((edge) => edge.node.patient.displayName)).toEqual(['Audra T.']);
      const rows = (await trailOf(patientId)).filter((event) => event.subject === 'lobby-screen');
      expect(rows.map((event) => `${event.role} ${event.action} ${event.entityType} @${event.service}`).sort()).toEqual(
        ['display READ Patient @patients', 'display READ QueueEntry @queue'],
      );
    });

    it('records nothing for a refused read', async () => {
      const before = await trailOf(patientId);
      const refused = await post(
        reception,
        'query ReceptionTriesResults($id: ID!) { labResult(id: $id) { id valueQuantity } }',
        { id: labResultId },
      );
      expect(refused.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
      const after = await trailOf(patientId);
      expect(after.map((event) => event.id)).toEqual(before.map((event) => event.id));
    });
  });

  describe('who may read it', () => {
    it.each(['patient', 'reception', 'clinician', 'billing', 'display'] as const)(
      'refuses %s with FORBIDDEN and none of the log',
      async (role) => {
        const token = await platform.token(role, {
          ...(role === 'patient' ? { patientId } : {}),
          ...(role === 'display' ? { facilityId } : {}),
        });
        const body = await post(token, AUDIT_EVENTS, { patientId, first: 10 });
        expect(body.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
        expect(body.data ?? null).toBeNull();
      },
    );

    it('lets an admin read it, and gives compliance nothing of the clinical records', async () => {
      const page = await run<AuditPage>(admin, AUDIT_EVENTS, { patientId, first: 1 });
      expect(page.auditEvents.totalCount).toBeGreaterThan(0);
      const clinical = await post(compliance, 'query ($id: ID!) { patient(id: $id) { id givenName } }', {
        id: patientId,
      });
      expect(clinical.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
      expect(clinical.data ?? null).toBeNull();
    });

    it('offers no way to change it through the API', async () => {
      const body = await post<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
        admin,
        '{ __schema { mutationType { fields { name } } } }',
      );
      const mutations = body.data!.__schema.mutationType.fields.map((field) => field.name);
      expect(mutations.length).toBeGreaterThan(0);
      expect(mutations.filter((name) => /audit/i.test(name))).toEqual([]);
    });
  });

  describe('the table', () => {
    it.each([
      ['UPDATE', `UPDATE audit.event SET subject = 'someone-else'`],
      ['DELETE', 'DELETE FROM audit.event'],
      ['TRUNCATE', 'TRUNCATE audit.event'],
    ])('refuses %s, even from the database superuser', async (_verb, statement) => {
      const before = await sql.query<{ count: string; subjects: string }>(
        `SELECT count(*) AS count, string_agg(DISTINCT subject, ',' ORDER BY subject) AS subjects FROM audit.event`,
      );
      expect(Number(before.rows[0]!.count)).toBeGreaterThan(0);
      await expect(sql.query(statement)).rejects.toThrow(/append-only/);
      const after = await sql.query<{ count: string; subjects: string }>(
        `SELECT count(*) AS count, string_agg(DISTINCT subject, ',' ORDER BY subject) AS subjects FROM audit.event`,
      );
      expect(after.rows[0]).toEqual(before.rows[0]);
    });
  });

  describe('when the audit log cannot be written', () => {
    // A trigger that refuses every new row stands in for an unreachable or full audit table.
    beforeAll(async () => {
      await sql.query(`CREATE FUNCTION audit.test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit table unavailable (test)'; END $$`);
      await sql.query(`CREATE TRIGGER test_refuse_insert BEFORE INSERT ON audit.event
        FOR EACH STATEMENT EXECUTE FUNCTION audit.test_refuse_insert()`);
    });
    afterAll(async () => {
      await sql.query('DROP TRIGGER IF EXISTS test_refuse_insert ON audit.event');
      await sql.query('DROP FUNCTION IF EXISTS audit.test_refuse_insert()');
    });

    it('refuses a change and rolls it back: no unaudited change', async () => {
      const body = await post<{ updatePatient: { id: string } }>(
        reception,
        'mutation ($id: ID!) { updatePatient(id: $id, changes: { preferredLanguage: "fr" }) { id } }',
        { id: patientId },
      );
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(body.data ?? null).toBeNull();
      const { rows } = await sql.query<{ preferred_language: string }>(
        'SELECT preferred_language FROM patients.patient WHERE id = $1',
        [patientId],
      );
      expect(rows[0]!.preferred_language).toBe('en');

      const invoice = await post(billing, 'mutation ($input: InvoiceInput!) { createInvoice(input: $input) { id } }', {
        input: { patientId, description: 'Unaudited', amountCents: 100 },
      });
      expect(invoice.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      const invoices = await sql.query("SELECT 1 FROM billing.invoice WHERE description = 'Unaudited'");
      expect(invoices.rowCount).toBe(0);
    });

    it('still serves reads, so the clinic keeps working (the loss is logged and counted)', async () => {
      const body = await post<{ patient: { id: string; givenName: string } }>(
        clinician,
        'query ($id: ID!) { patient(id: $id) { id givenName } }',
        { id: patientId },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.patient).toEqual({ id: patientId, givenName: 'Audra' });
    });
  });
});
