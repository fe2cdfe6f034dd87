import { freePorts, Hl7Sender, hl7Sample, parseHl7Sample, subscribe, withHl7Field } from '@clinicflow/testing';
import { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../src';

/** A LOINC-coded glucose result for the patient with this MRN, from the default-mapped sender LAB/MAIN. */
const glucose = (controlId: string, mrn: string, value: number, flag: string) =>
  [
    `MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|${controlId}|P|2.5`,
    `PID|1||${mrn}||ROE^MARY||19700101|F`,
    'OBR|1|PL-9||2345-7^Glucose^LN|||20261122080000',
    `OBX|1|NM|2345-7^Glucose^LN||${value}|mg/dL|70-99|${flag}|||F`,
  ].join('\r');

/**
 * Issue 6 across the platform: ADT messages register and update patients in the patients subgraph,
 * a critical result raises the patient's queue priority at once and alerts clinical staff live, and
 * a patient registered through the API before their first ADT keeps their id, results included.
 */
describe('HL7 v2 messages through the whole platform', () => {
  let platform: TestPlatform;
  let sql: DataSource;
  let sender: Hl7Sender;
  let admin: string;
  let reception: string;
  let clinician: string;

  const run = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const patientByMrn = async (mrn: string) =>
    (
      await run<{
        patients: {
          edges: {
            node: { id: string; mrn: string; givenName: string; familyName: string; birthDate: string; gender: string };
          }[];
        };
      }>(
        reception,
        'query ($search: String) { patients(search: $search, first: 5) { edges { node { id mrn givenName familyName birthDate gender } } } }',
        { search: mrn },
      )
    ).patients.edges.map((edge) => edge.node);

  beforeAll(async () => {
    // The MLLP listener of this platform's clinical subgraph, on a port of its own.
    const port = await freePorts(1);
    // Facility RFX's GP visits (service A) need the patient's lab results first.
    platform = await startTestPlatform('hl7', {
      subgraphEnvironment: { HL7_MLLP_PORT: String(port), RESULTS_FIRST_SERVICES: 'RFX:A' },
    });
    sql = new DataSource({ type: 'postgres', url: platform.database.url });
    await sql.initialize();
    sender = new Hl7Sender(port);
    admin = await platform.token('admin');
    reception = await platform.token('reception');
    clinician = await platform.token('clinician');
  });
  afterAll(async () => {
    sender?.close();
    await sql?.destroy();
    await platform?.stop();
  });

  it('registers the patient of the ADT^A04 sample, and updates them from an A08', async () => {
    const text = hl7Sample('adt.hl7');
    const pid = parseHl7Sample(text).getSegment('PID')!;
    const mrn = pid.getComponent(3, 1);
    expect((await sender.send(text)).code).toBe('AA');

    await waitFor(async () => (await patientByMrn(mrn)).length === 1);
    const [registered] = await patientByMrn(mrn);
    const birth = pid.getField(7);
    expect(registered).toMatchObject({
      mrn,
      familyName: pid.getComponent(5, 1),
      givenName: pid.getComponent(5, 2),
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      gender: 'MALE',
    });

    const update = withHl7Field(
      withHl7Field(withHl7Field(text, 'MSH', 9, 'ADT^A08'), 'MSH', 10, 'A08-1'),
      'PID',
      5,
      'DOE^JONATHAN',
    );
    expect((await sender.send(update)).code).toBe('AA');
    await waitFor(async () => (await patientByMrn(mrn))[0]?.givenName === 'JONATHAN');
    expect((await patientByMrn(mrn))[0]!.id).toBe(registered!.id);
  });

  it('raises the priority of a critical result’s patient in the queue at once, and alerts clinicians live', async () => {
    const mrn = 'HL7-CRIT-1';
    const register = withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'A04-CRIT'), 'PID', 3, mrn);
    expect((await sender.send(register)).code).toBe('AA');
    await waitFor(async () => (await patientByMrn(mrn)).length === 1);
    const [patient] = await patientByMrn(mrn);
    const { createFacility } = await run<{ createFacility: { id: string } }>(
      admin,
      'mutation { createFacility(input: { code: "HL7", name: "Lab clinic", timezone: "UTC" }) { id } }',
    );
    const { createService } = await run<{ createService: { id: string } }>(
      admin,
      'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      {
        input: {
          facilityId: createFacility.id,
          tokenPrefix: 'HL',
          name: 'Bloods',
          defaultServiceMinutes: 5,
          slotMinutes: 10,
        },
      },
    );
    const { checkIn } = await run<{ checkIn: { id: string; priority: number } }>(
      reception,
      'mutation ($input: CheckInInput!) { checkIn(input: $input) { id priority } }',
      { input: { facilityId: createFacility.id, serviceId: createService.id, patientId: patient!.id } },
    );
    expect(checkIn.priority).toBe(0);
    const alerts = await subscribe<{
      data?: {
        clinicalAlertRaised: {
          reason: string;
          patient: { id: string };
          labResult: { abnormalFlag: string; valueQuantity: number };
        };
      };
    }>(
      platform.gateway.url,
      { authorization: `Bearer ${clinician}` },
      'subscription { clinicalAlertRaised { reason patient { id } labResult { abnormalFlag valueQuantity } } }',
    );

    try {
      expect((await sender.send(glucose('CRIT-1', mrn, 30, 'L'))).code).toBe('AA');

      const alert = await alerts.next(10_000);
      expect(alert.data?.clinicalAlertRaised).toEqual({
        reason: 'Critical 2345-7 result (LL)',
        patient: { id: patient!.id },
        labResult: { abnormalFlag: 'CRITICALLY_LOW', valueQuantity: 30 },
      });
      await waitFor(async () => {
        const { queueEntry } = await run<{ queueEntry: { priority: number } }>(
          reception,
          'query ($id: ID!) { queueEntry(id: $id) { priority } }',
          { id: checkIn.id },
        );
        return queueEntry.priority === 10;
      });
      const history = await sql.query(
        'SELECT reason, changed_by FROM queue.priority_change WHERE queue_entry_id = $1',
        [checkIn.id],
      );
      expect(history).toEqual([{ reason: 'Critical lab result', changed_by: 'clinical.critical-result' }]);
    } finally {
      await alerts.close();
    }
  });

  it('books, moves and cancels appointments from SIU S12, S14 and S15 of the clinic’s scheduling system', async () => {
    const mrn = 'HL7-SIU-1';
    expect(
      (await sender.send(withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'A04-SIU'), 'PID', 3, mrn))).code,
    ).toBe('AA');
    const { createFacility } = await run<{ createFacility: { id: string } }>(
      admin,
      'mutation { createFacility(input: { code: "DTN", name: "Downtown", timezone: "UTC" }) { id } }',
    );
    await run(admin, 'mutation ($input: ServiceInput!) { createService(input: $input) { id } }', {
      input: {
        facilityId: createFacility.id,
        tokenPrefix: 'B',
        name: 'Blood tests',
        defaultServiceMinutes: 5,
        slotMinutes: 10,
      },
    });
    // EHRSCHED's mapping (config/hl7/clinic-ehr-scheduling.json): LAB-DTN is DTN's service B; its times are at -0500.
    const siu = (trigger: string, controlId: string, start: string) =>
      [
        `MSH|^~\\&|EHRSCHED|CLINIC|CLINICFLOW|CLINIC|20261122070000||SIU^${trigger}|${controlId}|P|2.5`,
        'SCH|APT-77|APT-77||||CANCELLED^Patient called to cancel',
        `PID|1||${mrn}||ROE^MARY||19700101|F`,
        `AIS|1||LAB-DTN^Blood tests|${start}|||10|min`,
      ].join('\r');
    const appointment = async () =>
      (await sql.query(
        "SELECT starts_at, status, cancel_reason, service_id FROM queue.appointment WHERE external_id = 'hl7:EHRSCHED/CLINIC:APT-77'",
      )) as { starts_at: Date; status: string; cancel_reason: string | null }[];

    expect((await sender.send(siu('S12', 'SIU-1', '20261123093000'))).code).toBe('AA');
    await waitFor(async () => (await appointment()).length === 1);
    expect((await appointment())[0]).toMatchObject({ starts_at: new Date('2026-11-23T14:30:00Z'), status: 'booked' });

    expect((await sender.send(siu('S14', 'SIU-2', '20261123110000'))).code).toBe('AA');
    await waitFor(async () => (await appointment())[0]?.starts_at.getTime() === Date.parse('2026-11-23T16:00:00Z'));

    expect((await sender.send(siu('S15', 'SIU-3', '20261123110000'))).code).toBe('AA');
    await waitFor(async () => (await appointment())[0]?.status === 'cancelled');
    expect((await appointment())[0]!.cancel_reason).toBe('Patient called to cancel');

    const unmapped = await sender.send(siu('S12', 'SIU-4', '20261123093000').replace('LAB-DTN', 'XRAY'));
    expect(unmapped).toMatchObject({ code: 'AE', errorCode: '103' });
  });

  it('holds a results-first visit while the patient’s lab order is pending, and releases it when the results arrive', async () => {
    const mrn = 'HL7-RF-1';
    expect(
      (await sender.send(withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'A04-RF'), 'PID', 3, mrn))).code,
    ).toBe('AA');
    await waitFor(async () => (await patientByMrn(mrn)).length === 1);
    const [patient] = await patientByMrn(mrn);
    const { createFacility } = await run<{ createFacility: { id: string } }>(
      admin,
      'mutation { createFacility(input: { code: "RFX", name: "Results first", timezone: "UTC" }) { id } }',
    );
    const service = async (tokenPrefix: string, name: string) =>
      (
        await run<{ createService: { id: string } }>(
          admin,
          'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
          {
            input: { facilityId: createFacility.id, tokenPrefix, name, defaultServiceMinutes: 10, slotMinutes: 15 },
          },
        )
      ).createService.id;
    const gp = await service('A', 'General practice');
    const bloods = await service('B', 'Blood tests');
    const checkIn = async (serviceId: string) =>
      (
        await run<{ checkIn: { id: string } }>(
          reception,
          'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
          {
            input: { facilityId: createFacility.id, serviceId, patientId: patient!.id },
          },
        )
      ).checkIn.id;
    const visit = await checkIn(gp);
    const draw = await checkIn(bloods);
    const status = async (id: string) =>
      (
        await run<{ queueEntry: { status: string; statusReason: string | null } }>(
          reception,
          'query ($id: ID!) { queueEntry(id: $id) { status statusReason } }',
          { id },
        )
      ).queueEntry;

    const order = withHl7Field(
      withHl7Field(withHl7Field(hl7Sample('orm.hl7'), 'MSH', 10, 'ORM-RF'), 'PID', 3, mrn),
      'ORC',
      2,
      'RF-ORDER-1',
    );
    expect((await sender.send(order)).code).toBe('AA');
    await waitFor(async () => (await status(visit)).status === 'HELD');
    expect(await status(visit)).toEqual({ status: 'HELD', statusReason: 'Waiting for lab results' });
    // The blood draw itself does not wait for results.
    expect((await status(draw)).status).toBe('WAITING');

    const resultText = glucose('ORU-RF', mrn, 92, 'N').replace('OBR|1|PL-9|', 'OBR|1|RF-ORDER-1|');
    expect((await sender.send(resultText)).code).toBe('AA');
    await waitFor(async () => (await status(visit)).status === 'WAITING');
    const [stored] = (await sql.query(
      "SELECT status FROM clinical.lab_order WHERE placer_order_number = 'RF-ORDER-1'",
    )) as {
      status: string;
    }[];
    expect(stored!.status).toBe('resulted');
  });

  it('keeps the id of a patient registered through the API before their first ADT, results included', async () => {
    const mrn = 'HL7-KNOWN-1';
    const { registerPatient } = await run<{ registerPatient: { id: string } }>(
      reception,
      'mutation ($input: PatientRegistration!) { registerPatient(input: $input) { id } }',
      { input: { mrn, givenName: 'Kim', familyName: 'Known', birthDate: '1990-05-05' } },
    );
    const adt = withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'A04-KNOWN'), 'PID', 3, mrn);
    expect((await sender.send(adt)).code).toBe('AA');
    await waitFor(async () => (await patientByMrn(mrn))[0]?.familyName === 'DOE');
    expect((await patientByMrn(mrn)).map((p) => p.id)).toEqual([registerPatient.id]);

    await waitFor(async () => {
      const [link] = (await sql.query('SELECT patient_id FROM clinical.hl7_patient WHERE mrn = $1', [mrn])) as {
        patient_id: string;
      }[];
      return link?.patient_id === registerPatient.id;
    });
    expect((await sender.send(glucose('KNOWN-RESULT', mrn, 90, 'N'))).code).toBe('AA');
    const { patient } = await run<{ patient: { labResults: { totalCount: number } } }>(
      clinician,
      'query ($id: ID!) { patient(id: $id) { labResults { totalCount } } }',
      { id: registerPatient.id },
    );
    expect(patient.labResults.totalCount).toBe(1);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
