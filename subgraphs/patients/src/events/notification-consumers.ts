import {
  type Consumer,
  defineConsumer,
  type Logger,
  startConsumers,
  type SubgraphResources,
} from '@clinicflow/platform';
import { createNotificationProviders } from '../adapters/notification-providers';
import { loadNotificationSettings, type NotificationSettings } from '../adapters/notification-settings';
import { NOTIFICATION_EVENTS, readNotificationRequest } from '../domain/notification-requests';
import { NOTIFICATION_RETENTION_SCHEDULE, pruneNotificationHistory } from '../domain/notification-retention';
import { NOTIFICATION_SEND_QUEUE, type NotificationSend, NotificationService } from '../domain/notification.service';

const NOTIFICATION_REQUEST_CONSUMER = 'patients.notification-requests';

/**
 * Two consumers: one takes the events that ask for a notification and records it once per event id
 * (scheduling its send in the same transaction); the other sends it. Both retry with backoff and
 * jitter and end in their dead-letter queues; the send marks its notification dead-lettered first.
 */
export function notificationConsumers(
  service: NotificationService,
  settings: NotificationSettings,
): Consumer<unknown>[] {
  const retry = { limit: settings.retry.limit, delaySeconds: settings.retry.delaySeconds, backoff: true };
  const providersPerSend = 3;
  return [
    defineConsumer<unknown>({
      name: NOTIFICATION_REQUEST_CONSUMER,
      events: NOTIFICATION_EVENTS,
      retry,
      concurrency: settings.workerConcurrency,
      pollingIntervalSeconds: 1,
      // One short transaction; a dead worker's requests come back this soon.
      timeoutSeconds: 15,
      handler: async (delivery) => {
        await service.accept(delivery.id, readNotificationRequest(delivery.event, delivery.data));
      },
    }),
    defineConsumer<NotificationSend>({
      name: NOTIFICATION_SEND_QUEUE,
      retry,
      concurrency: settings.workerConcurrency,
      pollingIntervalSeconds: 1,
      // Every provider may take its whole timeout, after waiting its turn behind the concurrency limit.
      timeoutSeconds: Math.ceil((providersPerSend * 2 * settings.policy.timeoutMs) / 1000) + 10,
      handler: (delivery) => service.send(delivery.data.notificationId, delivery.attempt > retry.limit),
    }),
  ];
}

function createNotificationService(resources: SubgraphResources, settings: NotificationSettings, logger: Logger) {
  return new NotificationService(
    resources.database,
    resources.jobs,
    createNotificationProviders(settings),
    settings,
    logger,
  );
}

/** Prunes finished notifications past the retention period, nightly (once across replicas). */
function notificationRetentionConsumer(resources: SubgraphResources, settings: NotificationSettings, logger: Logger) {
  return defineConsumer<Record<string, never>>({
    name: 'patients.notification-retention',
    schedule: NOTIFICATION_RETENTION_SCHEDULE,
    handler: async () => {
      const cutoff = new Date(Date.now() - settings.retentionDays * 86_400_000);
      const pruned = await pruneNotificationHistory(resources.database.dataSource, cutoff);
      logger.info({ ...pruned, retentionDays: settings.retentionDays }, 'notification history pruned');
    },
  });
}

/** Runs the notification consumers when at least one provider is configured. */
export async function startNotificationWorkers(resources: SubgraphResources): Promise<{ stop(): Promise<void> }> {
  const settings = loadNotificationSettings(resources.environment);
  const logger = resources.logger.child({ component: 'notifications' });
  if (!settings.sms && !settings.email) {
    logger.info('no SMS or email provider configured: notifications are off');
    return { stop: async () => undefined };
  }
  const service = createNotificationService(resources, settings, logger);
  return startConsumers(
    resources.jobs,
    [...notificationConsumers(service, settings), notificationRetentionConsumer(resources, settings, logger)],
    { logger },
  );
}
