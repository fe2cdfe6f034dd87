import type { AuditActor, AuditRow } from './audit-trail';

const ACTOR_FIELDS: (keyof AuditActor)[] = ['subject', 'role', 'clientId', 'ip', 'service', 'operationName'];

/** The platform's own PostgreSQL schema, beside each subgraph's, and its one table. */
export const AUDIT_SCHEMA = 'audit';
export const AUDIT_TABLE = `${AUDIT_SCHEMA}.event`;
/**
 * Who was in each live-subscription group, and when: the rows of `AUDIT_TABLE` for a live event name
 * the group (`subscription-group:<key>`), and these say which people it delivered to (decision 0009).
 */
export const SUBSCRIPTION_MEMBER_TABLE = `${AUDIT_SCHEMA}.subscription_member`;

/** Any fixed number: every subgraph takes this lock to create the schema, so replicas starting together do not race. */
const SCHEMA_LOCK = 7_431_202_601;

/**
 * The audit log's schema, created idempotently by every subgraph at start (in one transaction, under
 * an advisory lock). The trigger makes the table append-only for everyone, its owner included: an
 * UPDATE, DELETE or TRUNCATE is refused whatever the statement's origin.
 */
export const AUDIT_SCHEMA_STATEMENTS: readonly string[] = [
  `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`,
  `CREATE SCHEMA IF NOT EXISTS ${AUDIT_SCHEMA}`,
  // Millisecond timestamps, like a JavaScript Date, so a page cursor holds the exact stored value.
  `CREATE TABLE IF NOT EXISTS ${AUDIT_TABLE} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at timestamptz(3) NOT NULL DEFAULT now(),
    subject text NOT NULL,
    role text NOT NULL,
    client_id text,
    ip text,
    patient_id uuid NOT NULL,
    action text NOT NULL CHECK (action IN ('READ', 'CHANGE')),
    entity_type text NOT NULL,
    service text NOT NULL,
    operation_name text
  )`,
  // A patient's history, newest first; everything in a period; one person's accesses.
  `CREATE INDEX IF NOT EXISTS event_patient_idx ON ${AUDIT_TABLE} (patient_id, occurred_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS event_time_idx ON ${AUDIT_TABLE} (occurred_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS event_subject_idx ON ${AUDIT_TABLE} (subject, occurred_at DESC, id DESC)`,
  `CREATE OR REPLACE FUNCTION ${AUDIT_SCHEMA}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % on %.% is not allowed', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END
  $$`,
  `CREATE OR REPLACE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON ${AUDIT_TABLE}
    FOR EACH ROW EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change()`,
  `CREATE OR REPLACE TRIGGER event_no_truncate BEFORE TRUNCATE ON ${AUDIT_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change()`,
  // occurred_at is the gateway's clock when the member joined or left; the same append-only triggers.
  `CREATE TABLE IF NOT EXISTS ${SUBSCRIPTION_MEMBER_TABLE} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_subject text NOT NULL,
    change text NOT NULL CHECK (change IN ('JOINED', 'LEFT')),
    occurred_at timestamptz(3) NOT NULL,
    subject text NOT NULL,
    role text NOT NULL,
    client_id text,
    ip text
  )`,
  `CREATE INDEX IF NOT EXISTS subscription_member_group_idx
    ON ${SUBSCRIPTION_MEMBER_TABLE} (group_subject, occurred_at, id)`,
  `CREATE OR REPLACE TRIGGER subscription_member_append_only BEFORE UPDATE OR DELETE ON ${SUBSCRIPTION_MEMBER_TABLE}
    FOR EACH ROW EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change()`,
  `CREATE OR REPLACE TRIGGER subscription_member_no_truncate BEFORE TRUNCATE ON ${SUBSCRIPTION_MEMBER_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change()`,
];

/**
 * One INSERT for any number of rows: the actor once, the entries as arrays unnested in step, so the
 * statement and its parameter count do not grow with the rows.
 */
export function insertStatement(rows: AuditRow[]): { sql: string; parameters: unknown[] } {
  const [first] = rows;
  if (!first) throw new Error('an audit insert needs at least one row');
  if (rows.some((row) => ACTOR_FIELDS.some((field) => row[field] !== first[field]))) {
    throw new Error('the rows of one audit insert must share their actor');
  }
  return {
    sql: `INSERT INTO ${AUDIT_TABLE} (subject, role, client_id, ip, service, operation_name, patient_id, action, entity_type)
      SELECT $1, $2, $3, $4, $5, $6, entry.patient_id, entry.action, entry.entity_type
      FROM unnest($7::uuid[], $8::text[], $9::text[]) AS entry (patient_id, action, entity_type)`,
    parameters: [
      first.subject,
      first.role,
      first.clientId,
      first.ip,
      first.service,
      first.operationName,
      rows.map((row) => row.patientId),
      rows.map((row) => row.action),
      rows.map((row) => row.entityType),
    ],
  };
}
