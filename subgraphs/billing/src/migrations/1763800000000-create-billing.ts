import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBilling1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // patient_id and queue_entry_id point into other subgraphs' schemas: no foreign keys across owners.
    // Timestamps keep milliseconds only, so they round-trip through page cursors exactly.
    await runner.query(`
      CREATE TABLE billing.invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        queue_entry_id uuid,
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 200),
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'void')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        paid_at timestamptz(3),
        void_reason text CHECK (char_length(void_reason) BETWEEN 3 AND 200),
        CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
        CHECK ((status = 'void') = (void_reason IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX invoice_patient_idx ON billing.invoice (patient_id, created_at DESC, id DESC)`);
    await runner.query(
      `CREATE INDEX invoice_open_balance_idx ON billing.invoice (patient_id, currency) INCLUDE (amount_cents) WHERE status = 'open'`,
    );
    await runner.query(
      `CREATE INDEX invoice_queue_entry_idx ON billing.invoice (queue_entry_id) WHERE queue_entry_id IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX invoice_newest_idx ON billing.invoice (created_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE billing.invoice`);
  }
}
