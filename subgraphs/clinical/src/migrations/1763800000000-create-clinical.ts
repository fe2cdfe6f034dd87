import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClinical1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // Timestamps keep milliseconds, the precision of a JavaScript Date, so a value read back (or held
    // in a page cursor) compares equal to the stored one.
    await runner.query(`
      CREATE TABLE clinical.lab_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        loinc_code text NOT NULL CHECK (loinc_code ~ '^[0-9]{1,7}-[0-9]$'),
        display text NOT NULL,
        value_quantity numeric,
        value_text text,
        unit text,
        reference_range text,
        abnormal_flag text CHECK (abnormal_flag IN ('N', 'L', 'H', 'LL', 'HH', 'A')),
        status text NOT NULL CHECK (status IN ('preliminary', 'final', 'corrected', 'cancelled')),
        issued_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT lab_result_one_value CHECK ((value_quantity IS NULL) <> (value_text IS NULL))
      )`);
    // Serves Patient.labResults (pages newest first) and Patient.latestLabResult (DISTINCT ON).
    await runner.query(`CREATE INDEX lab_result_patient_idx ON clinical.lab_result (patient_id, issued_at DESC, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE clinical.lab_result`);
  }
}
