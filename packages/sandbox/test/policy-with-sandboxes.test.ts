import { randomUUID } from 'node:crypto';
import { AdapterError, adapterRetries, createAdapterPolicy } from '@clinicflow/platform';
import type { MailService } from '@sendgrid/mail';
import type twilio from 'twilio';
import {
  createSendGridMail,
  createTwilioClient,
  FaultInjector,
  type SendGridSandbox,
  startSendGridSandbox,
  startTwilioSandbox,
  type TwilioSandbox,
} from '../src';

/**
 * The resilience policy in front of the real SDKs, against sandboxes told to misbehave: the faults
 * must come out as retries, an open breaker and typed errors, and never as a hang.
 */
const PATIENT = '+15555550100';
const CLINIC = '+15555550199';
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } };

async function failureOf(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AdapterError)) throw error;
  return error;
}

async function retriesOf(adapter: string): Promise<number> {
  const { values } = await adapterRetries.get();
  return values.find((value) => value.labels.adapter === adapter)?.value ?? 0;
}

describe('adapter policy against the Twilio sandbox', () => {
  let sandbox: TwilioSandbox;
  let client: twilio.Twilio;
  let knownSid: string;

  beforeAll(async () => {
    sandbox = await startTwilioSandbox();
    // The SDK's own timeout is well above the policy's, so the policy is what decides.
    client = createTwilioClient({
      accountSid: sandbox.accountSid,
      authToken: sandbox.authToken,
      baseUrl: sandbox.url,
      timeoutMs: 10_000,
    });
    knownSid = (await client.messages.create({ to: PATIENT, from: CLINIC, body: 'setup' })).sid;
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.faults.reset());

  const adapter = () => `twilio-${randomUUID().slice(0, 8)}`;
  const fetchStatus = () => client.messages(knownSid).fetch();

  it('retries reads through a seeded 50% error rate, exactly as often as the seed says', async () => {
    const name = adapter();
    // A breaker that never opens here: this test is about retries alone.
    const policy = createAdapterPolicy({
      adapter: name,
      idempotent: true,
      retries: 10,
      breaker: { consecutiveFailures: 100 },
      ...fast,
    });
    const settings = { errorRate: 0.5, errorStatus: 503, seed: 11 } as const;
    sandbox.faults.set(settings);
    for (let read = 0; read < 10; read += 1) {
      await expect(policy.execute(fetchStatus)).resolves.toMatchObject({ sid: knownSid });
    }
    // The same seed replayed: every error drawn before the tenth answer was one retry.
    const replay = new FaultInjector(settings);
    let answers = 0;
    let errors = 0;
    while (answers < 10) {
      if (replay.decide() === 'error') errors += 1;
      else answers += 1;
    }
    expect(errors).toBeGreaterThan(0);
    expect(await retriesOf(name)).toBe(errors);
  });

  it('gives up on a vendor that keeps failing with a retriable SERVICE_UNAVAILABLE, then fails fast', async () => {
    const name = adapter();
    const policy = createAdapterPolicy({
      adapter: name,
      idempotent: true,
      retries: 2,
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 200 },
      ...fast,
    });
    sandbox.faults.set({ errorRate: 1, errorStatus: 503 });
    const failure = await failureOf(policy.execute(fetchStatus));
    expect(failure).toMatchObject({
      adapter: name,
      reason: 'vendor-error',
      retriable: true,
      vendorStatus: 503,
      vendorCode: 20503,
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(await retriesOf(name)).toBe(2);

    // Three attempts so far; two more transient failures open the breaker.
    await failureOf(policy.execute(fetchStatus));
    expect(policy.breakerState()).toBe('open');
    const sent = sandbox.messages.length;
    const fastFailure = await failureOf(
      policy.execute(() => client.messages.create({ to: PATIENT, from: CLINIC, body: 'x' })),
    );
    expect(fastFailure.reason).toBe('breaker-open');
    expect(sandbox.messages.length).toBe(sent);

    sandbox.faults.reset();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(policy.execute(fetchStatus)).resolves.toMatchObject({ sid: knownSid });
    expect(policy.breakerState()).toBe('closed');
  });

  it('sends a message once, without retrying, because a send is not idempotent', async () => {
    const name = adapter();
    const policy = createAdapterPolicy({ adapter: name, retries: 3, ...fast });
    sandbox.faults.set({ errorRate: 1, errorStatus: 500 });
    const failure = await failureOf(
      policy.execute(() => client.messages.create({ to: PATIENT, from: CLINIC, body: 'once' })),
    );
    expect(failure).toMatchObject({ reason: 'vendor-error', vendorStatus: 500, retriable: true });
    expect(await retriesOf(name)).toBe(0);
  });

  it('turns an invalid number into a permanent error that neither retries nor opens the breaker', async () => {
    const policy = createAdapterPolicy({
      adapter: adapter(),
      idempotent: true,
      breaker: { consecutiveFailures: 1 },
      ...fast,
    });
    const failure = await failureOf(
      policy.execute(() => client.messages.create({ to: '12', from: CLINIC, body: 'hi' })),
    );
    expect(failure).toMatchObject({ reason: 'vendor-error', retriable: false, vendorStatus: 400, vendorCode: 21211 });
    expect(failure.message).not.toContain('12 is not');
    expect(policy.breakerState()).toBe('closed');
  });

  it('ends a call the vendor never answers at the timeout, and one answered too slowly likewise', async () => {
    const policy = createAdapterPolicy({ adapter: adapter(), timeoutMs: 100, ...fast });
    sandbox.faults.set({ timeoutRate: 1 });
    let started = performance.now();
    expect(await failureOf(policy.execute(fetchStatus))).toMatchObject({
      reason: 'timeout',
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(performance.now() - started).toBeLessThan(1000);

    sandbox.faults.set({ timeoutRate: 0, latencyMs: 300 });
    started = performance.now();
    expect(await failureOf(policy.execute(fetchStatus))).toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(300);

    sandbox.faults.set({ latencyMs: 30 });
    await expect(policy.execute(fetchStatus)).resolves.toMatchObject({ sid: knownSid });
  });
});

describe('adapter policy against the SendGrid sandbox', () => {
  let sandbox: SendGridSandbox;
  let mail: MailService;

  beforeAll(async () => {
    sandbox = await startSendGridSandbox();
    mail = createSendGridMail({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, timeoutMs: 10_000 });
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.faults.reset());

  const reminder = { to: 'ada@patients.test', from: 'clinic@clinic.test', subject: 'Reminder', text: 'Tomorrow 10:30' };

  it('reports rate limiting as retriable and a bad request as permanent', async () => {
    const policy = createAdapterPolicy({ adapter: `sendgrid-${randomUUID().slice(0, 8)}`, ...fast });
    sandbox.faults.set({ errorRate: 1, errorStatus: 429 });
    expect(await failureOf(policy.execute(() => mail.send(reminder)))).toMatchObject({
      reason: 'vendor-error',
      retriable: true,
      vendorStatus: 429,
    });
    sandbox.faults.reset();
    expect(await failureOf(policy.execute(() => mail.send({ ...reminder, from: 'nobody' })))).toMatchObject({
      reason: 'vendor-error',
      retriable: false,
      vendorStatus: 400,
      code: 'INTERNAL_SERVER_ERROR',
    });
    const [accepted] = await policy.execute(() => mail.send(reminder));
    expect(accepted.statusCode).toBe(202);
  });

  it('opens the breaker after a run of 503s and refuses sends until it half-opens', async () => {
    const policy = createAdapterPolicy({
      adapter: `sendgrid-${randomUUID().slice(0, 8)}`,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    });
    sandbox.faults.set({ errorRate: 1, errorStatus: 503 });
    for (let send = 0; send < 3; send += 1) await failureOf(policy.execute(() => mail.send(reminder)));
    sandbox.faults.reset();
    const accepted = sandbox.mails.length;
    expect(await failureOf(policy.execute(() => mail.send(reminder)))).toMatchObject({ reason: 'breaker-open' });
    expect(sandbox.mails.length).toBe(accepted);
  });
});
