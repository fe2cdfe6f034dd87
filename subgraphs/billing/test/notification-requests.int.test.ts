import { randomUUID } from 'node:crypto';
import type { Delivery } from '@clinicflow/platform';
import {
  callers,
  callSubgraph,
  startTestSubgraph,
  TEST_CONTEXT_SECRET,
  type TestSubgraph,
  type EventListener,
  listenForEvents,
} from '@clinicflow/testing';
import { billingSubgraph } from '../src/subgraph';

/** A payment asks the patients subgraph, by a durable event in the payment's transaction, for a receipt. */
describe('billing notification requests', () => {
  let listener: EventListener<Record<string, unknown>>;
  let subgraph: TestSubgraph;
  let seen: Delivery<Record<string, unknown>>[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(billingSubgraph);
    listener = await listenForEvents<Record<string, unknown>>(subgraph.testDatabase.url, 'test.payment-receipts', [
      'billing.payment-succeeded',
    ]);
    seen = listener.seen;
  });
  afterAll(async () => {
    await listener.stop();
    await subgraph.stop();
  });

  const call = <T>(query: string, variables: Record<string, unknown>) =>
    callSubgraph<T>(subgraph.url, TEST_CONTEXT_SECRET, callers.billing, query, variables);

  it('publishes one receipt request when an invoice is paid, none when a payment is refused', async () => {
    const patientId = randomUUID();
    const created = await call<{ createInvoice: { id: string } }>(
      `mutation ($input: InvoiceInput!) { createInvoice(input: $input) { id } }`,
      { input: { patientId, description: 'Consultation', amountCents: 4500, currency: 'USD' } },
    );
    const id = created.data!.createInvoice.id;
    const paid = await call(`mutation ($id: ID!) { markInvoicePaid(id: $id) { status } }`, { id });
    expect(paid.errors).toBeUndefined();
    const again = await call(`mutation ($id: ID!) { markInvoicePaid(id: $id) { status } }`, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(seen.map((delivery) => delivery.data)).toEqual([
      {
        patientId,
        invoiceId: id,
        amountCents: 4500,
        currency: 'USD',
        reference: `INV-${id.slice(0, 8).toUpperCase()}`,
      },
    ]);
  });
});
