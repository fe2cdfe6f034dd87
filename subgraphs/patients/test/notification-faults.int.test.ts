import { metricsRegistry } from '@clinicflow/platform';
import { sandboxDeliveries, startNotificationWorld, type NotificationWorld } from './support/notification-world';

const PATIENTS = 200;
const PER_PATIENT = 10;
const TOTAL = PATIENTS * PER_PATIENT;

async function breakerRefusals(adapter: string): Promise<number> {
  const metric = (await metricsRegistry.getSingleMetric('clinicflow_adapter_calls_total')?.get())?.values ?? [];
  return (
    metric.find((value) => value.labels.adapter === adapter && value.labels.outcome === 'breaker-open')?.value ?? 0
  );
}

/**
 * The fault test: 2,000 notifications while the primary SMS sandbox answers 30% of sends with
 * an error and never answers 5% (and the fallback SMS sandbox fails 20%). Every notification must end
 * delivered exactly once (counted in the sandboxes) or dead-lettered with its reason; none lost.
 */
describe('2,000 notifications through failing providers', () => {
  let world: NotificationWorld;
  beforeAll(async () => {
    world = await startNotificationWorld({
      environment: {
        NOTIFICATIONS_TIMEOUT_MS: '1000',
        NOTIFICATIONS_CONFIRM_GRACE_SECONDS: '3',
        NOTIFICATIONS_BREAKER_FAILURES: '5',
        NOTIFICATIONS_BREAKER_HALF_OPEN_MS: '500',
        NOTIFICATIONS_RETRY_LIMIT: '8',
        NOTIFICATIONS_WORKER_CONCURRENCY: '16',
        NOTIFICATIONS_CONCURRENCY: '16',
        NOTIFICATIONS_THROTTLE_MAX: '1000',
      },
    });
  });
  afterAll(() => world.stop());

  it('delivers each exactly once or dead-letters it with a reason; the breaker opens and failover is used', async () => {
    world.twilio.faults.set({ errorRate: 0.3, timeoutRate: 0.05, errorStatus: 503, seed: 7 });
    world.fallback.faults.set({ errorRate: 0.2, errorStatus: 500, seed: 11 });
    const refusedBefore = await breakerRefusals('twilio');
    const patients: string[] = [];
    for (let n = 0; n < PATIENTS; n += 1) {
      patients.push(
        await world.patient({ phone: `+1555700${String(n).padStart(4, '0')}`, email: `p${n}@patients.test` }),
      );
    }
    const events: string[] = [];
    for (let round = 0; round < PER_PATIENT; round += 1) {
      events.push(
        ...(await Promise.all(
          patients.map((patientId, n) =>
            world.publish('queue.turn-near', {
              patientId,
              token: `T${round}${String(n).padStart(3, '0')}`,
              ahead: round,
            }),
          ),
        )),
      );
    }
    expect(new Set(events).size).toBe(TOTAL);

    await world.until(async () => {
      const [row] = await world.query<{ open: number }>(
        `SELECT count(*) FILTER (WHERE status NOT IN ('delivered', 'dead-lettered'))::int AS open,
                count(*)::int AS total FROM patients.notification`,
      );
      const [total] = await world.query<{ n: number }>(`SELECT count(*)::int AS n FROM patients.notification`);
      return total!.n === TOTAL && row!.open === 0;
    }, 240_000);
    await Promise.all([world.twilio.settled(), world.fallback.settled(), world.sendgrid.settled()]);

    const rows = await world.query<{
      id: string;
      event_id: string;
      status: string;
      provider: string | null;
      reason: string | null;
      attempts: number;
    }>(`SELECT id, event_id, status, provider, reason, attempts FROM patients.notification`);
    // None lost: one notification for every event.
    expect(rows.map((row) => row.event_id).sort()).toEqual([...events].sort());
    // None sent twice: each delivered one reached exactly one sandbox once; dead-lettered ones none, with a reason.
    const deliveries = sandboxDeliveries(world);
    const delivered = rows.filter((row) => row.status === 'delivered');
    const dead = rows.filter((row) => row.status === 'dead-lettered');
    expect(delivered.length + dead.length).toBe(TOTAL);
    expect(delivered.filter((row) => deliveries.get(row.id) !== 1)).toEqual([]);
    expect(dead.filter((row) => deliveries.has(row.id) || !row.reason)).toEqual([]);
    expect([...deliveries.values()].reduce((sum, count) => sum + count, 0)).toBe(delivered.length);
    // The faults happened, the breaker refused calls while open, and other providers took over.
    expect(world.twilio.messages.length).toBeLessThan(TOTAL);
    expect(await breakerRefusals('twilio')).toBeGreaterThan(refusedBefore);
    const byProvider = Object.fromEntries(
      ['twilio', 'sms-fallback', 'sendgrid'].map((provider) => [
        provider,
        delivered.filter((row) => row.provider === provider).length,
      ]),
    );
    expect(byProvider['sms-fallback']).toBeGreaterThan(0);
    expect(byProvider.sendgrid).toBeGreaterThan(0);
    // Unanswered sends were held for their callback and sent again later, not failed over at once.
    const retried = rows.filter((row) => row.attempts > 1).length;
    expect(retried).toBeGreaterThan(0);
    process.stdout.write(
      `notification faults: ${delivered.length} delivered (${JSON.stringify(byProvider)}), ${dead.length} dead-lettered, ` +
        `${retried} needed more than one attempt, twilio breaker refusals ${(await breakerRefusals('twilio')) - refusedBefore}\n`,
    );
  }, 300_000);
});
