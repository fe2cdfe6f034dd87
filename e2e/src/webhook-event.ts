import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * An event the queue once tried to deliver to a webhook endpoint, as the delivery consumer leaves
 * it (the kept event and one failed attempt), made directly so that tests about who may replay it
 * do not wait for a delivery to fail.
 */
export async function recordWebhookAttempt(databaseUrl: string, endpointId: string, facilityId: string) {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    const eventId = randomUUID();
    await dataSource.query(
      `INSERT INTO queue.webhook_event (id, type, facility_id, occurred_at, payload) VALUES ($1, 'token.called', $2, now(), $3)`,
      [eventId, facilityId, { facilityId }],
    );
    await dataSource.query(
      `INSERT INTO queue.webhook_attempt (endpoint_id, event_id, event_type, attempt, status_code, latency_ms, error, delivered)
       VALUES ($1, $2, 'token.called', 1, 500, 12, 'the receiver answered HTTP 500', false)`,
      [endpointId, eventId],
    );
    return { endpointId, eventId };
  } finally {
    await dataSource.destroy();
  }
}
