import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Prescriptions1764650000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clinical.prescription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        rxnorm_code text NOT NULL CHECK (rxnorm_code ~ '^[0-9]{1,10}$'),
        medication_display text NOT NULL,
        dosage_text text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        prescriber text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'on-hold', 'cancelled', 'completed')),
        dispense_status text NOT NULL CHECK (dispense_status IN ('sent-to-pharmacy', 'ready-for-pickup', 'picked-up')),
        prescribed_at timestamptz(3) NOT NULL DEFAULT now(),
        ready_at timestamptz(3),
        cancelled_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Serves Patient.prescriptions (pages newest first, optionally of some statuses).
    await runner.query(
      `CREATE INDEX prescription_patient_idx ON clinical.prescription (patient_id, prescribed_at DESC, id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE clinical.prescription`);
  }
}
