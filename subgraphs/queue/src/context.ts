import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { FacilityService } from './domain/facility.service';
import { QueueService } from './domain/queue.service';
import { createQueueLoaders, type QueueLoaders } from './loaders/queue.loaders';

export interface QueueContext extends BaseContext {
  loaders: QueueLoaders;
  queue: QueueService;
  facilities: FacilityService;
}

export function createQueueContext(caller: Caller, resources: SubgraphResources): QueueContext {
  return {
    caller,
    loaders: createQueueLoaders(resources.database),
    queue: new QueueService(resources.database),
    facilities: new FacilityService(resources.database),
  };
}
