import { defineSubgraph } from '@clinicflow/platform';
import { createBillingContext } from './context';
import { Coverage } from './domain/coverage.entity';
import { Invoice } from './domain/invoice.entity';
import { startBillingWorkers } from './events/billing-workers';
import { CreateBilling1763800000000 } from './migrations/1763800000000-create-billing';
import { CreateCoverage1764500000001 } from './migrations/1764500000001-create-coverage';
import { CoverageResolver } from './schema/coverage.resolver';
import { InvoiceResolver } from './schema/invoice.resolver';
import { PatientBillingResolver } from './schema/patient-billing.resolver';
import { PatientCoverageResolver } from './schema/patient-coverage.resolver';
import { QueueEntryBillingResolver } from './schema/queue-entry-billing.resolver';
import { billingReferenceResolvers } from './schema/references';

export const billingSubgraph = defineSubgraph({
  name: 'billing',
  defaultPort: 4003,
  entities: [Invoice, Coverage],
  migrations: [CreateBilling1763800000000, CreateCoverage1764500000001],
  resolvers: [
    InvoiceResolver,
    PatientBillingResolver,
    QueueEntryBillingResolver,
    CoverageResolver,
    PatientCoverageResolver,
  ],
  referenceResolvers: billingReferenceResolvers,
  createContext: createBillingContext,
  startWorkers: startBillingWorkers,
});
