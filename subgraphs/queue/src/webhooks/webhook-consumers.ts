import { type Delivery, defineConsumer, type SubgraphResources } from '@clinicflow/platform';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-type';
import { type DeliveryJob, fanOut, WEBHOOK_DELIVERY_QUEUE } from './webhook-fanout';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';
import { pruneWebhookHistory, WEBHOOK_RETENTION_SCHEDULE } from './webhook-retention';
import { WebhookSender } from './webhook-sender';
import type { WebhookSettings } from './webhook-settings';

/** The body of every delivery: the event's id (the same on every attempt and replay), type, time and payload. */
export const deliveryBody = (event: WebhookEvent) =>
  JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data: event.payload });

/**
 * Outbound webhooks as two consumers: the fan-out takes each of the queue's events and queues one
 * delivery per subscribed endpoint; a delivery signs and posts the event, logs the attempt, and
 * fails (to be retried with backoff and jitter, then dead-lettered) unless the receiver answered 2xx.
 */
export function webhookConsumers(resources: SubgraphResources, settings: WebhookSettings) {
  const { dataSource } = resources.database;
  const sender = new WebhookSender(settings.timeoutSeconds);

  const deliver = async ({ data, attempt }: Delivery<DeliveryJob>) => {
    const endpoint = await dataSource.getRepository(WebhookEndpoint).findOneBy({ id: data.endpointId });
    // Deleted or disabled since the event was queued: nothing is owed to it any more.
    if (!endpoint?.enabled) return;
    const event = await dataSource.getRepository(WebhookEvent).findOneByOrFail({ id: data.eventId });
    const box = settings.secretBox;
    if (!box) throw new Error('WEBHOOK_SECRET_KEY is not set: deliveries cannot be signed');
    const outcome = await sender.send(endpoint.id, {
      url: endpoint.url,
      secret: box.open(endpoint.secretSealed, endpoint.id),
      eventId: event.id,
      eventType: event.type,
      body: deliveryBody(event),
    });
    await dataSource.getRepository(WebhookAttempt).insert({
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      attempt,
      ...outcome,
      attemptedAt: new Date(),
    });
    if (!outcome.delivered) throw new Error(outcome.error ?? 'the delivery failed');
  };

  return [
    defineConsumer<Record<string, unknown>>({
      name: 'queue.webhook-fanout',
      events: [...WEBHOOK_EVENT_TYPES],
      concurrency: 4,
      pollingIntervalSeconds: settings.pollingIntervalSeconds,
      handler: async ({ id, event, data, publishedAt }) => {
        await fanOut(dataSource, resources.jobs, {
          id,
          type: event,
          publishedAt: publishedAt ?? new Date(),
          payload: data,
        });
      },
    }),
    defineConsumer<DeliveryJob>({
      name: WEBHOOK_DELIVERY_QUEUE,
      retry: { limit: settings.maxAttempts - 1, delaySeconds: settings.retryDelaySeconds, backoff: true },
      // The receiver's timeout, and time to log the attempt.
      timeoutSeconds: settings.timeoutSeconds + 5,
      concurrency: 16,
      pollingIntervalSeconds: settings.pollingIntervalSeconds,
      handler: deliver,
    }),
    defineConsumer<Record<string, never>>({
      name: 'queue.webhook-retention',
      schedule: WEBHOOK_RETENTION_SCHEDULE,
      handler: async () => {
        const cutoff = new Date(Date.now() - settings.retentionDays * 86_400_000);
        const pruned = await pruneWebhookHistory(dataSource, cutoff);
        resources.logger.info({ ...pruned, retentionDays: settings.retentionDays }, 'webhook history pruned');
      },
    }),
  ];
}
