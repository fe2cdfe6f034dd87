import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lab work in the patient's day (decision 0013): specimens collected during visits, with the minutes
 * each keeps the visit's room; the facility of each patient's latest check-in, and of each alert.
 */
export class ClinicalLabFlow1764600000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // patient_id and queue_entry_id point into other subgraphs' schemas: no foreign keys across owners.
    await runner.query(`
      CREATE TABLE clinical.specimen_collection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        queue_entry_id uuid,
        kind text NOT NULL CHECK (kind IN ('BLOOD', 'URINE', 'SWAB', 'STOOL', 'SPUTUM', 'OTHER')),
        collected_at timestamptz(3) NOT NULL,
        minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 240),
        recorded_by text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE clinical.patient_visit (
        patient_id uuid PRIMARY KEY,
        facility_id uuid NOT NULL,
        checked_in_at timestamptz(3) NOT NULL
      )`);
    await runner.query(`ALTER TABLE clinical.clinical_alert ADD COLUMN facility_id uuid`);
    await runner.query(
      `CREATE INDEX specimen_collection_patient_idx ON clinical.specimen_collection (patient_id, collected_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clinical.clinical_alert DROP COLUMN facility_id`);
    await runner.query(`DROP TABLE clinical.patient_visit, clinical.specimen_collection`);
  }
}
