import { randomUUID } from 'node:crypto';
import { type Caller, type Delivery, type SpecimenCollected } from '@clinicflow/platform';
import {
  callers,
  callSubgraph,
  startTestSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
  type EventListener,
  listenForEvents,
} from '@clinicflow/testing';
import { clinicalSubgraph } from '../src/subgraph';

const RECORD = `mutation ($input: SpecimenCollectionInput!) {
  recordSpecimenCollection(input: $input) { id kind collectedAt minutes queueEntryId recordedBy patient { id } } }`;

interface Recorded {
  id: string;
  kind: string;
  collectedAt: string;
  minutes: number;
  queueEntryId: string | null;
  recordedBy: string;
  patient: { id: string };
}

/** Specimens collected during visits: recorded, audited, and told to the queue with their room minutes. */
describe('specimen collections', () => {
  let listener: EventListener<SpecimenCollected>;
  let subgraph: TestSubgraph;
  let seen: Delivery<SpecimenCollected>[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(clinicalSubgraph, {
      environment: { ...process.env, HL7_MLLP_PORT: '0', SPECIMEN_COLLECTION_MINUTES: 'BLOOD:12,URINE:3' },
    });
    listener = await listenForEvents<SpecimenCollected>(subgraph.testDatabase.url, 'test.specimen-collected', [
      'clinical.specimen-collected',
    ]);
    seen = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
    await subgraph.stop();
  });

  const record = (input: Record<string, unknown>, caller: Caller = callers.clinician) =>
    callSubgraph<{ recordSpecimenCollection: Recorded }>(subgraph.url, TEST_CONTEXT_SECRET, caller, RECORD, { input });
  const rows = async (patientId: string) =>
    (
      (await subgraph.database.dataSource.query(
        `SELECT count(*)::int AS count FROM clinical.specimen_collection WHERE patient_id = $1`,
        [patientId],
      )) as { count: number }[]
    )[0]!.count;
  const deliveredFor = async (collectionId: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const delivery = seen.find((candidate) => candidate.data.collectionId === collectionId);
      if (delivery) return delivery;
      if (Date.now() > deadline) throw new Error('no event for the collection');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it("records a collection with the kind's room minutes, audits it, and tells the queue (ids and times only)", async () => {
    const patientId = randomUUID();
    const queueEntryId = randomUUID();
    const collectedAt = new Date(Date.now() - 60_000).toISOString();
    const blood = await record({ patientId, queueEntryId, kind: 'BLOOD', collectedAt });
    expect(blood.errors).toBeUndefined();
    const recorded = blood.data!.recordSpecimenCollection;
    expect(recorded).toMatchObject({
      kind: 'BLOOD',
      collectedAt,
      minutes: 12,
      queueEntryId,
      recordedBy: callers.clinician.subject,
      patient: { id: patientId },
    });
    const delivery = await deliveredFor(recorded.id);
    expect({ key: delivery.key, data: delivery.data }).toEqual({
      key: patientId,
      data: { collectionId: recorded.id, patientId, queueEntryId, collectedAt, minutes: 12 },
    });

    // A kind the settings do not name: the default; without a queue entry: the visit in progress.
    const swab = await record({ patientId, kind: 'SWAB', collectedAt }, callers.admin);
    expect(swab.data!.recordSpecimenCollection).toMatchObject({ minutes: 5, queueEntryId: null });
    expect((await deliveredFor(swab.data!.recordSpecimenCollection.id)).data.queueEntryId).toBeNull();

    const audit = (await subgraph.database.dataSource.query(
      `SELECT DISTINCT action, entity_type, subject FROM audit.event WHERE patient_id = $1 ORDER BY subject`,
      [patientId],
    )) as { action: string; entity_type: string; subject: string }[];
    expect(audit).toEqual([
      { action: 'CHANGE', entity_type: 'SpecimenCollection', subject: callers.admin.subject },
      { action: 'CHANGE', entity_type: 'SpecimenCollection', subject: callers.clinician.subject },
    ]);
  });

  it('refuses bad input precisely, and other roles, writing nothing', async () => {
    const patientId = randomUUID();
    const now = new Date().toISOString();
    const future = await record({
      patientId,
      kind: 'BLOOD',
      collectedAt: new Date(Date.now() + 600_000).toISOString(),
    });
    expect(future.errors?.[0]).toMatchObject({
      message: 'collectedAt is in the future; record a collection once it is done',
      extensions: { code: 'BAD_USER_INPUT', argument: 'collectedAt' },
    });
    const badEntry = await record({ patientId, queueEntryId: 'A-001', kind: 'URINE', collectedAt: now });
    expect(badEntry.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(badEntry.errors)).toContain('queueEntryId must be a UUID');
    const badKind = await record({ patientId, kind: 'HAIR', collectedAt: now });
    expect(badKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const caller of [
      callers.reception,
      callers.billing,
      { subject: 'p', role: 'patient', patientId, scopes: [] },
    ]) {
      expect(
        (await record({ patientId, kind: 'URINE', collectedAt: now }, caller as Caller)).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    }
    expect(await rows(patientId)).toBe(0);
  });
});
