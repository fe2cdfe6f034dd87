import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logging/logger';
import { AuditLog } from './audit-log';
import { AuditChangeSubscriber, inChangeScope } from './audit-transactions';
import { AuditAction, type AuditTrail } from './audit-trail';
import { PatientData } from './patient-data';

@PatientData((vial: Vial) => vial.patientId)
@Entity({ schema: 'lab', name: 'vial' })
class Vial {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  label!: string;
}

// The same server `@clinicflow/testing` uses; that package builds on this one, so it is not imported here.
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `cf_audit_tx_${randomBytes(4).toString('hex')}`;

const admin = async (statement: string) => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

/**
 * The subscriber that writes a mutation's CHANGE rows inside the change's own transaction, against
 * real PostgreSQL: the rows commit with the change, roll back with it, and their failure undoes it.
 */
describe('audit rows in the change transaction', () => {
  let url: string;
  let dataSource: DataSource;
  let log: AuditLog;
  const logger = createLogger('audit-tx-test', 'silent');

  const auditRows = async () =>
    (await dataSource.query('SELECT patient_id, action, entity_type, subject, service FROM audit.event')) as {
      patient_id: string;
      action: string;
      entity_type: string;
      subject: string;
      service: string;
    }[];
  const trail = (): AuditTrail => log.trailFor({ subject: 'dr-cole', role: 'clinician', scopes: [] });
  const save = (patientId: string) =>
    dataSource.transaction((manager) => manager.save(manager.create(Vial, { patientId, label: 'EDTA' })));

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${databaseName}"`);
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${databaseName}`;
    url = parsed.toString();
    log = new AuditLog({ service: 'lab', url, logger });
    // Every replica creates the schema at start; two at once must not trip over each other.
    const other = new AuditLog({ service: 'lab', url, logger });
    await Promise.all([log.open(), other.open()]);
    await other.close();
    dataSource = new DataSource({ type: 'postgres', url, entities: [Vial] });
    await dataSource.initialize();
    await dataSource.query('CREATE SCHEMA lab');
    await dataSource.query(
      'CREATE TABLE lab.vial (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), patient_id uuid NOT NULL, label text NOT NULL)',
    );
    dataSource.subscribers.push(new AuditChangeSubscriber(log));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await log?.close();
    await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });
  beforeEach(async () => {
    // The table refuses TRUNCATE and DELETE; tests start from a fresh one.
    await dataSource.query('ALTER TABLE audit.event DISABLE TRIGGER USER');
    await dataSource.query('TRUNCATE audit.event');
    await dataSource.query('ALTER TABLE audit.event ENABLE TRIGGER USER');
  });

  it('writes the CHANGE row in the same transaction, and tells the trail it is written', async () => {
    const patientId = randomUUID();
    const mutation = trail();
    await inChangeScope(mutation, () => save(patientId));
    expect(await auditRows()).toEqual([
      { patient_id: patientId, action: 'CHANGE', entity_type: 'Vial', subject: 'dr-cole', service: 'lab' },
    ]);
    // The mutation's result names the same change: nothing more to write.
    mutation.record(patientId, AuditAction.Change, 'Vial');
    await expect(mutation.flush()).resolves.toBe(0);
  });

  it('writes one row per patient and type for a transaction that saves many records', async () => {
    const [ana, ben] = [randomUUID(), randomUUID()];
    await inChangeScope(trail(), () =>
      dataSource.transaction(async (manager) => {
        for (const patientId of [ana, ana, ben]) await manager.save(manager.create(Vial, { patientId, label: 'x' }));
      }),
    );
    expect((await auditRows()).map((row) => row.patient_id).sort()).toEqual([ana, ben].sort());
  });

  it('writes nothing for a change that rolled back', async () => {
    const mutation = trail();
    await expect(
      inChangeScope(mutation, () =>
        dataSource.transaction(async (manager) => {
          await manager.save(manager.create(Vial, { patientId: randomUUID(), label: 'x' }));
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    expect(await auditRows()).toEqual([]);
    expect(mutation.size).toBe(0);
  });

  it('leaves changes made outside a request alone', async () => {
    await save(randomUUID());
    expect(await auditRows()).toEqual([]);
  });

  it('rolls the change back and says SERVICE_UNAVAILABLE when its audit row cannot be written', async () => {
    await dataSource.query(`CREATE FUNCTION audit.test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit table unavailable (test)'; END $$`);
    await dataSource.query(
      'CREATE TRIGGER test_refuse BEFORE INSERT ON audit.event FOR EACH STATEMENT EXECUTE FUNCTION audit.test_refuse()',
    );
    try {
      const patientId = randomUUID();
      const failure = await inChangeScope(trail(), () => save(patientId)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('SERVICE_UNAVAILABLE');
      expect(await dataSource.query('SELECT 1 FROM lab.vial WHERE patient_id = $1', [patientId])).toEqual([]);
    } finally {
      await dataSource.query('DROP TRIGGER test_refuse ON audit.event');
      await dataSource.query('DROP FUNCTION audit.test_refuse()');
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of what it wrote', async () => {
    await inChangeScope(trail(), () => save(randomUUID()));
    await expect(dataSource.query(`UPDATE audit.event SET subject = 'x'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit.event')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE audit.event')).rejects.toThrow(/append-only/);
    expect(await auditRows()).toHaveLength(1);
  });
});
