import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PatientErasure1764500000003 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE patients.patient
        ADD COLUMN erased_at timestamptz(3),
        ADD COLUMN erasure_reason text,
        ADD CONSTRAINT patient_erasure_reason CHECK ((erased_at IS NULL) = (erasure_reason IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE patients.patient DROP COLUMN erased_at, DROP COLUMN erasure_reason`);
  }
}
