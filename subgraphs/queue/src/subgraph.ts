import { defineSubgraph } from '@clinicflow/platform';
import { createQueueContext } from './context';
import { Facility } from './domain/facility.entity';
import { QueueEntry } from './domain/queue-entry.entity';
import { ServicePoint } from './domain/service-point.entity';
import { Service } from './domain/service.entity';
import { CreateQueue1763800000000 } from './migrations/1763800000000-create-queue';
import { FacilityResolver } from './schema/facility.resolver';
import { PatientQueueResolver } from './schema/patient-queue.resolver';
import { QueueEntryResolver } from './schema/queue-entry.resolver';
import { queueReferenceResolvers } from './schema/references';

export const queueSubgraph = defineSubgraph({
  name: 'queue',
  defaultPort: 4002,
  entities: [Facility, Service, ServicePoint, QueueEntry],
  migrations: [CreateQueue1763800000000],
  resolvers: [FacilityResolver, QueueEntryResolver, PatientQueueResolver],
  referenceResolvers: queueReferenceResolvers,
  createContext: createQueueContext,
});
