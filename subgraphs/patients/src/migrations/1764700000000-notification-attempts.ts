import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every provider a notification's sends tried, and how each ended; and the notification's current
 * attempt, so a late failure report for that attempt (and only that one) fails it over (decision 0011).
 */
export class NotificationAttempts1764700000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE patients.notification ADD COLUMN current_attempt_id uuid`);
    await runner.query(`
      CREATE TABLE patients.notification_attempt (
        attempt_id uuid NOT NULL,
        provider text NOT NULL,
        notification_id uuid NOT NULL REFERENCES patients.notification (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('sms', 'email')),
        status text NOT NULL CHECK (status IN ('refused', 'unconfirmed', 'sent', 'delivered', 'failed')),
        reason text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (attempt_id, provider)
      )`);
    await runner.query(
      `CREATE INDEX notification_attempt_notification_idx ON patients.notification_attempt (notification_id, created_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE patients.notification_attempt`);
    await runner.query(`ALTER TABLE patients.notification DROP COLUMN current_attempt_id`);
  }
}
