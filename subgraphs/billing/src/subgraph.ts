import { defineSubgraph } from '@clinicflow/platform';
import { createBillingContext } from './context';
import { Invoice } from './domain/invoice.entity';
import { CreateBilling1763800000000 } from './migrations/1763800000000-create-billing';
import { InvoiceResolver } from './schema/invoice.resolver';
import { PatientBillingResolver } from './schema/patient-billing.resolver';
import { QueueEntryBillingResolver } from './schema/queue-entry-billing.resolver';
import { billingReferenceResolvers } from './schema/references';

export const billingSubgraph = defineSubgraph({
  name: 'billing',
  defaultPort: 4003,
  entities: [Invoice],
  migrations: [CreateBilling1763800000000],
  resolvers: [InvoiceResolver, PatientBillingResolver, QueueEntryBillingResolver],
  referenceResolvers: billingReferenceResolvers,
  createContext: createBillingContext,
});
