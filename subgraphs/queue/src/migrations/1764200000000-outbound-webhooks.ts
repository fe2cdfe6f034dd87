import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks: third parties' endpoints (secrets sealed with WEBHOOK_SECRET_KEY), the events
 * they can be sent again from, every delivery attempt, the places in line last announced (so that
 * `queue.position-changed` names only entries that moved), and providers' arrivals at rooms.
 */
export class OutboundWebhooks1764200000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE queue.webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_client_id text CHECK (char_length(owner_client_id) BETWEEN 1 AND 200),
        url text NOT NULL CHECK (char_length(url) BETWEEN 8 AND 2000),
        description text CHECK (char_length(description) BETWEEN 1 AND 200),
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        facility_id uuid REFERENCES queue.facility (id),
        enabled boolean NOT NULL DEFAULT true,
        secret_sealed text NOT NULL,
        secret_rotated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX webhook_endpoint_owner_idx ON queue.webhook_endpoint (owner_client_id, created_at, id)`,
    );
    await runner.query(
      `CREATE INDEX webhook_endpoint_events_idx ON queue.webhook_endpoint USING gin (events) WHERE enabled`,
    );
    await runner.query(`
      CREATE TABLE queue.webhook_event (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        facility_id uuid NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        payload jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE queue.webhook_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES queue.webhook_endpoint (id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES queue.webhook_event (id),
        event_type text NOT NULL,
        attempt integer NOT NULL CHECK (attempt >= 1),
        status_code integer CHECK (status_code BETWEEN 100 AND 599),
        latency_ms integer NOT NULL CHECK (latency_ms >= 0),
        error text CHECK (char_length(error) <= 500),
        delivered boolean NOT NULL,
        attempted_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX webhook_attempt_endpoint_idx ON queue.webhook_attempt (endpoint_id, attempted_at DESC, id DESC)`,
    );
    await runner.query(`CREATE INDEX webhook_attempt_event_idx ON queue.webhook_attempt (event_id)`);
    await runner.query(`
      CREATE TABLE queue.announced_position (
        entry_id uuid PRIMARY KEY,
        service_id uuid NOT NULL,
        position integer NOT NULL CHECK (position >= 1)
      )`);
    await runner.query(`CREATE INDEX announced_position_service_idx ON queue.announced_position (service_id)`);
    await runner.query(`
      CREATE TABLE queue.provider_arrival (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_point_id uuid NOT NULL REFERENCES queue.service_point (id),
        facility_id uuid NOT NULL REFERENCES queue.facility (id),
        arrived_at timestamptz(3) NOT NULL,
        marked_by text NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX provider_arrival_point_idx ON queue.provider_arrival (service_point_id, arrived_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'provider_arrival',
      'announced_position',
      'webhook_attempt',
      'webhook_event',
      'webhook_endpoint',
    ]) {
      await runner.query(`DROP TABLE queue.${table}`);
    }
  }
}
