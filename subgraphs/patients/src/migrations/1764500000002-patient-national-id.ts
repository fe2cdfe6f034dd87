import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PatientNationalId1764500000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // Only the AES-256-GCM sealed value (v1.<key id>...) is ever stored (decision 0017); the CHECK refuses
    // plaintext. No blind index: nothing looks a patient up by national id, and an index would tell
    // which patients share one.
    await runner.query(`ALTER TABLE patients.patient ADD COLUMN national_id text CHECK (national_id LIKE 'v1.%')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE patients.patient DROP COLUMN national_id`);
  }
}
