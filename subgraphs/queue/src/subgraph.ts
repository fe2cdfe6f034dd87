import { defineSubgraph } from '@clinicflow/platform';
import { createQueueContext } from './context';
import { Appointment } from './domain/appointment.entity';
import { Facility } from './domain/facility.entity';
import { PriorityChange } from './domain/priority-change.entity';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './domain/queue-changes';
import { QueueEntry } from './domain/queue-entry.entity';
import { ServiceEstimate } from './domain/service-estimate.entity';
import { ServicePoint } from './domain/service-point.entity';
import { Service } from './domain/service.entity';
import { startQueueWorkers } from './events/queue-workers';
import { CreateQueue1763800000000 } from './migrations/1763800000000-create-queue';
import { PatientFlow1763800000001 } from './migrations/1763800000001-patient-flow';
import { AppointmentResolver } from './schema/appointment.resolver';
import { DeliveryResolver } from './schema/delivery.resolver';
import { FacilityResolver } from './schema/facility.resolver';
import { PatientQueueResolver } from './schema/patient-queue.resolver';
import { QueueActionResolver } from './schema/queue-action.resolver';
import { QueueEntryFlowResolver } from './schema/queue-entry-flow.resolver';
import { QueueEntryResolver } from './schema/queue-entry.resolver';
import { QueueUpdateResolver } from './schema/queue-update.resolver';
import { queueReferenceResolvers } from './schema/references';
import { ScheduleAlertResolver } from './schema/schedule-alert.resolver';
import { ServiceResolver } from './schema/service.resolver';

/**
 * The queue subgraph. Tests and the estimate benchmark pass their own clock, and tests a shorter
 * estimate refresh interval; everything else runs with the defaults (`queueSubgraph`).
 */
export function createQueueSubgraph(overrides: Partial<QueueSettings> = {}) {
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...overrides };
  return defineSubgraph({
    name: 'queue',
    defaultPort: 4002,
    entities: [Facility, Service, ServicePoint, QueueEntry, Appointment, PriorityChange, ServiceEstimate],
    migrations: [CreateQueue1763800000000, PatientFlow1763800000001],
    resolvers: [
      FacilityResolver,
      ServiceResolver,
      ScheduleAlertResolver,
      QueueEntryResolver,
      QueueEntryFlowResolver,
      QueueActionResolver,
      QueueUpdateResolver,
      AppointmentResolver,
      PatientQueueResolver,
      DeliveryResolver,
    ],
    referenceResolvers: queueReferenceResolvers,
    createContext: (caller, resources) => createQueueContext(caller, resources, settings),
    startWorkers: (resources) => startQueueWorkers(resources, settings),
  });
}

export const queueSubgraph = createQueueSubgraph();
