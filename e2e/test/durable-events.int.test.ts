import { createTestDatabase, type TestDatabase } from '@clinicflow/testing';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { createDurableEvents, publishInTransaction } from '@clinicflow/platform';

/** A change and the event it causes commit together, or not at all. */
describe('durable events in the change transaction', () => {
  let database: TestDatabase;
  let boss: PgBoss;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('durable');
    boss = createDurableEvents(database.url);
    // Dropping the database at the end can cut a connection pg-boss is still closing; that is expected.
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue('patient-registered');
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE registration (id serial PRIMARY KEY, mrn text NOT NULL)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await boss.stop({ graceful: false, wait: true });
    await database.drop();
  });

  const jobs = async () =>
    (await dataSource.query(
      `SELECT data->>'mrn' AS mrn FROM pgboss.job WHERE name = 'patient-registered' ORDER BY created_on`,
    )) as {
      mrn: string;
    }[];

  it('writes the event with the change when the transaction commits', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO registration (mrn) VALUES ('MRN-1')`);
      await publishInTransaction(boss, manager, 'patient-registered', { mrn: 'MRN-1' });
    });
    expect(await jobs()).toEqual([{ mrn: 'MRN-1' }]);
  });

  it('leaves no event behind when the transaction rolls back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO registration (mrn) VALUES ('MRN-2')`);
        await publishInTransaction(boss, manager, 'patient-registered', { mrn: 'MRN-2' });
        throw new Error('the change failed after the event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobs()).toEqual([{ mrn: 'MRN-1' }]);
    expect(await dataSource.query(`SELECT mrn FROM registration`)).toEqual([{ mrn: 'MRN-1' }]);
  });

  it('delivers a committed event to a consumer', async () => {
    const received = new Promise<string>((resolve) => {
      void boss.work<{ mrn: string }>('patient-registered', async ([job]) => resolve(job!.data.mrn));
    });
    await expect(received).resolves.toBe('MRN-1');
  });
});
