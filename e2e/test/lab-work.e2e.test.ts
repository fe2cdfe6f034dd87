import { randomUUID } from 'node:crypto';
import { freePorts, Hl7Sender, hl7Sample, subscribe, withHl7Field } from '@clinicflow/testing';
import { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../src';

/**
 * Issue 6's lab work in the patient's day, across the platform: a specimen collected during a visit
 * (clinical) makes the waits behind it longer (queue) and the displays hear of it; a critical
 * result's alert reaches the staff of the facility the patient checked in at, and not another's.
 */
describe('lab work through the whole platform', () => {
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
  /** A facility with one service (10-minute visits) and one room. */
  const clinic = async (code: string) => {
    const { createFacility } = await run<{ createFacility: { id: string } }>(
      admin,
      'mutation ($code: String!) { createFacility(input: { code: $code, name: "Lab work", timezone: "UTC" }) { id } }',
      { code },
    );
    const { createService } = await run<{ createService: { id: string } }>(
      admin,
      'mutation ($input: ServiceInput!) { createService(input: $input) { id } }',
      {
        input: {
          facilityId: createFacility.id,
          tokenPrefix: 'L',
          name: 'Lab visits',
          defaultServiceMinutes: 10,
          slotMinutes: 15,
        },
      },
    );
    const { createServicePoint } = await run<{ createServicePoint: { id: string } }>(
      admin,
      'mutation ($input: ServicePointInput!) { createServicePoint(input: $input) { id } }',
      { input: { facilityId: createFacility.id, name: 'Room 1', kind: 'ROOM' } },
    );
    return { facilityId: createFacility.id, serviceId: createService.id, servicePointId: createServicePoint.id };
  };
  const checkIn = async (site: { facilityId: string; serviceId: string }, patientId: string) =>
    (
      await run<{ checkIn: { id: string } }>(
        reception,
        'mutation ($input: CheckInInput!) { checkIn(input: $input) { id } }',
        { input: { facilityId: site.facilityId, serviceId: site.serviceId, patientId } },
      )
    ).checkIn.id;
  const waitOf = async (entryId: string) =>
    (
      await run<{ queueEntry: { estimatedWaitMinutes: number | null } }>(
        reception,
        'query ($id: ID!) { queueEntry(id: $id) { estimatedWaitMinutes } }',
        { id: entryId },
      )
    ).queueEntry.estimatedWaitMinutes;
  const patientByMrn = async (mrn: string) =>
    (
      await run<{ patients: { edges: { node: { id: string } }[] } }>(
        reception,
        'query ($search: String) { patients(search: $search, first: 5) { edges { node { id } } } }',
        { search: mrn },
      )
    ).patients.edges.map((edge) => edge.node);

  beforeAll(async () => {
    const port = await freePorts(1);
    platform = await startTestPlatform('labwork', {
      subgraphEnvironment: { HL7_MLLP_PORT: String(port), SPECIMEN_COLLECTION_MINUTES: 'BLOOD:12' },
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

  it('moves the waits behind a visit later by a specimen collection, and the display hears of it', async () => {
    const site = await clinic('SPX');
    const patientId = randomUUID();
    const inRoom = await checkIn(site, patientId);
    await run(clinician, 'mutation ($p: ID!) { callNext(servicePointId: $p) { id } }', { p: site.servicePointId });
    await run(clinician, 'mutation ($id: ID!) { startService(entryId: $id) { id } }', { id: inRoom });
    const behind = await checkIn(site, randomUUID());
    expect(await waitOf(behind)).toBe(0);

    const display = await platform.token('display', { facilityId: site.facilityId });
    const updates = await subscribe<{ data?: { queueUpdated: { reason: string } } }>(
      platform.gateway.url,
      { authorization: `Bearer ${display}` },
      'subscription ($f: ID!) { queueUpdated(facilityId: $f) { reason } }',
      { f: site.facilityId },
    );
    try {
      const { recordSpecimenCollection } = await run<{ recordSpecimenCollection: { minutes: number } }>(
        clinician,
        'mutation ($input: SpecimenCollectionInput!) { recordSpecimenCollection(input: $input) { minutes } }',
        { input: { patientId, queueEntryId: inRoom, kind: 'BLOOD', collectedAt: new Date().toISOString() } },
      );
      expect(recordSpecimenCollection.minutes).toBe(12);
      let reason = '';
      while (reason !== 'ESTIMATES_UPDATED') reason = (await updates.next(15_000)).data!.queueUpdated.reason;
      // What is left of the 12 minutes, rounded up: 12, or 11 if a minute passed in between.
      expect(await waitOf(behind)).toBeGreaterThanOrEqual(11);
    } finally {
      await updates.close();
    }
  });

  it("alerts the staff of the facility a critical result's patient checked in at, not another's", async () => {
    const [here, elsewhere] = [await clinic('ALX'), await clinic('ALY')];
    const mrn = 'LABWORK-ALERT-1';
    const register = withHl7Field(withHl7Field(hl7Sample('adt.hl7'), 'MSH', 10, 'A04-LABWORK'), 'PID', 3, mrn);
    expect((await sender.send(register)).code).toBe('AA');
    await waitFor(async () => (await patientByMrn(mrn)).length === 1);
    const [patient] = await patientByMrn(mrn);
    await checkIn(here, patient!.id);

    type Alerts = { data?: { clinicalAlertRaised: { facilityId: string | null; patient: { id: string } } } };
    const follow = async (facilityId: string) =>
      subscribe<Alerts>(
        platform.gateway.url,
        { authorization: `Bearer ${await platform.token('clinician', { facilityId })}` },
        'subscription { clinicalAlertRaised { facilityId patient { id } } }',
      );
    const [local, other] = [await follow(here.facilityId), await follow(elsewhere.facilityId)];
    try {
      const oru = (n: number) =>
        [
          `MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|LABWORK-CRIT-${n}|P|2.5`,
          `PID|1||${mrn}||ROE^MARY||19700101|F`,
          'OBR|1|PL-LW||2345-7^Glucose^LN|||20261122080000',
          'OBX|1|NM|2345-7^Glucose^LN||30|mg/dL|70-99|L|||F',
        ].join('\r');
      // Clinical hears of the check-in through a durable event.
      await waitFor(async () => {
        const rows = (await sql.query('SELECT 1 FROM clinical.patient_visit WHERE patient_id = $1', [
          patient!.id,
        ])) as unknown[];
        return rows.length > 0;
      });
      expect((await sender.send(oru(1))).code).toBe('AA');
      expect((await local.next(10_000)).data?.clinicalAlertRaised).toEqual({
        facilityId: here.facilityId,
        patient: { id: patient!.id },
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(other.pending()).toEqual([]);
    } finally {
      await Promise.all([local.close(), other.close()]);
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
