/* global process, setTimeout */
// A worker process for the kill test (durable-consumers.e2e.test.ts): it runs one ordered consumer
// whose handler is slow and idempotent, and is killed with SIGKILL while it has deliveries in hand.
// It runs the built platform (packages/platform/dist), as a deployed service does.
//
//   node durable-worker.cjs <database url>
//
// Each delivery: logs the attempt in `seen` (before anything else), then in one transaction claims
// the event id in `applied` (the dedupe) and applies the change only if the claim is new, then keeps
// working for a while after the commit, so that a kill often lands between the change and the
// delivery being marked done. A delivery that finds its event already applied logs it in `skipped`.
const { createDurableEvents, createLogger, defineConsumer, startConsumers } = require('@clinicflow/platform');
const { Pool } = require('pg');

const databaseUrl = process.argv[2];
const pool = new Pool({ connectionString: databaseUrl, max: 12 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const consumer = defineConsumer({
  name: 'e2e.kill-test',
  events: ['kill-test.happened'],
  ordered: true,
  concurrency: 8,
  // A killed worker's deliveries stay active until they expire, then are retried: keep that short.
  timeoutSeconds: 3,
  pollingIntervalSeconds: 0.5,
  retry: { limit: 5, delaySeconds: 1, backoff: false },
  handler: async (delivery) => {
    await pool.query('INSERT INTO seen (event_id, attempt, pid) VALUES ($1, $2, $3)', [
      delivery.id,
      delivery.attempt,
      process.pid,
    ]);
    const client = await pool.connect();
    let applied = false;
    try {
      await client.query('BEGIN');
      const claim = await client.query(
        'INSERT INTO applied (event_id, key, n) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [delivery.id, delivery.key, delivery.data.n],
      );
      applied = claim.rowCount === 1;
      if (applied) await client.query('UPDATE totals SET amount = amount + $1', [delivery.data.amount]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    if (!applied) await pool.query('INSERT INTO skipped (event_id, pid) VALUES ($1, $2)', [delivery.id, process.pid]);
    await sleep(40);
  },
});

async function main() {
  // Maintenance every second, so the killed worker's expired deliveries are failed (and retried) soon.
  const boss = createDurableEvents(databaseUrl, { maintenanceIntervalSeconds: 1 });
  boss.on('error', (error) => process.stderr.write(`pg-boss: ${error.message}\n`));
  await boss.start();
  const consumers = await startConsumers(boss, [consumer], { logger: createLogger('kill-test-worker', 'silent') });
  process.stdout.write('ready\n');
  process.on('SIGTERM', async () => {
    await consumers.stop();
    await boss.stop({ graceful: false, wait: true });
    await pool.end();
    process.exit(0);
  });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
