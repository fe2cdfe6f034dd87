import { PAYMENT_SUCCEEDED_REQUEST, publishContract, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import type { Invoice } from './invoice.entity';

/**
 * Asks the patients subgraph to send the patient a receipt, with the payment's transaction: the amount
 * and a short reference, nothing about what was treated.
 */
export async function requestPaymentReceipt(
  jobs: SubgraphResources['jobs'],
  manager: EntityManager,
  invoice: Invoice,
): Promise<void> {
  await publishContract(
    jobs,
    manager,
    PAYMENT_SUCCEEDED_REQUEST,
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
