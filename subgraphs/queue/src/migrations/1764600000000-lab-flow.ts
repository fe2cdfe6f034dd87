import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lab work in the patient's day (decision 0013): a priority below normal (-1) for entries lowered
 * while their lab results are pending, the patients whose results are pending (so that a patient
 * who checks in afterwards is held or lowered too), and the time a specimen collection keeps a
 * visit's room busy (added to the estimates of the entries behind).
 */
export class LabFlow1764600000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE queue.queue_entry
        DROP CONSTRAINT queue_entry_priority_range,
        ADD CONSTRAINT queue_entry_priority_range CHECK (priority BETWEEN -1 AND 10)`);
    await runner.query(`
      ALTER TABLE queue.priority_change
        DROP CONSTRAINT priority_change_from_priority_check,
        DROP CONSTRAINT priority_change_to_priority_check,
        ADD CONSTRAINT priority_change_from_priority_check CHECK (from_priority BETWEEN -1 AND 10),
        ADD CONSTRAINT priority_change_to_priority_check CHECK (to_priority BETWEEN -1 AND 10)`);
    // patient_id points into the patients subgraph's schema: no foreign key across owners.
    await runner.query(`
      CREATE TABLE queue.lab_results_pending (
        patient_id uuid PRIMARY KEY,
        since timestamptz(3) NOT NULL
      )`);
    // collection_id is clinical's specimen collection: one extension per collection, however often delivered.
    await runner.query(`
      CREATE TABLE queue.visit_extension (
        collection_id uuid PRIMARY KEY,
        queue_entry_id uuid NOT NULL REFERENCES queue.queue_entry (id),
        service_id uuid NOT NULL REFERENCES queue.service (id),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        CHECK (ends_at > starts_at)
      )`);
    await runner.query(`CREATE INDEX visit_extension_service_idx ON queue.visit_extension (service_id, ends_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE queue.visit_extension, queue.lab_results_pending`);
    await runner.query(`UPDATE queue.queue_entry SET priority = 0 WHERE priority < 0`);
    await runner.query(`DELETE FROM queue.priority_change WHERE from_priority < 0 OR to_priority < 0`);
    await runner.query(`
      ALTER TABLE queue.priority_change
        DROP CONSTRAINT priority_change_from_priority_check,
        DROP CONSTRAINT priority_change_to_priority_check,
        ADD CONSTRAINT priority_change_from_priority_check CHECK (from_priority BETWEEN 0 AND 10),
        ADD CONSTRAINT priority_change_to_priority_check CHECK (to_priority BETWEEN 0 AND 10)`);
    await runner.query(`
      ALTER TABLE queue.queue_entry
        DROP CONSTRAINT queue_entry_priority_range,
        ADD CONSTRAINT queue_entry_priority_range CHECK (priority BETWEEN 0 AND 10)`);
  }
}
