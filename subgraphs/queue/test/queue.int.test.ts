import { randomUUID } from 'node:crypto';
import {
  callers,
  callSubgraph,
  startTestSubgraph,
  statementsOf,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
} from '@clinicflow/testing';
import { queueSubgraph } from '../src/subgraph';

interface Entry {
  id: string;
  token: string;
  tokenNumber: number;
  priority: number;
}

describe('queue subgraph', () => {
  let subgraph: TestSubgraph;
  let facilityId: string;
  let serviceId: string;

  const call = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Parameters<typeof callSubgraph>[2] = callers.admin,
  ) => callSubgraph<T>(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  const checkIn = async (patientId: string, priority = 0) => {
    const response = await call<{ checkIn: Entry }>(
      `mutation($input: CheckInInput!) { checkIn(input: $input) { id token tokenNumber priority } }`,
      { input: { facilityId, serviceId, patientId, priority } },
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.checkIn;
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(queueSubgraph);
    const facility = await call<{ createFacility: { id: string } }>(
      `mutation { createFacility(input: { code: "DTN", name: "Downtown", timezone: "America/New_York" }) { id } }`,
    );
    facilityId = facility.data!.createFacility.id;
    const service = await call<{ createService: { id: string } }>(
      `mutation($f: ID!) { createService(input: { facilityId: $f, tokenPrefix: "A", name: "GP", defaultServiceMinutes: 15, slotMinutes: 15 }) { id } }`,
      { f: facilityId },
    );
    serviceId = service.data!.createService.id;
  });
  afterAll(() => subgraph.stop());

  it('gives tokens in sequence, formatted with the service prefix', async () => {
    const first = await checkIn(randomUUID());
    const second = await checkIn(randomUUID());
    expect(second.tokenNumber).toBe(first.tokenNumber + 1);
    expect(first.token).toBe(`A-${String(first.tokenNumber).padStart(3, '0')}`);
  });

  it('never gives two concurrent check-ins the same token', async () => {
    const entries = await Promise.all(Array.from({ length: 40 }, () => checkIn(randomUUID())));
    const numbers = entries.map((entry) => entry.tokenNumber);
    expect(new Set(numbers).size).toBe(40);
    const sorted = [...numbers].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBe(39);
  });

  it('lists the board by priority then arrival, a page at a time', async () => {
    const urgent = await checkIn(randomUUID(), 5);
    const query = `query($f: ID!, $after: String) {
      queueEntries(facilityId: $f, statuses: [WAITING], first: 20, after: $after) {
        totalCount edges { node { id priority } } pageInfo { hasNextPage endCursor }
      }
    }`;
    type Board = {
      queueEntries: {
        totalCount: number;
        edges: { node: { id: string; priority: number } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: Awaited<ReturnType<typeof call<Board>>> = await call<Board>(query, { f: facilityId, after });
      total = page.data!.queueEntries.totalCount;
      seen.push(...page.data!.queueEntries.edges.map((edge) => edge.node.id));
      after = page.data!.queueEntries.pageInfo.hasNextPage ? page.data!.queueEntries.pageInfo.endCursor : null;
    } while (after);
    expect(seen[0]).toBe(urgent.id);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuses a cursor it did not issue, and a page larger than 500', async () => {
    const bad = await call(`query($f: ID!) { queueEntries(facilityId: $f, after: "nonsense") { totalCount } }`, {
      f: facilityId,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const huge = await call(`query($f: ID!) { queueEntries(facilityId: $f, first: 501) { totalCount } }`, {
      f: facilityId,
    });
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads a page of the board with the change sequence it is at, in one statement', async () => {
    type Board = { queueEntries: { sequence: number; totalCount: number; edges: { node: { token: string } }[] } };
    const board = `query($f: ID!) { queueEntries(facilityId: $f, statuses: [WAITING], first: 5) {
      sequence totalCount edges { node { token status priority } } } }`;
    let page!: Awaited<ReturnType<typeof call<Board>>>;
    const statements = await statementsOf(subgraph.database, async () => {
      page = await call<Board>(board, { f: facilityId });
    });
    expect(statements).toBe(1);
    expect(page.data!.queueEntries.edges).toHaveLength(5);

    const entry = await checkIn(randomUUID());
    const next = await call<Board>(board, { f: facilityId });
    expect(next.data!.queueEntries.sequence).toBe(page.data!.queueEntries.sequence + 1);
    expect(next.data!.queueEntries.totalCount).toBe(page.data!.queueEntries.totalCount + 1);
    expect(entry.token).toMatch(/^A-\d{3}$/);
  });

  it("keeps a display to its own facility's board", async () => {
    const display = { subject: 'screen', role: 'display' as const, facilityId: randomUUID(), scopes: [] };
    const other = await call(
      `query($f: ID!) { queueEntries(facilityId: $f) { totalCount } }`,
      { f: facilityId },
      display,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await call(
      `query($f: ID!) { queueEntries(facilityId: $f) { totalCount } }`,
      { f: facilityId },
      { ...display, facilityId },
    );
    expect(own.errors).toBeUndefined();
  });

  it('lets a patient check in only themself, through the patient app', async () => {
    const patientId = randomUUID();
    const patient = { subject: 'p', role: 'patient' as const, patientId, scopes: [] };
    const mutation = `mutation($input: CheckInInput!) { checkIn(input: $input) { token } }`;
    const forOther = await call(
      mutation,
      { input: { facilityId, serviceId, patientId: randomUUID(), channel: 'PATIENT_APP' } },
      patient,
    );
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await call(mutation, { input: { facilityId, serviceId, patientId, channel: 'PATIENT_APP' } }, patient);
    expect(own.errors).toBeUndefined();
  });

  it('answers a batch of Patient references with their queue entries', async () => {
    const patientId = randomUUID();
    await checkIn(patientId);
    const response = await call<{ _entities: { queueEntries: { token: string }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { queueEntries { token } } } }`,
      {
        r: [
          { __typename: 'Patient', id: patientId },
          { __typename: 'Patient', id: randomUUID() },
        ],
      },
    );
    expect(response.data?._entities[0]?.queueEntries).toHaveLength(1);
    expect(response.data?._entities[1]?.queueEntries).toEqual([]);
  });
});
