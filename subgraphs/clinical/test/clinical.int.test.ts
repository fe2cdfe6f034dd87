import { randomUUID } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { clinicalSubgraph } from '../src/subgraph';

const RECORD = /* GraphQL */ `
  mutation Record($input: LabResultInput!) {
    recordLabResult(input: $input) {
      id
      loincCode
      display
      valueQuantity
      valueText
      unit
      referenceRange
      abnormalFlag
      critical
      status
      issuedAt
      patient {
        id
      }
    }
  }
`;

const LAB_RESULT = /* GraphQL */ `
  query LabResult($id: ID!) {
    labResult(id: $id) {
      id
      loincCode
      valueQuantity
      critical
    }
  }
`;

const PATIENT_LAB_RESULTS = /* GraphQL */ `
  query Patients($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Patient {
        id
        labResults(first: $first, after: $after) {
          totalCount
          edges {
            cursor
            node {
              id
              issuedAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const LATEST = /* GraphQL */ `
  query Latest($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Patient {
        id
        latestLabResult {
          id
          issuedAt
          valueQuantity
        }
      }
    }
  }
`;

const patientCaller = (patientId: string): Caller => ({
  subject: `patient-${patientId}`,
  role: 'patient',
  patientId,
  scopes: [],
});
const display: Caller = { subject: 'screen-1', role: 'display', scopes: [] };
const patientRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Patient', id }));

interface Edge {
  cursor: string;
  node: { id: string; issuedAt: string };
}
interface LabResultsPage {
  totalCount: number;
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type PatientEntity = { id: string; labResults: LabResultsPage };

describe('clinical subgraph', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(clinicalSubgraph);
  });
  afterAll(() => subgraph.stop());

  const call = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = callers.clinician,
  ) => callSubgraph<T>(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  const glucose = (patientId: string, overrides: Record<string, unknown> = {}) => ({
    patientId,
    loincCode: '2345-7',
    display: 'Glucose [Mass/volume] in Serum or Plasma',
    valueQuantity: 92.5,
    unit: 'mg/dL',
    referenceRange: '70-99',
    abnormalFlag: 'NORMAL',
    issuedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  });

  const record = async (input: Record<string, unknown>): Promise<{ id: string }> => {
    const response = await call<{ recordLabResult: { id: string } }>(RECORD, { input });
    expect(response.errors).toBeUndefined();
    return response.data!.recordLabResult;
  };

  const countFor = async (patientId: string): Promise<number> => {
    const response = await call<{ _entities: PatientEntity[] }>(PATIENT_LAB_RESULTS, { r: patientRefs([patientId]) });
    return response.data!._entities[0]!.labResults.totalCount;
  };

  describe('recordLabResult', () => {
    it('records a numeric result and returns it with its patient', async () => {
      const patientId = randomUUID();
      const response = await call(RECORD, { input: glucose(patientId, { status: 'PRELIMINARY' }) });
      expect(response.errors).toBeUndefined();
      expect(response.data?.recordLabResult).toMatchObject({
        loincCode: '2345-7',
        valueQuantity: 92.5,
        valueText: null,
        unit: 'mg/dL',
        referenceRange: '70-99',
        abnormalFlag: 'NORMAL',
        critical: false,
        status: 'PRELIMINARY',
        issuedAt: '2025-03-01T08:00:00.000Z',
        patient: { id: patientId },
      });
    });

    it('records a text result, defaults the status to FINAL and flags critical values', async () => {
      const text = await call(RECORD, {
        input: glucose(randomUUID(), {
          loincCode: '600-7',
          display: 'Bacteria identified in Blood by Culture',
          valueQuantity: null,
          valueText: 'Staphylococcus aureus',
          unit: null,
          abnormalFlag: 'ABNORMAL',
        }),
      });
      expect(text.errors).toBeUndefined();
      expect(text.data?.recordLabResult).toMatchObject({
        valueQuantity: null,
        valueText: 'Staphylococcus aureus',
        status: 'FINAL',
        critical: false,
      });

      const critical = await call(RECORD, {
        input: glucose(randomUUID(), { valueQuantity: 512, abnormalFlag: 'CRITICALLY_HIGH' }),
      });
      expect(critical.data?.recordLabResult).toMatchObject({ abnormalFlag: 'CRITICALLY_HIGH', critical: true });
    });

    it.each([
      ['both values', { valueText: 'high' }],
      ['a null value', { valueQuantity: null }],
      ['no value at all', { valueQuantity: undefined }],
      ['an empty text value', { valueQuantity: null, valueText: '' }],
      ['a malformed LOINC code', { loincCode: '2345' }],
      ['a unit with spaces', { unit: 'mg per dL' }],
      ['a patient id that is not a uuid', { patientId: 'patient-1' }],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, overrides) => {
      const patientId = randomUUID();
      const response = await call(RECORD, { input: glucose(patientId, overrides) });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await countFor(patientId)).toBe(0);
    });

    it.each([
      ['reception', callers.reception],
      ['billing', callers.billing],
      ['display', display],
      ['a patient', patientCaller(randomUUID())],
    ])('is refused to %s', async (_role, caller) => {
      const response = await call(RECORD, { input: glucose(randomUUID()) }, caller);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('labResult', () => {
    let patientId: string;
    let resultId: string;
    beforeAll(async () => {
      patientId = randomUUID();
      resultId = (await record(glucose(patientId))).id;
    });

    it('returns a result to clinicians, admins and the patient themself', async () => {
      for (const caller of [callers.clinician, callers.admin, patientCaller(patientId)]) {
        const response = await call(LAB_RESULT, { id: resultId }, caller);
        expect(response.errors).toBeUndefined();
        expect(response.data?.labResult).toEqual({
          id: resultId,
          loincCode: '2345-7',
          valueQuantity: 92.5,
          critical: false,
        });
      }
    });

    it("refuses another patient's result, and lab data to reception, billing and display", async () => {
      for (const caller of [patientCaller(randomUUID()), callers.reception, callers.billing, display]) {
        const response = await call(LAB_RESULT, { id: resultId }, caller);
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(response.data).toBeNull();
      }
    });

    it('answers NOT_FOUND for an unknown or malformed id', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const response = await call(LAB_RESULT, { id });
        expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
    });
  });

  describe('Patient.labResults', () => {
    const patientId = randomUUID();
    const otherId = randomUUID();
    const page = async (variables: Record<string, unknown>, caller: Caller = callers.clinician) => {
      const response = await call<{ _entities: PatientEntity[] }>(
        PATIENT_LAB_RESULTS,
        { r: patientRefs([patientId]), ...variables },
        caller,
      );
      expect(response.errors).toBeUndefined();
      return response.data!._entities[0]!.labResults;
    };
    let expectedOrder: string[];

    beforeAll(async () => {
      // Three results share an issue time: the id breaks the tie, ascending, across page boundaries.
      const tie = '2025-01-03T09:00:00.000Z';
      const times = ['2025-01-01T09:00:00.000Z', tie, '2025-01-02T09:00:00.000Z', tie, '2025-01-04T09:00:00.000Z', tie];
      const recorded: { id: string; issuedAt: string }[] = [];
      for (const issuedAt of times)
        recorded.push({ id: (await record(glucose(patientId, { issuedAt }))).id, issuedAt });
      await record(glucose(otherId));
      expectedOrder = recorded
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || (a.id < b.id ? -1 : 1))
        .map((result) => result.id);
    });

    it('pages through the results newest first without gaps or repeats', async () => {
      const first = await page({ first: 2 });
      expect(first.totalCount).toBe(6);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await page({ first: 2, after: first.pageInfo.endCursor });
      const third = await page({ first: 2, after: second.pageInfo.endCursor });
      expect(third.pageInfo).toEqual({ hasNextPage: false, endCursor: third.edges[1]!.cursor });
      const seen = [...first.edges, ...second.edges, ...third.edges].map((edge) => edge.node.id);
      expect(seen).toEqual(expectedOrder);

      const past = await page({ first: 2, after: third.pageInfo.endCursor });
      expect(past).toEqual({ totalCount: 6, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });

    it('returns up to 20 by default, and the same list to the patient themself', async () => {
      const all = await page({}, patientCaller(patientId));
      expect(all.edges.map((edge) => edge.node.id)).toEqual(expectedOrder);
      expect(all.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses a bad cursor or page size with BAD_USER_INPUT', async () => {
      for (const variables of [{ after: 'bogus' }, { first: 0 }, { first: 501 }]) {
        const response = await call(PATIENT_LAB_RESULTS, { r: patientRefs([patientId]), ...variables });
        expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it("refuses another patient's list, and lab data to reception, billing and display", async () => {
      for (const caller of [patientCaller(otherId), callers.reception, callers.billing, display]) {
        const response = await call(PATIENT_LAB_RESULTS, { r: patientRefs([patientId]) }, caller);
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('Patient.latestLabResult', () => {
    it('returns the latest result of each patient in one request, null for a patient without any', async () => {
      const [a, b, none] = [randomUUID(), randomUUID(), randomUUID()];
      await record(glucose(a, { issuedAt: '2025-02-01T08:00:00.000Z', valueQuantity: 80 }));
      const latestA = await record(glucose(a, { issuedAt: '2025-02-03T08:00:00.000Z', valueQuantity: 81 }));
      await record(glucose(a, { issuedAt: '2025-02-02T08:00:00.000Z', valueQuantity: 82 }));
      const latestB = await record(glucose(b, { issuedAt: '2025-02-05T08:00:00.000Z', valueQuantity: 90 }));

      const response = await call(LATEST, { r: patientRefs([a, none, b]) });
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toEqual([
        { id: a, latestLabResult: { id: latestA.id, issuedAt: '2025-02-03T08:00:00.000Z', valueQuantity: 81 } },
        { id: none, latestLabResult: null },
        { id: b, latestLabResult: { id: latestB.id, issuedAt: '2025-02-05T08:00:00.000Z', valueQuantity: 90 } },
      ]);
    });

    it("refuses a patient asking for another patient's latest result, and display screens", async () => {
      const own = randomUUID();
      const mixed = await call(LATEST, { r: patientRefs([own, randomUUID()]) }, patientCaller(own));
      expect(mixed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(mixed.data).toBeNull();

      const screen = await call(LATEST, { r: patientRefs([own]) }, display);
      expect(screen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('LabResult references', () => {
    it('resolves several results in one request and keeps patients to their own', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const ra = await record(glucose(a, { valueQuantity: 70 }));
      const rb = await record(glucose(b, { valueQuantity: 71 }));
      const query = `query($r:[_Any!]!){ _entities(representations:$r){ ... on LabResult { id valueQuantity patient { id } } } }`;
      const refs = [ra, rb, { id: randomUUID() }].map(({ id }) => ({ __typename: 'LabResult', id }));

      const staff = await call(query, { r: refs });
      expect(staff.errors).toBeUndefined();
      expect(staff.data?._entities).toEqual([
        { id: ra.id, valueQuantity: 70, patient: { id: a } },
        { id: rb.id, valueQuantity: 71, patient: { id: b } },
        null,
      ]);

      const patient = await call(query, { r: refs.slice(0, 2) }, patientCaller(a));
      expect(patient.data?._entities).toEqual([{ id: ra.id, valueQuantity: 70, patient: { id: a } }, null]);
      expect(patient.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    });
  });

  describe('batching', () => {
    /** Seeds `count` patients with three results each, straight in SQL, and returns their ids. */
    const seed = async (count: number): Promise<string[]> => {
      const ids = Array.from({ length: count }, () => randomUUID());
      await subgraph.database.dataSource.query(
        `INSERT INTO clinical.lab_result (patient_id, loinc_code, display, value_quantity, unit, status, issued_at)
         SELECT p, '2345-7', 'Glucose', 90 + g, 'mg/dL', 'final', now() - g * interval '1 hour'
         FROM unnest($1::uuid[]) p, generate_series(1, 3) g`,
        [ids],
      );
      return ids;
    };

    const statementsFor = async (patientIds: string[]): Promise<number> => {
      const query = `query($r:[_Any!]!){ _entities(representations:$r){ ... on Patient {
        labResults(first: 2) { totalCount edges { node { id } } }
        latestLabResult { id }
      } } }`;
      const before = subgraph.database.counter.statements;
      const response = await call<{ _entities: PatientEntity[] }>(query, { r: patientRefs(patientIds) });
      expect(response.errors).toBeUndefined();
      for (const entity of response.data!._entities) {
        expect(entity.labResults.totalCount).toBe(3);
        expect(entity.labResults.edges).toHaveLength(2);
      }
      return subgraph.database.counter.statements - before;
    };

    it('sends the same number of SQL statements for 10 and 500 patients', async () => {
      const few = await statementsFor(await seed(10));
      const many = await statementsFor(await seed(500));
      expect(few).toBe(3);
      expect(many).toBe(few);
    });
  });
});
