import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sandboxDeliveries, startNotificationWorld, type NotificationWorld } from './support/notification-world';

const REGISTER = path.join(__dirname, 'support', 'register-typescript.cjs');
const WORKER = path.join(__dirname, 'support', 'notification-worker.ts');
const PATIENTS = 30;
const PER_PATIENT = 10;
const TOTAL = PATIENTS * PER_PATIENT;

/**
 * The notification worker is killed with SIGKILL while it has sends in hand, then started again:
 * every accepted notification is still delivered, and none twice. A send the dead worker made is
 * confirmed by the provider's callback (served by the subgraph, which stays up); one it claimed but
 * never made is sent again once its delivery expires and the confirmation grace has passed.
 */
describe('a notification worker killed mid-run', () => {
  let world: NotificationWorld;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    world = await startNotificationWorld({
      workers: false,
      environment: {
        NOTIFICATIONS_TIMEOUT_MS: '500',
        NOTIFICATIONS_CONFIRM_GRACE_SECONDS: '2',
        NOTIFICATIONS_RETRY_DELAY_SECONDS: '1',
        NOTIFICATIONS_THROTTLE_MAX: '1000',
        NOTIFICATIONS_WORKER_CONCURRENCY: '8',
      },
    });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await world.stop();
  });

  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', REGISTER, WORKER], {
        env: { ...process.env, ...world.environment, DATABASE_URL: world.database.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let errors = '';
      child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${errors}`)));
    });
  const count = async (sql: string) => (await world.query<{ n: number }>(sql))[0]!.n;

  it('loses nothing it accepted and sends nothing twice', async () => {
    // Slow answers, so that sends are in flight when the worker dies.
    world.twilio.faults.set({ latencyMs: 40 });
    const first = await startWorker();
    const patients: string[] = [];
    for (let n = 0; n < PATIENTS; n += 1)
      patients.push(await world.patient({ phone: `+1555800${String(n).padStart(4, '0')}` }));
    for (let round = 0; round < PER_PATIENT; round += 1) {
      await Promise.all(
        patients.map((patientId) =>
          world.publish('queue.token-called', { patientId, token: `K${round}`, location: 'Room 2' }),
        ),
      );
    }
    await world.until(
      async () => (await count(`SELECT count(*)::int AS n FROM patients.notification WHERE status <> 'queued'`)) >= 60,
    );
    first.kill('SIGKILL');
    const atKill = {
      sent: await count(`SELECT count(*)::int AS n FROM patients.notification WHERE status <> 'queued'`),
      inHand: await count(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'patients.notification-%' AND state = 'active'`,
      ),
    };
    expect(atKill.sent).toBeLessThan(TOTAL);
    expect(atKill.inHand).toBeGreaterThan(0);

    const second = await startWorker();
    await world.until(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM patients.notification WHERE status = 'delivered'`)) === TOTAL,
      90_000,
    );
    // Jobs the killed worker held whose effect had already committed stay active until they expire;
    // then they run again, find their notification done, and complete.
    const unfinishedJobs = () =>
      count(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'patients.notification-%' AND state <> 'completed'`,
      );
    await world.until(async () => (await unfinishedJobs()) === 0, 90_000);
    await world.twilio.settled();
    second.kill('SIGTERM');

    const deliveries = sandboxDeliveries(world);
    const ids = await world.query<{ id: string }>(`SELECT id FROM patients.notification`);
    expect(ids).toHaveLength(TOTAL);
    expect(ids.filter(({ id }) => deliveries.get(id) !== 1)).toEqual([]);
    expect(await unfinishedJobs()).toBe(0);
    process.stdout.write(
      `notification kill test: killed with ${atKill.sent} sent and ${atKill.inHand} in hand; ${TOTAL} delivered once each\n`,
    );
  }, 150_000);
});
