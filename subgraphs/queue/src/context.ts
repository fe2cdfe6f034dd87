import { type BaseContext, type Caller, DeadLetters, type SubgraphResources } from '@clinicflow/platform';
import { AppointmentService } from './domain/appointment.service';
import { FacilityService } from './domain/facility.service';
import { ProviderArrivals } from './domain/provider-arrivals';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './domain/queue-changes';
import { QueueService } from './domain/queue.service';
import { createQueueLoaders, type QueueLoaders } from './loaders/queue.loaders';
import { WebhookService } from './webhooks/webhook.service';
import { webhookSettingsOf } from './webhooks/webhook-settings';

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
  /** Providers marked as arrived at their rooms and counters. */
  arrivals: ProviderArrivals;
  /** Third parties' webhook endpoints, their delivery logs and replays. */
  webhooks: WebhookService;
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
    appointments: new AppointmentService(resources.database, resources.jobs),
    deliveries: new DeadLetters(resources.database.dataSource, resources.jobs),
    arrivals: new ProviderArrivals(resources.database, resources.jobs),
    webhooks: new WebhookService(resources.database, resources.jobs, webhookSettingsOf(resources.environment)),
  };
  return context;
}
