import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateQueue1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE queue.facility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        timezone text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE queue.service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES queue.facility (id),
        token_prefix text NOT NULL CHECK (token_prefix ~ '^[A-Z]{1,3}$'),
        name text NOT NULL,
        default_service_minutes integer NOT NULL CHECK (default_service_minutes > 0),
        slot_minutes integer NOT NULL CHECK (slot_minutes > 0),
        UNIQUE (facility_id, token_prefix)
      )`);
    await runner.query(`
      CREATE TABLE queue.service_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES queue.facility (id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('room', 'counter')),
        UNIQUE (facility_id, name)
      )`);
    await runner.query(`
      CREATE TABLE queue.token_counter (
        service_id uuid NOT NULL REFERENCES queue.service (id),
        service_day date NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (service_id, service_day)
      )`);
    await runner.query(`
      CREATE TABLE queue.queue_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES queue.facility (id),
        service_id uuid NOT NULL REFERENCES queue.service (id),
        patient_id uuid NOT NULL,
        service_day date NOT NULL,
        token_number integer NOT NULL,
        token text NOT NULL,
        status text NOT NULL DEFAULT 'waiting' CHECK (status IN
          ('waiting', 'called', 'in_service', 'completed', 'no_show', 'cancelled', 'held', 'transferred')),
        priority integer NOT NULL DEFAULT 0,
        channel text NOT NULL CHECK (channel IN ('reception', 'kiosk', 'patient_app')),
        arrived_at timestamptz(3) NOT NULL DEFAULT now(),
        called_at timestamptz(3),
        service_point_id uuid REFERENCES queue.service_point (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (service_id, service_day, token_number)
      )`);
    await runner.query(
      `CREATE INDEX queue_entry_board_idx ON queue.queue_entry (facility_id, status, (-priority), arrived_at, id)`,
    );
    await runner.query(`CREATE INDEX queue_entry_patient_idx ON queue.queue_entry (patient_id, arrived_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DROP TABLE queue.queue_entry, queue.token_counter, queue.service_point, queue.service, queue.facility`,
    );
  }
}
