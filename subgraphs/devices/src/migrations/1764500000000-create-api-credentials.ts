import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiCredentials1764500000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // secret_hash is SHA-256 of a 256-bit random secret; the secret itself is never stored.
    await runner.query(`
      CREATE TABLE devices.api_credential (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        kind text NOT NULL CHECK (kind IN ('client_credentials', 'api_key')),
        client_id text NOT NULL UNIQUE,
        secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
        role text NOT NULL CHECK (role IN ('reception', 'clinician', 'billing', 'admin')),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        expires_at timestamptz(3),
        revoked_at timestamptz(3),
        rotated_at timestamptz(3),
        created_by text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX api_credential_created_idx ON devices.api_credential (created_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE devices.api_credential`);
  }
}
