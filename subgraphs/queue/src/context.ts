import { type BaseContext, type Caller, DeadLetters, type SubgraphResources } from '@clinicflow/platform';
import { AppointmentService } from './domain/appointment.service';
import { FacilityService } from './domain/facility.service';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './domain/queue-changes';
import { QueueService } from './domain/queue.service';
import { createQueueLoaders, type QueueLoaders } from './loaders/queue.loaders';

export interface QueueContext extends BaseContext {
  loaders: QueueLoaders;
  /**
   * graphql-ws builds one context per subscription and resolves every event with it; each event
   * renews the loaders first, so it never answers from an earlier event's cached rows.
   */
  renewLoaders(): void;
  queue: QueueService;
  facilities: FacilityService;
  appointments: AppointmentService;
  /** Every consumer's failed deliveries (the admin's `failedDeliveries`). */
  deliveries: DeadLetters;
}

export function createQueueContext(
  caller: Caller,
  resources: SubgraphResources,
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS,
): QueueContext {
  const context: QueueContext = {
    caller,
    loaders: createQueueLoaders(resources.database, settings.clock),
    renewLoaders: () => {
      context.loaders = createQueueLoaders(resources.database, settings.clock);
    },
    queue: new QueueService(resources, settings),
    facilities: new FacilityService(resources.database),
    appointments: new AppointmentService(resources.database),
    deliveries: new DeadLetters(resources.database.dataSource, resources.jobs),
  };
  return context;
}
