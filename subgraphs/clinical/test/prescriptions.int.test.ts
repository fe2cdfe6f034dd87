import { randomUUID } from 'node:crypto';
import { type Caller, type Delivery } from '@clinicflow/platform';
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

const FIELDS = `id rxnormCode medicationDisplay dosageText quantity prescriber status dispenseStatus
  prescribedAt readyAt cancelledAt patient { id }`;
const PRESCRIBE = `mutation ($input: PrescribeInput!) { prescribe(input: $input) { ${FIELDS} } }`;
const READY = `mutation ($id: ID!) { markMedicationReady(id: $id) { ${FIELDS} } }`;
const CANCEL = `mutation ($id: ID!) { cancelPrescription(id: $id) { ${FIELDS} } }`;
const ONE = `query ($id: ID!) { prescription(id: $id) { id medicationDisplay } }`;
const OF_PATIENTS = `query ($r: [_Any!]!, $first: Int, $after: String, $status: [PrescriptionStatus!]) {
  _entities(representations: $r) {
    ... on Patient {
      id
      prescriptions(first: $first, after: $after, status: $status) {
        totalCount
        edges { node { id status } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

interface Page {
  totalCount: number;
  edges: { node: { id: string; status: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface Prescribed {
  id: string;
  status: string;
  dispenseStatus: string;
  readyAt: string | null;
  cancelledAt: string | null;
}

const patientCaller = (patientId: string): Caller => ({
  subject: `patient-${patientId}`,
  role: 'patient',
  patientId,
  scopes: [],
});
const refs = (ids: string[]) => ids.map((id) => ({ __typename: 'Patient', id }));
const AMLODIPINE = {
  rxnormCode: '197361',
  medicationDisplay: 'Amlodipine 5 MG Oral Tablet',
  dosageText: 'One tablet by mouth once a day',
  quantity: 30,
};

/** Prescriptions on real PostgreSQL: roles, the patient's own, pages, changes, and the medication-ready event. */
describe('prescriptions', () => {
  let listener: EventListener<Record<string, unknown>>;
  let subgraph: TestSubgraph;
  let ready: Delivery<Record<string, unknown>>[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(clinicalSubgraph, { environment: { ...process.env, HL7_MLLP_PORT: '0' } });
    listener = await listenForEvents<Record<string, unknown>>(subgraph.testDatabase.url, 'test.medication-ready', [
      'clinical.medication-ready',
    ]);
    ready = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
    await subgraph.stop();
  });

  const call = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = callers.clinician,
  ) => callSubgraph<T>(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);
  const prescribe = async (patientId: string, overrides: Record<string, unknown> = {}) => {
    const response = await call<{ prescribe: Prescribed }>(PRESCRIBE, {
      input: { patientId, ...AMLODIPINE, ...overrides },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.prescribe;
  };
  const rows = async (patientId: string) =>
    (await subgraph.database.dataSource.query(`SELECT id FROM clinical.prescription WHERE patient_id = $1`, [
      patientId,
    ])) as { id: string }[];
  const codeOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    response.errors?.[0]?.extensions?.code;

  it('prescribes: active, sent to the pharmacy, the caller as prescriber; audited as a change', async () => {
    const patientId = randomUUID();
    const prescription = await prescribe(patientId);
    expect(prescription).toMatchObject({
      ...AMLODIPINE,
      prescriber: callers.clinician.subject,
      status: 'ACTIVE',
      dispenseStatus: 'SENT_TO_PHARMACY',
      readyAt: null,
      cancelledAt: null,
      patient: { id: patientId },
    });
    const audit = (await subgraph.database.dataSource.query(
      `SELECT DISTINCT action, entity_type FROM audit.event WHERE patient_id = $1`,
      [patientId],
    )) as { action: string; entity_type: string }[];
    expect(audit).toEqual([{ action: 'CHANGE', entity_type: 'Prescription' }]);
  });

  it('refuses bad input precisely and writes nothing', async () => {
    const patientId = randomUUID();
    const cases: [Record<string, unknown>, string][] = [
      [{ rxnormCode: 'amlodipine' }, 'rxnormCode must be an RxNorm code'],
      [{ medicationDisplay: '' }, 'medicationDisplay'],
      [{ dosageText: '' }, 'dosageText'],
      [{ quantity: 0 }, 'quantity'],
      [{ quantity: 1001 }, 'quantity'],
    ];
    for (const [overrides, message] of cases) {
      const response = await call(PRESCRIBE, { input: { patientId, ...AMLODIPINE, ...overrides } });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).toContain(message);
    }
    const badPage = await call(OF_PATIENTS, { r: refs([patientId]), status: [] }, callers.admin);
    expect(codeOf(badPage)).toBe('BAD_USER_INPUT');
    expect(await rows(patientId)).toEqual([]);
  });

  it('lets only clinicians prescribe, and keeps reception and other patients out', async () => {
    const patientId = randomUUID();
    const input = { patientId, ...AMLODIPINE };
    for (const caller of [callers.admin, callers.reception, patientCaller(patientId)]) {
      expect(codeOf(await call(PRESCRIBE, { input }, caller))).toBe('FORBIDDEN');
    }
    expect(await rows(patientId)).toEqual([]);
    const { id } = await prescribe(patientId);
    expect(codeOf(await call(ONE, { id }, callers.reception))).toBe('FORBIDDEN');
    expect(codeOf(await call(ONE, { id }, patientCaller(randomUUID())))).toBe('FORBIDDEN');
    expect(codeOf(await call(READY, { id }, patientCaller(patientId)))).toBe('FORBIDDEN');
    expect(codeOf(await call(CANCEL, { id }, callers.reception))).toBe('FORBIDDEN');
    const own = await call<{ prescription: { id: string } }>(ONE, { id }, patientCaller(patientId));
    expect(own.data?.prescription).toEqual({ id, medicationDisplay: AMLODIPINE.medicationDisplay });
    expect(codeOf(await call(ONE, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(codeOf(await call(READY, { id: 'not-an-id' }))).toBe('NOT_FOUND');
  });

  it('pages a patient’s prescriptions newest first, filters by status, and batches patients', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await prescribe(first, { quantity: 10 + i }));
    await prescribe(second);
    await call(CANCEL, { id: made[0]!.id });

    const pageOne = await call<{ _entities: { id: string; prescriptions: Page }[] }>(
      OF_PATIENTS,
      { r: refs([first, second]), first: 2 },
      callers.admin,
    );
    expect(pageOne.errors).toBeUndefined();
    const [mine, theirs] = pageOne.data!._entities;
    expect(mine!.prescriptions.totalCount).toBe(3);
    expect(mine!.prescriptions.edges.map((edge) => edge.node.id)).toEqual([made[2]!.id, made[1]!.id]);
    expect(theirs!.prescriptions.totalCount).toBe(1);
    const pageTwo = await call<{ _entities: { prescriptions: Page }[] }>(
      OF_PATIENTS,
      { r: refs([first]), first: 2, after: mine!.prescriptions.pageInfo.endCursor },
      callers.admin,
    );
    expect(pageTwo.data!._entities[0]!.prescriptions.edges).toEqual([
      { node: { id: made[0]!.id, status: 'CANCELLED' } },
    ]);
    expect(pageTwo.data!._entities[0]!.prescriptions.pageInfo.hasNextPage).toBe(false);

    const cancelled = await call<{ _entities: { prescriptions: Page }[] }>(
      OF_PATIENTS,
      { r: refs([first]), status: ['CANCELLED'] },
      patientCaller(first),
    );
    expect(cancelled.data!._entities[0]!.prescriptions).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: made[0]!.id, status: 'CANCELLED' } }],
    });
    const stranger = await call(OF_PATIENTS, { r: refs([first]) }, patientCaller(second));
    expect(codeOf(stranger)).toBe('FORBIDDEN');
  });

  it('reads the prescriptions of 3 or of 30 patients with the same statements (no N+1)', async () => {
    const statementsFor = async (patients: number) => {
      const ids = Array.from({ length: patients }, () => randomUUID());
      for (const id of ids) await prescribe(id);
      const before = subgraph.database.counter.statements;
      const response = await call<{ _entities: { prescriptions: Page }[] }>(
        OF_PATIENTS,
        { r: refs(ids), first: 5 },
        callers.admin,
      );
      expect(response.data!._entities.map((patient) => patient.prescriptions.totalCount)).toEqual(ids.map(() => 1));
      return subgraph.database.counter.statements - before;
    };
    const few = await statementsFor(3);
    expect(await statementsFor(30)).toBe(few);
    expect(few).toBeLessThanOrEqual(3);
  });

  it('marks a medication ready once, publishing ids only with the change, and refuses what no longer applies', async () => {
    const patientId = randomUUID();
    const { id } = await prescribe(patientId);
    const marked = await call<{ markMedicationReady: Prescribed }>(READY, { id }, callers.admin);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markMedicationReady).toMatchObject({ status: 'ACTIVE', dispenseStatus: 'READY_FOR_PICKUP' });
    expect(marked.data!.markMedicationReady.readyAt).not.toBeNull();

    const again = await call(READY, { id });
    expect(codeOf(again)).toBe('CONFLICT');
    const cancelledOne = await prescribe(patientId);
    await call(CANCEL, { id: cancelledOne.id });
    expect(codeOf(await call(READY, { id: cancelledOne.id }))).toBe('CONFLICT');
    expect(codeOf(await call(CANCEL, { id: cancelledOne.id }))).toBe('CONFLICT');

    const deadline = Date.now() + 10_000;
    while (!ready.some((delivery) => delivery.key === patientId) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const published = ready.filter((delivery) => delivery.key === patientId);
    expect(published.map((delivery) => delivery.data)).toEqual([{ patientId, prescriptionId: id }]);
    // Nothing of the medicine travels with the event.
    expect(JSON.stringify(published)).not.toMatch(/amlodipine|197361|tablet/i);
  });
});
