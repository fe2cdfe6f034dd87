import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764100000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE patients.notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients.patient (id),
        event_id text NOT NULL UNIQUE,
        kind text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL
          CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'dead-lettered', 'skipped')),
        reason text,
        channel text CHECK (channel IN ('sms', 'email')),
        provider text,
        provider_message_id text,
        attempts int NOT NULL DEFAULT 0,
        pending_attempt_id uuid,
        pending_since timestamptz,
        not_before timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        sent_at timestamptz(3),
        delivered_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX notification_patient_idx ON patients.notification (patient_id, created_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE TABLE patients.contact_preference (
        patient_id uuid PRIMARY KEY REFERENCES patients.patient (id),
        channel_order text[] NOT NULL,
        sms_opted_out boolean NOT NULL DEFAULT false,
        email_opted_out boolean NOT NULL DEFAULT false,
        quiet_hours_start text,
        quiet_hours_end text,
        time_zone text NOT NULL DEFAULT 'UTC',
        updated_at timestamptz(3) DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE patients.consent_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients.patient (id),
        channel text NOT NULL,
        opted_out boolean NOT NULL,
        source text NOT NULL,
        actor text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX consent_change_patient_idx ON patients.consent_change (patient_id, created_at)`);
    // Inbound vendor webhooks already applied, by the vendor's event id: a replay finds its row and does nothing.
    await runner.query(`
      CREATE TABLE patients.notification_webhook_event (
        provider text NOT NULL,
        event_id text NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, event_id)
      )`);
    await runner.query(`CREATE INDEX patient_phone_idx ON patients.patient (phone) WHERE phone IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX patients.patient_phone_idx`);
    await runner.query(`DROP TABLE patients.notification_webhook_event`);
    await runner.query(`DROP TABLE patients.consent_change`);
    await runner.query(`DROP TABLE patients.contact_preference`);
    await runner.query(`DROP TABLE patients.notification`);
  }
}
