import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDevices1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // facility_id and patient_id point into the queue and patients subgraphs' schemas: no foreign keys.
    // Timestamps keep milliseconds, the precision of a JavaScript Date, so a value read back (or held
    // in a page cursor) compares equal to the stored one.
    await runner.query(`
      CREATE TABLE devices.device (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        serial text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN
          ('pulse_oximeter', 'blood_pressure_monitor', 'thermometer', 'scale', 'multi_parameter_monitor')),
        facility_id uuid,
        patient_id uuid,
        last_seen_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX device_facility_idx ON devices.device (facility_id, serial)`);
    await runner.query(`
      CREATE TABLE devices.reading (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        device_id uuid NOT NULL REFERENCES devices.device (id),
        patient_id uuid NOT NULL,
        code text NOT NULL CHECK (code IN ('8867-4', '59408-5', '8310-5', '8480-6', '8462-4', '29463-7')),
        value numeric NOT NULL,
        recorded_at timestamptz(3) NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // latestVitals (DISTINCT ON patient and code) and readings filtered by code.
    await runner.query(
      `CREATE INDEX reading_patient_code_idx ON devices.reading (patient_id, code, recorded_at DESC, id)`,
    );
    // readings of every code, newest first.
    await runner.query(`CREATE INDEX reading_patient_idx ON devices.reading (patient_id, recorded_at DESC, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE devices.reading, devices.device`);
  }
}
