import { randomUUID } from 'node:crypto';
import { type QueueClinic, type QueueUpdate, startQueueClinic } from './support/queue-clinic';

const QUEUE_UPDATED = `subscription($f: ID!) { queueUpdated(facilityId: $f) { sequence reason entry { id status } } }`;

/** pg-boss polls for due jobs every 2 s; a job due now has run within this. */
const JOB_RUN_MS = 15_000;

describe('automatic no-show', () => {
  let clinic: QueueClinic;

  beforeAll(async () => {
    clinic = await startQueueClinic();
  });
  afterAll(() => clinic.stop());

  const sql = <T>(query: string, parameters: unknown[] = []) =>
    clinic.subgraph.database.dataSource.query(query, parameters) as Promise<T[]>;

  /** The no-show check scheduled by an entry's `callNumber`-th call. */
  const noShowJob = async (entryId: string, callNumber: number) =>
    (
      await sql<{ id: string; state: string; delay: number }>(
        `SELECT id, state, extract(epoch FROM start_after - created_on)::float8 AS delay FROM pgboss.job
         WHERE name = 'queue-no-show' AND data->>'entryId' = $1 AND (data->>'callNumber')::int = $2`,
        [entryId, callNumber],
      )
    )[0]!;

  const runNow = (jobId: string) => sql(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [jobId]);

  const until = async (condition: () => Promise<boolean>) => {
    const deadline = Date.now() + JOB_RUN_MS;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('the job did not run in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('marks a called patient a no-show by itself once the grace period is over', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([
      { tokenPrefix: 'A', noShowGraceMinutes: 0.05 },
    ]);
    const { facilities } = await clinic.data<{
      facilities: { id: string; services: { noShowGraceMinutes: number }[] }[];
    }>(`{ facilities { id services { noShowGraceMinutes } } }`);
    expect(facilities.find((facility) => facility.id === facilityId)!.services[0]!.noShowGraceMinutes).toBe(0.05);

    const events = await clinic.subscribe(QUEUE_UPDATED, { f: facilityId });
    try {
      const absent = await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
      const present = await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
      await clinic.callNext(servicePointIds[0]!);
      await clinic.callNext(servicePointIds[0]!);
      await clinic.act('startService', { entryId: present.id });
      expect((await noShowJob(absent.id, 1)).delay).toBeCloseTo(3, 0);

      let noShow: QueueUpdate | undefined;
      while (!noShow) {
        const update = (await events.next(JOB_RUN_MS)).data!.queueUpdated!;
        if (update.reason === 'NO_SHOW') noShow = update;
      }
      expect(noShow.entry).toEqual({ id: absent.id, status: 'NO_SHOW' });
      await until(async () => (await noShowJob(present.id, 1)).state === 'completed');
      expect((await clinic.entry(present.id)).status).toBe('IN_SERVICE');
    } finally {
      await events.close();
    }
  });

  it('applies a check only to the call that scheduled it: a recall starts the grace period again', async () => {
    const { facilityId, serviceIds, servicePointIds } = await clinic.setUpFacility([{ tokenPrefix: 'A' }]);
    const entry = await clinic.checkIn({ facilityId, serviceId: serviceIds[0], patientId: randomUUID() });
    await clinic.callNext(servicePointIds[0]!);
    await clinic.act('recall', { entryId: entry.id });
    const first = await noShowJob(entry.id, 1);
    const second = await noShowJob(entry.id, 2);
    expect(first.delay).toBeCloseTo(300, 0);

    await runNow(first.id);
    await until(async () => (await noShowJob(entry.id, 1)).state === 'completed');
    expect((await clinic.entry(entry.id)).status).toBe('CALLED');

    await runNow(second.id);
    await until(async () => (await clinic.entry(entry.id)).status === 'NO_SHOW');
  });
});
