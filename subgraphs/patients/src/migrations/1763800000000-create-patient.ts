import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePatient1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE patients.patient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mrn text NOT NULL UNIQUE,
        given_name text NOT NULL,
        family_name text NOT NULL,
        birth_date date NOT NULL,
        gender text NOT NULL DEFAULT 'unknown'
          CHECK (gender IN ('female', 'male', 'other', 'unknown')),
        phone text,
        email text,
        preferred_language text NOT NULL DEFAULT 'en',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX patient_family_name_idx ON patients.patient (lower(family_name), lower(given_name), id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE patients.patient`);
  }
}
