import { assertOwnPatient, forbidden } from '@clinicflow/platform';
import type { BillingContext } from '../context';
import { INVOICE_READERS } from '../domain/access';
import type { Invoice } from '../domain/invoice.entity';
import type { Patient } from '../domain/patient.ref';
import type { QueueEntry } from '../domain/queue-entry.ref';

/** Entities the gateway asks this subgraph to resolve, batched through the request's loaders. */
export const billingReferenceResolvers = {
  Invoice: async (reference: { id: string }, { caller, loaders }: BillingContext): Promise<Invoice | null> => {
    // Even an invoice's id says the patient was billed: only those who may read invoices resolve one.
    if (!INVOICE_READERS.includes(caller.role)) throw forbidden(`The ${caller.role} role may not read invoices`);
    const invoice = await loaders.invoiceById.load(reference.id);
    if (invoice) assertOwnPatient(caller, invoice.patientId);
    return invoice;
  },
  Patient: (reference: { id: string }, { caller }: BillingContext): Patient => {
    assertOwnPatient(caller, reference.id);
    return { id: reference.id };
  },
  QueueEntry: (reference: { id: string }): QueueEntry => ({ id: reference.id }),
};
