import { randomUUID } from 'node:crypto';
import type { Caller } from '@clinicflow/platform';
import { callers, callSubgraph, startTestSubgraph, TEST_CONTEXT_SECRET, type TestSubgraph } from '@clinicflow/testing';
import { billingSubgraph } from '../src/subgraph';

const CREATE = /* GraphQL */ `
  mutation Create($input: InvoiceInput!) {
    createInvoice(input: $input) {
      id
      description
      amountCents
      currency
      status
      paidAt
      voidReason
      patient {
        id
      }
      queueEntry {
        id
      }
    }
  }
`;
const PAY = /* GraphQL */ `
  mutation Pay($id: ID!) {
    markInvoicePaid(id: $id) {
      id
      status
      paidAt
    }
  }
`;
const VOID = /* GraphQL */ `
  mutation Void($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      id
      status
      voidReason
    }
  }
`;
const INVOICE = /* GraphQL */ `
  query One($id: ID!) {
    invoice(id: $id) {
      id
      amountCents
      status
    }
  }
`;
const LIST = /* GraphQL */ `
  query List($patientId: ID, $status: [InvoiceStatus!], $first: Int, $after: String) {
    invoices(patientId: $patientId, status: $status, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const PATIENT_BILLING = /* GraphQL */ `
  query PatientBilling($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Patient {
        id
        balance {
          amountCents
          currency
        }
        invoices(first: $first, after: $after) {
          totalCount
          edges {
            node {
              id
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
const PAYMENT_STATUS = /* GraphQL */ `
  query PaymentStatus($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on QueueEntry {
        id
        paymentStatus
      }
    }
  }
`;

interface InvoiceNode {
  id: string;
  status: string;
}
interface InvoicePage {
  totalCount: number;
  edges: { cursor: string; node: InvoiceNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface PatientBilling {
  id: string;
  balance: { amountCents: number; currency: string };
  invoices: {
    totalCount: number;
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface FixtureInvoice {
  patientId: string;
  queueEntryId?: string;
  amountCents?: number;
  currency?: string;
  status?: 'open' | 'paid' | 'void';
  createdAt?: string;
}

const patientCaller = (patientId: string): Caller => ({
  subject: `patient-${patientId}`,
  role: 'patient',
  patientId,
  scopes: [],
});
const display: Caller = { subject: 'screen-1', role: 'display', scopes: [] };
const patientRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Patient', id }));
const entryRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'QueueEntry', id }));
const newIds = (count: number) => Array.from({ length: count }, () => randomUUID());

describe('billing subgraph', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(billingSubgraph);
  });
  afterAll(() => subgraph.stop());

  const call = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = callers.billing,
  ) => callSubgraph<T>(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables);

  const createInvoice = async (input: Record<string, unknown>, caller: Caller = callers.reception): Promise<string> => {
    const response = await call<{ createInvoice: { id: string } }>(
      CREATE,
      { input: { description: 'Consultation', amountCents: 5000, ...input } },
      caller,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.createInvoice.id;
  };

  /** Writes invoices straight into billing.invoice, as SQL fixtures elsewhere do; returns their ids in order. */
  const insertInvoices = async (rows: FixtureInvoice[]): Promise<string[]> => {
    const inserted = (await subgraph.database.dataSource.query(
      `INSERT INTO billing.invoice (patient_id, queue_entry_id, description, amount_cents, currency, status, created_at, paid_at, void_reason)
       SELECT r.patient_id, r.queue_entry_id, 'Fixture', r.amount_cents, r.currency, r.status, r.created_at,
              CASE WHEN r.status = 'paid' THEN r.created_at END, CASE WHEN r.status = 'void' THEN 'Fixture void' END
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
         AS (patient_id uuid, queue_entry_id uuid, amount_cents integer, currency text, status text, created_at timestamptz)
       ) WITH ORDINALITY AS r(patient_id, queue_entry_id, amount_cents, currency, status, created_at, n)
       ORDER BY r.n
       RETURNING id`,
      [
        JSON.stringify(
          rows.map((row, index) => ({
            patient_id: row.patientId,
            queue_entry_id: row.queueEntryId ?? null,
            amount_cents: row.amountCents ?? 1000,
            currency: row.currency ?? 'USD',
            status: row.status ?? 'open',
            created_at: row.createdAt ?? new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
          })),
        ),
      ],
    )) as { id: string }[];
    return inserted.map((row) => row.id);
  };

  describe('createInvoice', () => {
    it('raises an open invoice in USD for a visit', async () => {
      const [patientId, queueEntryId] = newIds(2);
      const response = await call(
        CREATE,
        { input: { patientId, queueEntryId, description: 'Blood test', amountCents: 2500 } },
        callers.reception,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.createInvoice).toMatchObject({
        description: 'Blood test',
        amountCents: 2500,
        currency: 'USD',
        status: 'OPEN',
        paidAt: null,
        voidReason: null,
        patient: { id: patientId },
        queueEntry: { id: queueEntryId },
      });
    });

    it('refuses invalid input with BAD_USER_INPUT and writes nothing', async () => {
      const patientId = randomUUID();
      const bad = [
        { patientId, description: '', amountCents: 100 },
        { patientId, description: 'x'.repeat(201), amountCents: 100 },
        { patientId, description: 'Zero', amountCents: 0 },
        { patientId, description: 'Lower-case currency', amountCents: 100, currency: 'usd' },
        { patientId: 'not-a-uuid', description: 'Bad patient', amountCents: 100 },
        { patientId, queueEntryId: 'not-a-uuid', description: 'Bad visit', amountCents: 100 },
      ];
      for (const input of bad) {
        const response = await call(CREATE, { input });
        expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      const list = await call(LIST, { patientId });
      expect(list.data?.invoices).toMatchObject({ totalCount: 0 });
    });

    it('lets only billing, reception and admin raise invoices', async () => {
      const patientId = randomUUID();
      for (const caller of [callers.billing, callers.reception, callers.admin]) {
        await createInvoice({ patientId }, caller);
      }
      for (const caller of [callers.clinician, patientCaller(patientId), display]) {
        const response = await call(CREATE, { input: { patientId, description: 'Nope', amountCents: 100 } }, caller);
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const list = await call(LIST, { patientId });
      expect(list.data?.invoices).toMatchObject({ totalCount: 3 });
    });

    it("keeps a patient's open invoices in one currency", async () => {
      const patientId = randomUUID();
      const dollars = await createInvoice({ patientId });
      const euros = await call(CREATE, {
        input: { patientId, description: 'In euros', amountCents: 100, currency: 'EUR' },
      });
      expect(euros.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'currency' });

      await call(PAY, { id: dollars });
      await createInvoice({ patientId, currency: 'EUR' });
    });
  });

  describe('settling an invoice', () => {
    it('marks an open invoice paid once', async () => {
      const id = await createInvoice({ patientId: randomUUID() });
      const paid = await call<{ markInvoicePaid: { status: string; paidAt: string | null } }>(PAY, { id });
      expect(paid.errors).toBeUndefined();
      expect(paid.data?.markInvoicePaid.status).toBe('PAID');
      expect(Date.parse(paid.data!.markInvoicePaid.paidAt!)).toBeGreaterThan(Date.now() - 60_000);

      const again = await call(PAY, { id });
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'PAID' });
      const voided = await call(VOID, { id, reason: 'Too late' });
      expect(voided.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('voids an open invoice with its reason, and then it cannot be paid', async () => {
      const id = await createInvoice({ patientId: randomUUID() });
      const tooShort = await call(VOID, { id, reason: 'no' });
      expect(tooShort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const stillOpen = await call(INVOICE, { id });
      expect(stillOpen.data?.invoice).toMatchObject({ status: 'OPEN' });

      const voided = await call(VOID, { id, reason: 'Charged twice' });
      expect(voided.errors).toBeUndefined();
      expect(voided.data?.voidInvoice).toEqual({ id, status: 'VOID', voidReason: 'Charged twice' });
      const paid = await call(PAY, { id });
      expect(paid.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'VOID' });
    });

    it('answers NOT_FOUND for an unknown invoice and BAD_USER_INPUT for a malformed id', async () => {
      expect((await call(PAY, { id: randomUUID() })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await call(VOID, { id: randomUUID(), reason: 'Unknown' })).errors?.[0]?.extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await call(PAY, { id: 'INV-1' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('lets only billing and admin settle invoices', async () => {
      const id = await createInvoice({ patientId: randomUUID() });
      for (const caller of [callers.reception, callers.clinician, display, patientCaller(randomUUID())]) {
        expect((await call(PAY, { id }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await call(VOID, { id, reason: 'Not mine' }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const paidByAdmin = await call(PAY, { id }, callers.admin);
      expect(paidByAdmin.data?.markInvoicePaid).toMatchObject({ status: 'PAID' });
    });
  });

  describe('reading invoices', () => {
    it('shows an invoice to staff who bill and to its own patient only', async () => {
      const patientId = randomUUID();
      const id = await createInvoice({ patientId, amountCents: 1234 });
      for (const caller of [callers.billing, callers.reception, callers.admin, patientCaller(patientId)]) {
        const response = await call(INVOICE, { id }, caller);
        expect(response.data?.invoice).toEqual({ id, amountCents: 1234, status: 'OPEN' });
      }
      for (const caller of [patientCaller(randomUUID()), callers.clinician, display]) {
        expect((await call(INVOICE, { id }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      expect((await call(INVOICE, { id: randomUUID() })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it("pages a patient's invoices newest first, with ties broken by id, and filters by status", async () => {
      const patientId = randomUUID();
      const sameInstant = '2025-03-01T09:00:00.123Z';
      const ids = await insertInvoices([
        { patientId, createdAt: '2025-03-01T08:00:00.000Z' },
        { patientId, createdAt: sameInstant, status: 'paid' },
        { patientId, createdAt: sameInstant },
        { patientId, createdAt: sameInstant, status: 'void' },
        { patientId, createdAt: '2025-03-01T10:00:00.000Z' },
      ]);
      const [earliest, tiedA, tiedB, tiedC, latest] = ids;
      const expected = [latest, ...[tiedA, tiedB, tiedC].sort().reverse(), earliest];

      const seen: string[] = [];
      let after: string | null = null;
      do {
        const response: { data?: { invoices: InvoicePage } | null } = await call<{ invoices: InvoicePage }>(LIST, {
          patientId,
          first: 2,
          after,
        });
        const page = response.data!.invoices;
        expect(page.totalCount).toBe(5);
        seen.push(...page.edges.map((edge) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);

      // Patient.invoices pages in SQL of its own (a window per patient): same order, same cursors.
      const seenOnPatient: string[] = [];
      do {
        const response: { data?: { _entities: PatientBilling[] } | null } = await call<{ _entities: PatientBilling[] }>(
          PATIENT_BILLING,
          { r: patientRefs([patientId]), first: 2, after },
        );
        const page = response.data!._entities[0].invoices;
        seenOnPatient.push(...page.edges.map((edge) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seenOnPatient).toEqual(expected);
      const fromList = await call<{ invoices: InvoicePage }>(LIST, { patientId, first: 2 });
      const continued = await call<{ _entities: PatientBilling[] }>(PATIENT_BILLING, {
        r: patientRefs([patientId]),
        after: fromList.data!.invoices.pageInfo.endCursor,
      });
      expect(continued.data!._entities[0].invoices.edges.map((edge) => edge.node.id)).toEqual(expected.slice(2));

      const open = await call<{ invoices: InvoicePage }>(
        LIST,
        { patientId, status: ['OPEN'] },
        patientCaller(patientId),
      );
      expect(open.data?.invoices.totalCount).toBe(3);
      expect(open.data?.invoices.edges.map((edge) => edge.node.id)).toEqual([latest, tiedB, earliest]);
      const settled = await call<{ invoices: InvoicePage }>(LIST, { patientId, status: ['PAID', 'VOID'] });
      expect(settled.data?.invoices.edges.map((edge) => edge.node.status).sort()).toEqual(['PAID', 'VOID']);
    });

    it('makes a patient ask for their own invoices by patientId', async () => {
      const patientId = randomUUID();
      const me = patientCaller(patientId);
      expect((await call(LIST, {}, me)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await call(LIST, { patientId: randomUUID() }, me)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await call(LIST, { patientId }, me)).data?.invoices).toMatchObject({ totalCount: 0 });
      for (const caller of [callers.clinician, display]) {
        expect((await call(LIST, { patientId }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('refuses a foreign cursor and an out-of-range page size with BAD_USER_INPUT', async () => {
      const foreign = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
      for (const variables of [{ after: 'garbage' }, { after: foreign }, { first: 0 }, { first: 501 }]) {
        expect((await call(LIST, variables)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      const response = await call(PATIENT_BILLING, { r: patientRefs([randomUUID()]), after: foreign });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe("fields on other subgraphs' entities", () => {
    it("resolves several patients' balances and invoice pages in one request", async () => {
      const [owing, settled, fresh] = newIds(3);
      await insertInvoices([
        { patientId: owing, amountCents: 1500 },
        { patientId: owing, amountCents: 2500 },
        { patientId: owing, amountCents: 9999, status: 'paid' },
        { patientId: owing, amountCents: 7777, status: 'void' },
        { patientId: settled, amountCents: 4000, status: 'paid' },
      ]);
      const response = await call<{ _entities: PatientBilling[] }>(PATIENT_BILLING, {
        r: patientRefs([owing, settled, fresh, 'not-a-uuid']),
        first: 3,
      });
      expect(response.errors).toBeUndefined();
      const [owingRow, settledRow, freshRow, malformedRow] = response.data!._entities;
      expect(owingRow.balance).toEqual({ amountCents: 4000, currency: 'USD' });
      expect(owingRow.invoices).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
      expect(owingRow.invoices.edges).toHaveLength(3);
      expect(settledRow.balance).toEqual({ amountCents: 0, currency: 'USD' });
      expect(settledRow.invoices).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
      expect(freshRow).toMatchObject({
        balance: { amountCents: 0, currency: 'USD' },
        invoices: { totalCount: 0, edges: [] },
      });
      expect(malformedRow.balance).toEqual({ amountCents: 0, currency: 'USD' });

      const next = await call<{ _entities: PatientBilling[] }>(PATIENT_BILLING, {
        r: patientRefs([owing]),
        first: 3,
        after: owingRow.invoices.pageInfo.endCursor,
      });
      const rest = next.data!._entities[0].invoices;
      expect(rest).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
      expect(rest.edges).toHaveLength(1);
      expect(owingRow.invoices.edges.map((edge) => edge.node.id)).not.toContain(rest.edges[0].node.id);
    });

    it("shows a patient their own balance but not another patient's, and a display nothing", async () => {
      const [patientId, someoneElse] = newIds(2);
      await insertInvoices([{ patientId, amountCents: 700 }]);
      const own = await call(PATIENT_BILLING, { r: patientRefs([patientId]) }, patientCaller(patientId));
      expect(own.errors).toBeUndefined();
      expect(own.data?._entities).toMatchObject([{ balance: { amountCents: 700 } }]);

      const other = await call(PATIENT_BILLING, { r: patientRefs([someoneElse]) }, patientCaller(patientId));
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      for (const caller of [display, callers.clinician]) {
        const denied = await call(
          `query($r:[_Any!]!){ _entities(representations:$r){ ... on Patient { balance { amountCents } } } }`,
          { r: patientRefs([patientId]) },
          caller,
        );
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it("derives each visit's payment status from its invoices", async () => {
      const patientId = randomUUID();
      const [none, due, paid, voided, paidAndDue, paidAndVoid] = newIds(6);
      await insertInvoices([
        { patientId, queueEntryId: due },
        { patientId, queueEntryId: paid, status: 'paid' },
        { patientId, queueEntryId: voided, status: 'void' },
        { patientId, queueEntryId: paidAndDue, status: 'paid' },
        { patientId, queueEntryId: paidAndDue },
        { patientId, queueEntryId: paidAndVoid, status: 'paid' },
        { patientId, queueEntryId: paidAndVoid, status: 'void' },
      ]);
      const response = await call(
        PAYMENT_STATUS,
        { r: entryRefs([none, due, paid, voided, paidAndDue, paidAndVoid]) },
        callers.clinician,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toEqual([
        { id: none, paymentStatus: 'NOT_REQUIRED' },
        { id: due, paymentStatus: 'DUE' },
        { id: paid, paymentStatus: 'PAID' },
        { id: voided, paymentStatus: 'NOT_REQUIRED' },
        { id: paidAndDue, paymentStatus: 'DUE' },
        { id: paidAndVoid, paymentStatus: 'PAID' },
      ]);
      for (const caller of [display, patientCaller(patientId)]) {
        const denied = await call(PAYMENT_STATUS, { r: entryRefs([due]) }, caller);
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('resolves invoices by reference for those who may read them', async () => {
      const patientId = randomUUID();
      const ids = await insertInvoices([
        { patientId, amountCents: 300 },
        { patientId, amountCents: 400, status: 'paid' },
      ]);
      const query = `query($r:[_Any!]!){ _entities(representations:$r){ ... on Invoice { id amountCents status patient { id } } } }`;
      const refs = [...ids, randomUUID()].map((id) => ({ __typename: 'Invoice', id }));
      const response = await call(query, { r: refs }, patientCaller(patientId));
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toEqual([
        { id: ids[0], amountCents: 300, status: 'OPEN', patient: { id: patientId } },
        { id: ids[1], amountCents: 400, status: 'PAID', patient: { id: patientId } },
        null,
      ]);
      for (const caller of [display, callers.clinician, patientCaller(randomUUID())]) {
        const denied = await call(
          `query($r:[_Any!]!){ _entities(representations:$r){ ... on Invoice { id } } }`,
          { r: refs.slice(0, 1) },
          caller,
        );
        expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('SQL statements per request', () => {
    const statementsFor = async (query: string, variables: Record<string, unknown>) => {
      const before = subgraph.database.counter.statements;
      const response = await call(query, variables);
      expect(response.errors).toBeUndefined();
      return subgraph.database.counter.statements - before;
    };

    it('stays the same for 10 and 500 patients and visits', async () => {
      const patients = newIds(500);
      const entries = newIds(500);
      await insertInvoices(
        patients.flatMap((patientId, index) => [
          { patientId, queueEntryId: entries[index], amountCents: 100 + index },
          { patientId, queueEntryId: entries[index], status: 'paid' as const },
        ]),
      );

      const patientsFew = await statementsFor(PATIENT_BILLING, { r: patientRefs(patients.slice(0, 10)) });
      const patientsMany = await statementsFor(PATIENT_BILLING, { r: patientRefs(patients) });
      expect(patientsMany).toBe(patientsFew);
      expect(patientsFew).toBeLessThanOrEqual(3);

      const entriesFew = await statementsFor(PAYMENT_STATUS, { r: entryRefs(entries.slice(0, 10)) });
      const entriesMany = await statementsFor(PAYMENT_STATUS, { r: entryRefs(entries) });
      expect(entriesMany).toBe(entriesFew);
      expect(entriesFew).toBe(1);
    });
  });
});
