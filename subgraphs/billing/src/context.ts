import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { InvoiceService } from './domain/invoice.service';
import { type BillingLoaders, createBillingLoaders } from './loaders/billing.loaders';

export interface BillingContext extends BaseContext {
  loaders: BillingLoaders;
  invoices: InvoiceService;
}

export function createBillingContext(caller: Caller, resources: SubgraphResources): BillingContext {
  return {
    caller,
    loaders: createBillingLoaders(resources.database),
    invoices: new InvoiceService(resources.database),
  };
}
