import { ConfigError, type Environment, loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form (+15555550100)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optional = <T extends z.ZodType>(schema: T) => variables.optionalVariable(schema);

/**
 * The notification adapters' settings, from the subgraph's environment. SMS through Twilio
 * (`TWILIO_*`), an optional second SMS provider on Twilio's API (`SMS_FALLBACK_*`), email through
 * SendGrid (`SENDGRID_*`). `*_API_URL` points an SDK at another server speaking the vendor's API
 * (the sandbox providers); left out, the SDK calls the vendor. A provider is on when its credentials
 * are set; with none, notifications are off.
 */
const shape = {
  TWILIO_ACCOUNT_SID: optional(
    z.string().regex(/^AC[0-9a-f]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)'),
  ),
  TWILIO_AUTH_TOKEN: optional(z.string().min(16, 'must be a Twilio auth token')),
  TWILIO_FROM_NUMBER: optional(e164),
  TWILIO_API_URL: optional(httpUrl),
  SMS_FALLBACK_ACCOUNT_SID: optional(
    z.string().regex(/^AC[0-9a-f]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)'),
  ),
  SMS_FALLBACK_AUTH_TOKEN: optional(z.string().min(16, 'must be a Twilio auth token')),
  SMS_FALLBACK_FROM_NUMBER: optional(e164),
  SMS_FALLBACK_API_URL: optional(httpUrl),
  SENDGRID_API_KEY: optional(z.string().startsWith('SG.', 'must be a SendGrid API key (SG.…)')),
  SENDGRID_FROM_EMAIL: optional(z.email('must be an email address')),
  SENDGRID_API_URL: optional(httpUrl),
  SENDGRID_WEBHOOK_PUBLIC_KEY: optional(z.string().min(40, 'must be the Event Webhook verification key (base64)')),
  /** Where the vendors reach this subgraph's webhook routes: the public URL of its HTTP server. */
  NOTIFICATIONS_WEBHOOK_BASE_URL: optional(httpUrl),
  NOTIFICATIONS_TIMEOUT_MS: positiveInt(10_000),
  NOTIFICATIONS_BREAKER_FAILURES: positiveInt(5),
  NOTIFICATIONS_BREAKER_HALF_OPEN_MS: positiveInt(30_000),
  NOTIFICATIONS_CONCURRENCY: positiveInt(10),
  NOTIFICATIONS_THROTTLE_MAX: positiveInt(10),
  NOTIFICATIONS_THROTTLE_WINDOW_MINUTES: positiveInt(60),
  /** How long an unanswered send waits for the provider's callback before it is sent again. */
  NOTIFICATIONS_CONFIRM_GRACE_SECONDS: positiveInt(60),
  NOTIFICATIONS_RETRY_LIMIT: z.coerce.number().int().min(0).default(5),
  NOTIFICATIONS_RETRY_DELAY_SECONDS: positiveInt(5),
  NOTIFICATIONS_WORKER_CONCURRENCY: positiveInt(8),
  /** Days a finished notification, its attempts and the vendor callback ids it was deduplicated by are kept. */
  NOTIFICATIONS_RETENTION_DAYS: positiveInt(365),
};

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  from: string;
  apiUrl: string | undefined;
}

export interface NotificationSettings {
  sms: TwilioAccount | null;
  smsFallback: TwilioAccount | null;
  email: { apiKey: string; from: string; apiUrl: string | undefined; webhookPublicKey: string | undefined } | null;
  webhookBaseUrl: string | undefined;
  policy: { timeoutMs: number; breakerFailures: number; halfOpenAfterMs: number; concurrency: number };
  throttle: { max: number; windowMinutes: number };
  confirmGraceSeconds: number;
  retry: { limit: number; delaySeconds: number };
  workerConcurrency: number;
  retentionDays: number;
}

type Loaded = z.infer<z.ZodObject<typeof shape>>;

/** Variables that only make sense together: all set, or all left out. */
function group(env: Loaded, names: (keyof Loaded)[], problems: string[]): boolean {
  const set = names.filter((name) => env[name] !== undefined);
  if (set.length > 0 && set.length < names.length) {
    for (const name of names.filter((n) => env[n] === undefined))
      problems.push(`${name}: is required with ${set.join(', ')}`);
  }
  return set.length === names.length;
}

/** Reads and checks the settings; a bad or missing value throws a ConfigError naming the variable. */
export function loadNotificationSettings(environment: Environment): NotificationSettings {
  const env = loadConfig(shape, environment as NodeJS.ProcessEnv);
  const problems: string[] = [];
  const hasSms = group(env, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM_NUMBER'], problems);
  const hasFallback = group(
    env,
    ['SMS_FALLBACK_ACCOUNT_SID', 'SMS_FALLBACK_AUTH_TOKEN', 'SMS_FALLBACK_FROM_NUMBER'],
    problems,
  );
  const hasEmail = group(env, ['SENDGRID_API_KEY', 'SENDGRID_FROM_EMAIL'], problems);
  if ((hasSms || hasFallback || hasEmail) && !env.NOTIFICATIONS_WEBHOOK_BASE_URL) {
    problems.push('NOTIFICATIONS_WEBHOOK_BASE_URL: is required when a notification provider is configured');
  }
  if (hasFallback && !hasSms) problems.push('SMS_FALLBACK_ACCOUNT_SID: needs TWILIO_* (the primary) set too');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    sms: hasSms
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID!,
          authToken: env.TWILIO_AUTH_TOKEN!,
          from: env.TWILIO_FROM_NUMBER!,
          apiUrl: env.TWILIO_API_URL,
        }
      : null,
    smsFallback: hasFallback
      ? {
          accountSid: env.SMS_FALLBACK_ACCOUNT_SID!,
          authToken: env.SMS_FALLBACK_AUTH_TOKEN!,
          from: env.SMS_FALLBACK_FROM_NUMBER!,
          apiUrl: env.SMS_FALLBACK_API_URL,
        }
      : null,
    email: hasEmail
      ? {
          apiKey: env.SENDGRID_API_KEY!,
          from: env.SENDGRID_FROM_EMAIL!,
          apiUrl: env.SENDGRID_API_URL,
          webhookPublicKey: env.SENDGRID_WEBHOOK_PUBLIC_KEY,
        }
      : null,
    webhookBaseUrl: env.NOTIFICATIONS_WEBHOOK_BASE_URL?.replace(/\/$/, ''),
    policy: {
      timeoutMs: env.NOTIFICATIONS_TIMEOUT_MS,
      breakerFailures: env.NOTIFICATIONS_BREAKER_FAILURES,
      halfOpenAfterMs: env.NOTIFICATIONS_BREAKER_HALF_OPEN_MS,
      concurrency: env.NOTIFICATIONS_CONCURRENCY,
    },
    throttle: { max: env.NOTIFICATIONS_THROTTLE_MAX, windowMinutes: env.NOTIFICATIONS_THROTTLE_WINDOW_MINUTES },
    confirmGraceSeconds: env.NOTIFICATIONS_CONFIRM_GRACE_SECONDS,
    retry: { limit: env.NOTIFICATIONS_RETRY_LIMIT, delaySeconds: env.NOTIFICATIONS_RETRY_DELAY_SECONDS },
    workerConcurrency: env.NOTIFICATIONS_WORKER_CONCURRENCY,
    retentionDays: env.NOTIFICATIONS_RETENTION_DAYS,
  };
}
