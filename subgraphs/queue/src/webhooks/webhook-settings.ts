import { type Environment, loadConfig, unavailable, variables } from '@clinicflow/platform';
import { z } from 'zod';
import { SecretBox } from './secret-box';

const flag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .default('false')
  .transform((value) => value === 'true');

/** How outbound webhooks are delivered; every value comes from the subgraph's environment. */
export function loadWebhookSettings(environment: Environment) {
  const config = loadConfig(
    {
      /** 32 bytes as 64 hex characters: seals endpoint secrets (AES-256-GCM). Without it, no endpoint can be registered. */
      WEBHOOK_SECRET_KEY: variables.optionalVariable(
        z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 32 bytes written as 64 hex characters'),
      ),
      /** Attempts of one delivery before it is dead-lettered. */
      WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
      /** The first retry's delay; each later one doubles it, with jitter. */
      WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
      /** How long a receiver has to answer one delivery. */
      WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(30).default(10),
      /** How often idle webhook consumers look for work; a delivery waits up to this long twice (fan-out, send). */
      WEBHOOK_POLLING_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
      /** Days an event and its delivery attempts are kept (the delivery log, and replay by event id). */
      WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
      /** Lets endpoints be http://127.0.0.1 (development and tests); never set in production. */
      WEBHOOK_ALLOW_LOCAL_HTTP: flag,
    },
    environment as NodeJS.ProcessEnv,
  );
  return {
    secretBox: config.WEBHOOK_SECRET_KEY ? new SecretBox(Buffer.from(config.WEBHOOK_SECRET_KEY, 'hex')) : null,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    retryDelaySeconds: config.WEBHOOK_RETRY_DELAY_SECONDS,
    timeoutSeconds: config.WEBHOOK_TIMEOUT_SECONDS,
    pollingIntervalSeconds: config.WEBHOOK_POLLING_INTERVAL_SECONDS,
    retentionDays: config.WEBHOOK_RETENTION_DAYS,
    allowLocalHttp: config.WEBHOOK_ALLOW_LOCAL_HTTP,
  };
}

export type WebhookSettings = ReturnType<typeof loadWebhookSettings>;

/** The secret box, or UNAVAILABLE when the deployment has no WEBHOOK_SECRET_KEY. */
export function requireSecretBox(settings: WebhookSettings): SecretBox {
  if (!settings.secretBox) {
    throw unavailable('Outbound webhooks are not configured here: WEBHOOK_SECRET_KEY is not set');
  }
  return settings.secretBox;
}

const loaded = new WeakMap<Environment, WebhookSettings>();

/** The settings of this environment, read and checked once (the first request or the workers' start). */
export function webhookSettingsOf(environment: Environment): WebhookSettings {
  let settings = loaded.get(environment);
  if (!settings) {
    settings = loadWebhookSettings(environment);
    loaded.set(environment, settings);
  }
  return settings;
}
