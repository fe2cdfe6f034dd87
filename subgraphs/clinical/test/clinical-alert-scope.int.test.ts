import { randomUUID } from 'node:crypto';
import { type Caller, createDurableEvents, type PatientCheckedIn, publishEvent } from '@clinicflow/platform';
import {
  callers,
  Hl7Sender,
  hl7Sample,
  startTestSubgraph,
  subscribeSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
  withHl7Field,
} from '@clinicflow/testing';
import type PgBoss from 'pg-boss';
import { createClinicalSubgraph } from '../src/subgraph';

const ALERTS = `subscription { clinicalAlertRaised { id reason facilityId patient { id } } }`;

interface Alert {
  id: string;
  reason: string;
  facilityId: string | null;
  patient: { id: string };
}

/** A critical LOINC-coded ORU^R01 from the default-mapped sender LAB/MAIN. */
const criticalResult = (controlId: string, mrn: string) =>
  [
    `MSH|^~\\&|LAB|MAIN|CLINICFLOW|CLINIC|20261122083000||ORU^R01|${controlId}|P|2.5`,
    `PID|1||${mrn}||ROE^MARY||19700101|F`,
    'OBR|1|PL-9||24323-8^Metabolic panel^LN|||20261122080000',
    'OBX|1|NM|2345-7^Glucose^LN||450|mg/dL|70-99|H|||F',
  ].join('\r');

/** Clinical alerts reach the staff of the facility the patient checked in at, and clinic-wide staff. */
describe('clinicalAlertRaised by facility', () => {
  let subgraph: TestSubgraph;
  let port = 0;
  let sender: Hl7Sender;
  let boss: PgBoss;
  const here = randomUUID();
  const elsewhere = randomUUID();
  const clinician = (facilityId?: string): Caller => ({ ...callers.clinician, ...(facilityId ? { facilityId } : {}) });

  beforeAll(async () => {
    subgraph = await startTestSubgraph(createClinicalSubgraph({ onListening: (address) => (port = address.port) }));
    sender = new Hl7Sender(port);
    boss = createDurableEvents(subgraph.testDatabase.url);
    boss.on('error', () => undefined);
    await boss.start();
  });
  afterAll(async () => {
    sender.close();
    await boss.stop({ graceful: false, wait: true });
    await subgraph.stop();
  });

  /** Registers a patient by ADT^A04 under a new MRN; answers the patient id the intake gave it. */
  const register = async (mrn: string): Promise<string> => {
    const adt = hl7Sample('adt.hl7')
      .split('\r')
      .map((line) => (line.startsWith('PID|') ? line.replace(/^(PID\|[^|]*\|[^|]*\|)[^^|]*/, `$1${mrn}`) : line))
      .join('\r');
    expect((await sender.send(withHl7Field(adt, 'MSH', 10, `ADT-${mrn}`))).code).toBe('AA');
    const [link] = (await subgraph.database.dataSource.query(
      'SELECT patient_id FROM clinical.hl7_patient WHERE mrn = $1',
      [mrn],
    )) as { patient_id: string }[];
    return link!.patient_id;
  };
  /** What the queue publishes when the patient checks in; answers once clinical has taken it in. */
  const checkIn = async (patientId: string, facilityId: string) => {
    const event: PatientCheckedIn = {
      patientId,
      facilityId,
      queueEntryId: randomUUID(),
      checkedInAt: new Date().toISOString(),
    };
    await subgraph.database.dataSource.transaction((manager) =>
      publishEvent(boss, manager, 'queue.patient-checked-in', event, { key: patientId }),
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const rows = (await subgraph.database.dataSource.query(
        'SELECT 1 FROM clinical.patient_visit WHERE patient_id = $1 AND facility_id = $2',
        [patientId, facilityId],
      )) as unknown[];
      if (rows.length > 0) return;
      if (Date.now() > deadline) throw new Error('the check-in did not reach clinical');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const follow = (caller: Caller) =>
    subscribeSubgraph<{ data?: { clinicalAlertRaised: Alert }; errors?: unknown[] }>(
      subgraph.url,
      TEST_CONTEXT_SECRET,
      caller,
      ALERTS,
      {},
    );

  it("sends a patient's alert to their facility's staff and clinic-wide staff, not to another facility's", async () => {
    const mrn = `SCOPE-${Date.now()}`;
    const patientId = await register(mrn);
    await checkIn(patientId, here);
    const [wide, local, other] = [
      await follow(clinician()),
      await follow(clinician(here)),
      await follow(clinician(elsewhere)),
    ];
    try {
      expect((await sender.send(criticalResult(`CRIT-${mrn}`, mrn))).code).toBe('AA');
      const expected = { facilityId: here, patient: { id: patientId }, reason: 'Critical 2345-7 result (HH)' };
      expect((await wide.next()).data?.clinicalAlertRaised).toMatchObject(expected);
      expect((await local.next()).data?.clinicalAlertRaised).toMatchObject(expected);

      // A patient who has not checked in anywhere: clinic-wide staff only.
      const unplaced = `NOVISIT-${Date.now()}`;
      const unplacedId = await register(unplaced);
      expect((await sender.send(criticalResult(`CRIT-${unplaced}`, unplaced))).code).toBe('AA');
      expect((await wide.next()).data?.clinicalAlertRaised).toMatchObject({
        facilityId: null,
        patient: { id: unplacedId },
      });
      // The clinic-wide subscriber has had both; the facility ones nothing more.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(local.pending()).toEqual([]);
      expect(other.pending()).toEqual([]);
    } finally {
      await Promise.all([wide.close(), local.close(), other.close()]);
    }
  });
});
