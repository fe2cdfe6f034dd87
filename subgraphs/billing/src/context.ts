import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { CoverageService } from './domain/coverage.service';
import { InvoiceService } from './domain/invoice.service';
import { type BillingLoaders, createBillingLoaders } from './loaders/billing.loaders';

export interface BillingContext extends BaseContext {
  loaders: BillingLoaders;
  invoices: InvoiceService;
  coverages: CoverageService;
}

export function createBillingContext(caller: Caller, resources: SubgraphResources): BillingContext {
  return {
    caller,
    loaders: createBillingLoaders(resources.database),
    invoices: new InvoiceService(resources.database, resources.jobs),
    coverages: new CoverageService(resources.database),
  };
}
