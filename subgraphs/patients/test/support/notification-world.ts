import { randomUUID } from 'node:crypto';
import {
  type Caller,
  createDurableEvents,
  createLiveEvents,
  createLogger,
  type Environment,
  publishEvent,
  type RunningSubgraph,
  startSubgraph,
} from '@clinicflow/platform';
import {
  type SendGridSandbox,
  startSendGridSandbox,
  startTwilioSandbox,
  type TwilioSandbox,
} from '@clinicflow/sandbox';
import {
  callSubgraph,
  createTestDatabase,
  freePorts,
  type GraphQLResponse,
  TEST_CONTEXT_SECRET,
  type TestDatabase,
} from '@clinicflow/testing';
import type PgBoss from 'pg-boss';
import { webhookPath } from '../../src/adapters/notification-provider';
import { patientsSubgraph } from '../../src/subgraph';

const FROM_NUMBER = '+15555550100';
const FALLBACK_FROM_NUMBER = '+15555550199';

/**
 * The patients subgraph on a known port with its real notification workers and webhook routes, and
 * three sandbox providers driven by the real SDKs: Twilio (primary SMS), a second Twilio account
 * (the fallback SMS provider) and SendGrid, each posting its signed callbacks to the subgraph.
 */
export interface NotificationWorld {
  subgraph: RunningSubgraph;
  database: TestDatabase;
  baseUrl: string;
  twilio: TwilioSandbox;
  fallback: TwilioSandbox;
  sendgrid: SendGridSandbox;
  environment: Environment;
  /** Publishes an event the way the other subgraphs do: in a transaction, to every subscribed consumer. */
  publish(name: string, data: object, id?: string): Promise<string>;
  /** Inserts a patient straight into the table; returns the id. */
  patient(contact: { phone?: string | null; email?: string | null }): Promise<string>;
  call(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse>;
  query<T>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Waits until `check` is true, polling. */
  until(check: () => Promise<boolean> | boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** Extra or overriding variables for the subgraph's environment. */
  environment?: Environment;
  /** False to serve the webhooks without running the consumers (another process runs them). */
  workers?: boolean;
}

let mrn = 0;

export async function startNotificationWorld(options: WorldOptions = {}): Promise<NotificationWorld> {
  const database = await createTestDatabase('notifications');
  const port = await freePorts(1);
  const baseUrl = `http://127.0.0.1:${port}`;
  const twilio = await startTwilioSandbox({ inboundSmsUrl: `${baseUrl}${webhookPath('twilio', 'inbound')}` });
  const fallback = await startTwilioSandbox({ inboundSmsUrl: `${baseUrl}${webhookPath('sms-fallback', 'inbound')}` });
  const sendgrid = await startSendGridSandbox({ eventWebhookUrl: `${baseUrl}${webhookPath('sendgrid', 'events')}` });
  const environment: Environment = {
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_URL: twilio.url,
    SMS_FALLBACK_ACCOUNT_SID: fallback.accountSid,
    SMS_FALLBACK_AUTH_TOKEN: fallback.authToken,
    SMS_FALLBACK_FROM_NUMBER: FALLBACK_FROM_NUMBER,
    SMS_FALLBACK_API_URL: fallback.url,
    SENDGRID_API_KEY: sendgrid.apiKey,
    SENDGRID_FROM_EMAIL: 'clinic@clinicflow.test',
    SENDGRID_API_URL: sendgrid.url,
    SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
    NOTIFICATIONS_WEBHOOK_BASE_URL: baseUrl,
    NOTIFICATIONS_TIMEOUT_MS: '1000',
    NOTIFICATIONS_BREAKER_HALF_OPEN_MS: '1000',
    NOTIFICATIONS_RETRY_DELAY_SECONDS: '1',
    NOTIFICATIONS_CONFIRM_GRACE_SECONDS: '2',
    ...options.environment,
  };
  const liveEvents = createLiveEvents();
  const definition = options.workers === false ? { ...patientsSubgraph, startWorkers: undefined } : patientsSubgraph;
  const subgraph = await startSubgraph(definition, {
    databaseUrl: database.url,
    port,
    contextSigningSecret: TEST_CONTEXT_SECRET,
    liveEvents,
    logger: createLogger('test-notifications', process.env.TEST_LOG_LEVEL ?? 'silent'),
    environment,
  });
  const jobs: PgBoss = createDurableEvents(database.url);
  jobs.on('error', () => undefined);
  await jobs.start();
  const dataSource = subgraph.database.dataSource;

  const world: NotificationWorld = {
    subgraph,
    database,
    baseUrl,
    twilio,
    fallback,
    sendgrid,
    environment,
    publish: async (name, data, id = randomUUID()) => {
      await dataSource.transaction((manager) => publishEvent(jobs, manager, name, data, { id }));
      return id;
    },
    patient: async ({ phone = null, email = null }) => {
      mrn += 1;
      const [row] = (await dataSource.query(
        `INSERT INTO patients.patient (mrn, given_name, family_name, birth_date, phone, email)
         VALUES ($1, 'Test', 'Patient', '1980-01-01', $2, $3) RETURNING id`,
        [`NTF-${randomUUID()}-${mrn}`, phone, email],
      )) as { id: string }[];
      return row!.id;
    },
    call: (query, variables = {}, caller = { subject: 'test-admin', role: 'admin', scopes: [] }) =>
      callSubgraph(subgraph.url, TEST_CONTEXT_SECRET, caller, query, variables),
    query: async <T>(sql: string, parameters: unknown[] = []) => (await dataSource.query(sql, parameters)) as T[],
    until: async (check, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('timed out waiting');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: async () => {
      await jobs.stop({ graceful: false, wait: true });
      await subgraph.stop();
      await liveEvents.close();
      await Promise.all([twilio.close(), fallback.close(), sendgrid.close()]);
      await database.drop();
    },
  };
  return world;
}

/** How many messages each sandbox accepted for a notification, across all three providers. */
export function sandboxDeliveries(world: NotificationWorld): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (id: string | undefined) => id && counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const sandbox of [world.twilio, world.fallback]) {
    for (const message of sandbox.messages) {
      if (message.direction === 'outbound-api' && message.statusCallback)
        add(new URL(message.statusCallback).searchParams.get('notification') ?? undefined);
    }
  }
  for (const mail of world.sendgrid.mails) add(mail.body.custom_args?.notificationId);
  return counts;
}
