// The kill test's worker (notification-kill.int.test.ts): the patients subgraph's notification
// consumers alone, in a process of their own, as a deployed worker replica runs them. It reads its
// settings from the environment, and its pg-boss maintenance runs every second so that the
// deliveries of a killed worker expire and are retried soon.
//
//   node -r ./register-typescript.cjs notification-worker.ts   (DATABASE_URL and the notification variables set)
import { createDurableEvents, createLiveEvents, createLogger, Database } from '@clinicflow/platform';
import { ConsentChange } from '../../src/domain/consent-change.entity';
import { ContactPreference } from '../../src/domain/contact-preference.entity';
import { Notification } from '../../src/domain/notification.entity';
import { Patient } from '../../src/domain/patient.entity';
import { startNotificationWorkers } from '../../src/events/notification-consumers';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? '';
  const logger = createLogger('notification-worker', 'silent');
  const database = new Database({
    service: 'patients',
    url,
    entities: [Patient, Notification, ContactPreference, ConsentChange],
    migrations: [],
    logger,
  });
  await database.open();
  const jobs = createDurableEvents(url, { maintenanceIntervalSeconds: 1 });
  jobs.on('error', (error: Error) => process.stderr.write(`pg-boss: ${error.message}\n`));
  await jobs.start();
  const liveEvents = createLiveEvents();
  await startNotificationWorkers({ database, jobs, logger, liveEvents, environment: process.env });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
