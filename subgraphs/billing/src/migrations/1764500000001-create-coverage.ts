import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCoverage1764500000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // member_id holds only the AES-256-GCM sealed value (v1.<key id>...), never the plaintext: the CHECK
    // refuses anything else; member_id_index is its HMAC blind index, unique per payer (decision 0017).
    await runner.query(`
      CREATE TABLE billing.coverage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        payer text NOT NULL CHECK (length(payer) BETWEEN 1 AND 100),
        member_id text NOT NULL CHECK (member_id LIKE 'v1.%'),
        member_id_index text NOT NULL UNIQUE CHECK (member_id_index ~ '^[0-9a-f]{64}$'),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX coverage_patient_idx ON billing.coverage (patient_id, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE billing.coverage`);
  }
}
