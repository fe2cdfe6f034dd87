import { randomUUID } from 'node:crypto';
import { startTwilioSandbox, type TwilioSandbox } from '@clinicflow/sandbox';
import { freePorts, Hl7Sender } from '@clinicflow/testing';
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
/** What identifies the person: none of it may be left in any table once they are erased. */
const IDENTIFYING = [
  PERSON.mrn,
  PERSON.givenName,
  PERSON.familyName,
  PERSON.phone,
  PERSON.email,
  PERSON.nationalId,
  MEMBER_ID,
];
const until = async (check: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

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
  let twilio: TwilioSandbox;
  let hl7: Hl7Sender;

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
    // Every place the patient's details reach: SMS through the Twilio sandbox, HL7 through the MLLP listener.
    twilio = await startTwilioSandbox();
    const mllpPort = await freePorts(1);
    platform = await startTestPlatform('erasure', {
      subgraphEnvironment: {
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM_NUMBER: '+15555550100',
        TWILIO_API_URL: twilio.url,
        // Status callbacks are not part of this test: nothing listens there.
        NOTIFICATIONS_WEBHOOK_BASE_URL: 'http://127.0.0.1:9',
        HL7_MLLP_PORT: String(mllpPort),
      },
    });
    hl7 = new Hl7Sender(mllpPort);
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
    await leaveTracesEverywhere();
  });
  afterAll(async () => {
    hl7?.close();
    await sql?.end();
    await platform?.stop();
    await twilio?.close();
  });

  /** Preferences and consent, a text message sent on check-in, an HL7 ADT and an EHR link with a conflict. */
  async function leaveTracesEverywhere(): Promise<void> {
    await ok(
      admin,
      'mutation ($p: ID!, $input: NotificationPreferencesInput!) { updateNotificationPreferences(patientId: $p, input: $input) { patientId } }',
      { p: patientId, input: { emailOptedOut: true, timeZone: 'Europe/Oslo' } },
    );
    const { createFacility } = await ok<{ createFacility: { id: string } }>(
      admin,
      'mutation { createFacility(input: { code: "ERA", name: "Erasure clinic", timezone: "UTC" }) { id } }',
    );
    const { createService } = await ok<{ createService: { id: string } }>(
      admin,
      'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      {
        input: {
          facilityId: createFacility.id,
          tokenPrefix: 'ER',
          name: 'GP',
          defaultServiceMinutes: 5,
          slotMinutes: 10,
        },
      },
    );
    await ok(admin, 'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }', {
      input: { facilityId: createFacility.id, serviceId: createService.id, patientId },
    });
    await until(async () => twilio.messages.some((message) => message.to === PERSON.phone), 'the check-in SMS');
    await until(
      async () =>
        (
          await sql.query(
            'SELECT 1 FROM patients.notification WHERE patient_id = $1 AND provider_message_id IS NOT NULL',
            [patientId],
          )
        ).rowCount! > 0,
      'the notification marked sent',
    );

    const adt = [
      `MSH|^~\\&|EHR|MAIN|CLINICFLOW|CLINIC|20261122083000||ADT^A08|ERASE-A08-1|P|2.5`,
      'EVN|A08|20261122083000',
      `PID|1||${PERSON.mrn}||${PERSON.familyName}^${PERSON.givenName}||19660616|F|||||${PERSON.phone}`,
      `NK1|1|${PERSON.familyName}^Olaf|SPO|||${PERSON.phone}`,
    ].join('\r');
    expect((await hl7.send(adt)).code).toBe('AA');
    await until(
      async () =>
        (await sql.query('SELECT 1 FROM clinical.hl7_patient WHERE patient_id = $1', [patientId])).rowCount === 1,
      'the MRN map to follow the registered patient',
    );

    // An EHR link and an open conflict, as the sync leaves them: both hold the patient's demographics.
    const demographics = { givenName: PERSON.givenName, familyName: PERSON.familyName, phone: PERSON.phone };
    await sql.query(
      `INSERT INTO patients.ehr_link (patient_id, ehr_id, version_id, synced_values, synced_at) VALUES ($1, $2, '3', $3, now())`,
      [patientId, randomUUID(), JSON.stringify(demographics)],
    );
    await sql.query(`INSERT INTO patients.sync_conflict (patient_id, ehr_version_id, fields) VALUES ($1, '4', $2)`, [
      patientId,
      JSON.stringify([{ field: 'PHONE', clinicflow: PERSON.phone, ehr: '+15550100000', base: null }]),
    ]);
  }

  /** Every text, JSON and array column of every table in the database that holds one of the values. */
  async function tracesOf(values: string[]): Promise<string[]> {
    const { rows: columns } = await sql.query<{ schema: string; table: string; column: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE'
          AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
    );
    const found: string[] = [];
    for (const { schema, table, column } of columns) {
      const { rows } = await sql.query<{ value: string }>(
        `SELECT pattern AS value FROM unnest($1::text[]) AS pattern
          WHERE EXISTS (SELECT 1 FROM "${schema}"."${table}" WHERE strpos(lower("${column}"::text), lower(pattern)) > 0)`,
        [values],
      );
      found.push(...rows.map((row) => `${schema}.${table}.${column}: ${row.value}`));
    }
    expect(columns.length).toBeGreaterThan(50);
    return found;
  }

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

  it('leaves none of their identifiers in any table of any subgraph, the audit log included', async () => {
    // Each subgraph erases its part when the durable event reaches it.
    await until(
      async () =>
        (await sql.query('SELECT 1 FROM clinical.hl7_patient WHERE patient_id = $1', [patientId])).rowCount === 0,
      "clinical's erasure",
    );
    expect(await tracesOf(IDENTIFYING)).toEqual([]);

    // What must be kept is kept, without the person: the fact of the consent change, the notification's
    // status, the HL7 message (its control id still dedupes a resend).
    const { rows: consent } = await sql.query(
      'SELECT channel, opted_out, source, actor FROM patients.consent_change WHERE patient_id = $1',
      [patientId],
    );
    expect(consent).toEqual([{ channel: 'email', opted_out: true, source: 'api', actor: 'erased' }]);
    const { rows: notifications } = await sql.query(
      'SELECT status, details, provider_message_id FROM patients.notification WHERE patient_id = $1',
      [patientId],
    );
    expect(notifications.length).toBeGreaterThan(0);
    for (const notification of notifications)
      expect(notification).toEqual({
        status: expect.stringMatching(/^(sent|delivered|skipped)$/),
        details: {},
        provider_message_id: null,
      });
    const { rows: messages } = await sql.query("SELECT raw FROM clinical.hl7_message WHERE control_id = 'ERASE-A08-1'");
    expect(messages[0].raw.split('\r')).toEqual([
      expect.stringContaining('|ERASE-A08-1|'),
      'EVN|A08|20261122083000',
      'PID|1',
      'NK1|1',
    ]);
    for (const table of ['ehr_link', 'sync_conflict', 'contact_preference']) {
      const { rowCount } = await sql.query(`SELECT 1 FROM patients.${table} WHERE patient_id = $1`, [patientId]);
      expect({ table, rows: rowCount }).toEqual({ table, rows: 0 });
    }
    // The audit log names the patient by id only (the scan above found none of their details there).
    const { rows: audit } = await sql.query('SELECT count(*)::int AS n FROM audit.event WHERE patient_id = $1', [
      patientId,
    ]);
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it("audits the notification job's read of the patient's contact details, as a system actor", async () => {
    const { rows } = await sql.query(
      `SELECT subject, role, action, entity_type AS "entityType", service FROM audit.event
        WHERE patient_id = $1 AND subject = 'system:patients.notification-sends'`,
      [patientId],
    );
    // One row per send (a run of the job) and patient: at least the check-in's text.
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row).toEqual({
        subject: 'system:patients.notification-sends',
        role: 'system',
        action: 'READ',
        entityType: 'Patient',
        service: 'patients',
      });
  });
});
