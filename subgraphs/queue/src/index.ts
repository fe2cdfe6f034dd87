export { createQueueSubgraph, queueSubgraph } from './subgraph';
// For the estimate benchmark (bench/src/wait-estimates.ts), which replays a day against the service itself.
export type { Clock } from './domain/clock';
export { FacilityService } from './domain/facility.service';
export { QueueService } from './domain/queue.service';
export { CheckInChannel } from './domain/queue-entry.entity';
export { ServicePointKind } from './domain/service-point.entity';
export { estimatedWaitMinutes, linePlaces, serviceRates } from './domain/wait-estimates';
