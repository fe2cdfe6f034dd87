import { registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  NOT_REQUIRED = 'not_required',
  DUE = 'due',
  PAID = 'paid',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Whether a visit still has something to pay',
  valuesConfig: {
    NOT_REQUIRED: { description: 'No invoice to pay for the visit (none raised, or all voided)' },
    DUE: { description: 'At least one invoice for the visit is open' },
    PAID: { description: 'Every invoice for the visit is paid or void, and at least one is paid' },
  },
});

/** What the visit's invoices add up to: `due` when any is open, `paid` when any is paid. */
export interface VisitInvoiceSummary {
  due: boolean;
  paid: boolean;
}

export function paymentStatusOf(summary: VisitInvoiceSummary | null): PaymentStatus {
  if (summary?.due) return PaymentStatus.DUE;
  if (summary?.paid) return PaymentStatus.PAID;
  return PaymentStatus.NOT_REQUIRED;
}
