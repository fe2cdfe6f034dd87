import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EhrSync1764400000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE patients.ehr_link (
        patient_id uuid PRIMARY KEY REFERENCES patients.patient (id) ON DELETE CASCADE,
        ehr_id text NOT NULL UNIQUE,
        version_id text NOT NULL,
        synced_values jsonb NOT NULL,
        synced_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE patients.sync_conflict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients.patient (id) ON DELETE CASCADE,
        ehr_version_id text NOT NULL,
        fields jsonb NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        raised_at timestamptz(3) NOT NULL DEFAULT now(),
        resolved_at timestamptz(3),
        resolved_by text,
        resolution jsonb
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX sync_conflict_open_idx ON patients.sync_conflict (patient_id) WHERE status = 'open'`,
    );
    await runner.query(`CREATE INDEX sync_conflict_raised_idx ON patients.sync_conflict (raised_at DESC, id DESC)`);
    await runner.query(`
      CREATE TABLE patients.ehr_integration (
        id text PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('active', 'paused')),
        reason text,
        changed_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE patients.ehr_poll_cursor (
        resource_type text PRIMARY KEY,
        last_updated text NOT NULL,
        seen_versions text[] NOT NULL DEFAULT '{}'
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE patients.ehr_poll_cursor`);
    await runner.query(`DROP TABLE patients.ehr_integration`);
    await runner.query(`DROP TABLE patients.sync_conflict`);
    await runner.query(`DROP TABLE patients.ehr_link`);
  }
}
