import { publishEvent, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { Invoice } from './invoice.entity';

/** The durable event that asks the patients subgraph to send the patient a receipt. */
const PAYMENT_SUCCEEDED_EVENT = 'billing.payment-succeeded';

/** With the payment's transaction: the amount and a short reference, nothing about what was treated. */
export async function requestPaymentReceipt(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  invoice: Invoice,
): Promise<void> {
  await publishEvent(
    jobs,
    manager,
    PAYMENT_SUCCEEDED_EVENT,
    {
      patientId: invoice.patientId,
      invoiceId: invoice.id,
      amountCents: invoice.amountCents,
      currency: invoice.currency,
      reference: `INV-${invoice.id.slice(0, 8).toUpperCase()}`,
    },
    { key: invoice.patientId },
  );
}
