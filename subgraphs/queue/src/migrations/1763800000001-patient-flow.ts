import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patient flow: appointments, the full life of a queue entry (calls, service, no-shows, holds,
 * transfers, kept priority changes), each facility's change sequence, and settled estimates.
 */
export class PatientFlow1763800000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE queue.facility ADD COLUMN sequence integer NOT NULL DEFAULT 0 CHECK (sequence >= 0)`,
    );
    await runner.query(`
      ALTER TABLE queue.service
        ADD COLUMN no_show_grace_seconds integer NOT NULL DEFAULT 300 CHECK (no_show_grace_seconds BETWEEN 1 AND 7200)`);

    // patient_id points into the patients subgraph's schema: no foreign key across owners.
    await runner.query(`
      CREATE TABLE queue.appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES queue.facility (id),
        service_id uuid NOT NULL REFERENCES queue.service (id),
        patient_id uuid NOT NULL,
        starts_at timestamptz(3) NOT NULL,
        slot_minutes integer NOT NULL CHECK (slot_minutes > 0),
        status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
        source text NOT NULL DEFAULT 'clinicflow' CHECK (source ~ '^[a-z][a-z0-9_-]{1,31}$'),
        external_id text CHECK (char_length(external_id) BETWEEN 1 AND 200),
        cancel_reason text CHECK (char_length(cancel_reason) BETWEEN 3 AND 200),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
        UNIQUE (source, external_id)
      )`);
    await runner.query(`CREATE INDEX appointment_facility_idx ON queue.appointment (facility_id, starts_at, id)`);
    await runner.query(
      `CREATE INDEX appointment_booked_idx ON queue.appointment (patient_id, service_id, starts_at) WHERE status = 'booked'`,
    );

    await runner.query(`
      ALTER TABLE queue.queue_entry
        ADD COLUMN queued_at timestamptz(3),
        ADD COLUMN call_number integer NOT NULL DEFAULT 0 CHECK (call_number >= 0),
        ADD COLUMN service_started_at timestamptz(3),
        ADD COLUMN completed_at timestamptz(3),
        ADD COLUMN status_reason text CHECK (char_length(status_reason) BETWEEN 3 AND 200),
        ADD COLUMN appointment_id uuid REFERENCES queue.appointment (id),
        ADD COLUMN transferred_from_id uuid REFERENCES queue.queue_entry (id),
        ADD COLUMN transferred_to_id uuid REFERENCES queue.queue_entry (id),
        ADD CONSTRAINT queue_entry_priority_range CHECK (priority BETWEEN 0 AND 10),
        ADD CHECK ((status = 'transferred') = (transferred_to_id IS NOT NULL)),
        ADD CHECK (status NOT IN ('in_service', 'completed') OR service_started_at IS NOT NULL),
        ADD CHECK ((status = 'completed') = (completed_at IS NOT NULL))`);
    await runner.query(`UPDATE queue.queue_entry SET queued_at = arrived_at`);
    await runner.query(`ALTER TABLE queue.queue_entry ALTER COLUMN queued_at SET NOT NULL`);
    // A row written without a place in line (an import, a fixture) queues at its arrival, like a walk-in.
    await runner.query(`
      CREATE FUNCTION queue.queued_at_from_arrival() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.queued_at := coalesce(NEW.queued_at, NEW.arrived_at);
        RETURN NEW;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER queue_entry_queued_at BEFORE INSERT ON queue.queue_entry
        FOR EACH ROW EXECUTE FUNCTION queue.queued_at_from_arrival()`);

    // The board and calls order by place in line now, not by arrival.
    await runner.query(`DROP INDEX queue.queue_entry_board_idx`);
    await runner.query(
      `CREATE INDEX queue_entry_board_idx ON queue.queue_entry (facility_id, status, (-priority), queued_at, id)`,
    );
    // Places in line (positions, estimates, skip), one service's waiting and held entries in call order.
    await runner.query(
      `CREATE INDEX queue_entry_line_idx ON queue.queue_entry (service_id, (-priority), queued_at, id) WHERE status IN ('waiting', 'held')`,
    );
    // Mean visit length: a service's latest completed visits.
    await runner.query(
      `CREATE INDEX queue_entry_completed_idx ON queue.queue_entry (service_id, completed_at DESC) WHERE status = 'completed'`,
    );
    // Service points that called a service recently.
    await runner.query(
      `CREATE INDEX queue_entry_called_idx ON queue.queue_entry (service_id, called_at) WHERE called_at IS NOT NULL`,
    );
    // One queue entry per appointment; Appointment.queueEntry looks it up.
    await runner.query(
      `CREATE UNIQUE INDEX queue_entry_appointment_idx ON queue.queue_entry (appointment_id) WHERE appointment_id IS NOT NULL`,
    );

    await runner.query(`
      CREATE TABLE queue.priority_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue_entry_id uuid NOT NULL REFERENCES queue.queue_entry (id),
        from_priority integer NOT NULL CHECK (from_priority BETWEEN 0 AND 10),
        to_priority integer NOT NULL CHECK (to_priority BETWEEN 0 AND 10),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 3 AND 200),
        changed_by text NOT NULL,
        changed_at timestamptz(3) NOT NULL,
        CHECK (from_priority <> to_priority)
      )`);
    await runner.query(
      `CREATE INDEX priority_change_entry_idx ON queue.priority_change (queue_entry_id, changed_at, id)`,
    );

    await runner.query(`
      CREATE TABLE queue.service_estimate (
        service_id uuid PRIMARY KEY REFERENCES queue.service (id),
        facility_id uuid NOT NULL REFERENCES queue.facility (id),
        minutes_per_place double precision NOT NULL CHECK (minutes_per_place > 0),
        alert_longest_wait_minutes integer CHECK (alert_longest_wait_minutes > 0),
        alert_slot_minutes integer CHECK (alert_slot_minutes > 0),
        alert_since timestamptz(3),
        refreshed_at timestamptz(3) NOT NULL,
        CHECK ((alert_since IS NULL) = (alert_longest_wait_minutes IS NULL)),
        CHECK ((alert_since IS NULL) = (alert_slot_minutes IS NULL))
      )`);
    // Facility.scheduleAlerts: a facility's services that are running late.
    await runner.query(
      `CREATE INDEX service_estimate_alert_idx ON queue.service_estimate (facility_id, alert_since) WHERE alert_since IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE queue.service_estimate, queue.priority_change`);
    await runner.query(`DROP TRIGGER queue_entry_queued_at ON queue.queue_entry`);
    await runner.query(`DROP FUNCTION queue.queued_at_from_arrival()`);
    // Indexes on the dropped columns go with them; these two are on columns that stay.
    await runner.query(`DROP INDEX queue.queue_entry_board_idx, queue.queue_entry_called_idx`);
    await runner.query(
      `ALTER TABLE queue.queue_entry
         DROP CONSTRAINT queue_entry_priority_range,
         DROP COLUMN queued_at, DROP COLUMN call_number, DROP COLUMN service_started_at, DROP COLUMN completed_at,
         DROP COLUMN status_reason, DROP COLUMN appointment_id, DROP COLUMN transferred_from_id,
         DROP COLUMN transferred_to_id`,
    );
    await runner.query(
      `CREATE INDEX queue_entry_board_idx ON queue.queue_entry (facility_id, status, (-priority), arrived_at, id)`,
    );
    await runner.query(`DROP TABLE queue.appointment`);
    await runner.query(`ALTER TABLE queue.service DROP COLUMN no_show_grace_seconds`);
    await runner.query(`ALTER TABLE queue.facility DROP COLUMN sequence`);
  }
}
