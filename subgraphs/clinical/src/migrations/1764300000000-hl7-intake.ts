import type { MigrationInterface, QueryRunner } from 'typeorm';

/** HL7 v2 intake: the raw messages, the MRN each sender's patients are known by, lab orders, clinical alerts. */
export class Hl7Intake1764300000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    // One row per message a sender sent: a resent message (same sender and MSH-10) is the same row.
    await runner.query(`
      CREATE TABLE clinical.hl7_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sender text NOT NULL,
        control_id text,
        message_type text NOT NULL,
        raw text NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'processed', 'error')),
        ack_code text CHECK (ack_code IN ('AA', 'AE', 'AR')),
        error_code integer,
        error_text text,
        patient_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        processed_at timestamptz(3),
        edited_at timestamptz(3),
        edited_by text,
        CONSTRAINT hl7_message_once UNIQUE (sender, control_id)
      )`);
    // Staff's work list: the messages in one status, newest first.
    await runner.query(`CREATE INDEX hl7_message_status_idx ON clinical.hl7_message (status, received_at DESC, id)`);
    await runner.query(`
      CREATE TABLE clinical.hl7_patient (
        mrn text PRIMARY KEY,
        patient_id uuid NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE clinical.lab_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        sender text NOT NULL,
        placer_order_number text NOT NULL,
        test_code text NOT NULL,
        test_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('ordered', 'cancelled', 'resulted')),
        ordered_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT lab_order_once UNIQUE (sender, placer_order_number)
      )`);
    await runner.query(`CREATE INDEX lab_order_patient_idx ON clinical.lab_order (patient_id, ordered_at DESC)`);
    await runner.query(`
      CREATE TABLE clinical.clinical_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        lab_result_id uuid NOT NULL UNIQUE REFERENCES clinical.lab_result (id),
        reason text NOT NULL,
        raised_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE clinical.clinical_alert`);
    await runner.query(`DROP TABLE clinical.lab_order`);
    await runner.query(`DROP TABLE clinical.hl7_patient`);
    await runner.query(`DROP TABLE clinical.hl7_message`);
  }
}
