import { type SubgraphResources, transactionDb } from '@clinicflow/platform';
import type { DataSource } from 'typeorm';

/** The queue of single deliveries: one job per endpoint and event (webhook-delivery.ts). */
export const WEBHOOK_DELIVERY_QUEUE = 'queue.webhook-delivery';

/** What a delivery job names: ids only, so its dead letter shows which endpoint and event, nothing else. */
export interface DeliveryJob {
  endpointId: string;
  eventId: string;
}

export interface PublishedWebhookEvent {
  id: string;
  type: string;
  publishedAt: Date;
  payload: Record<string, unknown>;
}

/**
 * Turns one published event into a delivery job per enabled endpoint subscribed to it (and to its
 * facility), keeping the event for replays. One transaction, deduplicated on the event id: a
 * fan-out that runs again after its commit finds the event kept and queues nothing twice.
 */
export async function fanOut(
  dataSource: DataSource,
  jobs: SubgraphResources['jobs'],
  event: PublishedWebhookEvent,
): Promise<number> {
  const facilityId = event.payload.facilityId;
  if (typeof facilityId !== 'string') throw new Error(`Event ${event.id} (${event.type}) names no facility`);
  return dataSource.transaction(async (manager) => {
    const kept = (await manager.query(
      `INSERT INTO queue.webhook_event (id, type, facility_id, occurred_at, payload) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.type, facilityId, event.publishedAt, event.payload],
    )) as unknown[];
    if (kept.length === 0) return 0;
    const endpoints = (await manager.query(
      `SELECT id FROM queue.webhook_endpoint
       WHERE enabled AND events @> ARRAY[$1]::text[] AND (facility_id IS NULL OR facility_id = $2)`,
      [event.type, facilityId],
    )) as { id: string }[];
    if (endpoints.length > 0) {
      await jobs.insert(
        endpoints.map((endpoint): { name: string; data: DeliveryJob } => ({
          name: WEBHOOK_DELIVERY_QUEUE,
          data: { endpointId: endpoint.id, eventId: event.id },
        })),
        { db: transactionDb(manager) },
      );
    }
    return endpoints.length;
  });
}
