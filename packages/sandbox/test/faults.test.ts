import { FaultInjector, NO_FAULTS, startSendGridSandbox, startTwilioSandbox, type TwilioSandbox } from '../src';

const draws = (faults: FaultInjector, count: number) => Array.from({ length: count }, () => faults.decide());

describe('FaultInjector', () => {
  it('draws the same fates for the same seed, every time the faults are set', () => {
    const faults = new FaultInjector({ errorRate: 0.3, timeoutRate: 0.1, seed: 42 });
    const first = draws(faults, 200);
    faults.set({ seed: 42 });
    expect(draws(faults, 200)).toEqual(first);
    expect(draws(new FaultInjector({ errorRate: 0.3, timeoutRate: 0.1, seed: 7 }), 200)).not.toEqual(first);
    const errors = first.filter((fate) => fate === 'error').length;
    const timeouts = first.filter((fate) => fate === 'timeout').length;
    expect(errors).toBeGreaterThan(40);
    expect(errors).toBeLessThan(80);
    expect(timeouts).toBeGreaterThan(8);
    expect(timeouts).toBeLessThan(35);
  });

  it('always answers without faults, and always fails at rate 1', () => {
    expect(new Set(draws(new FaultInjector(), 50))).toEqual(new Set(['answer']));
    expect(new Set(draws(new FaultInjector({ errorRate: 1 }), 50))).toEqual(new Set(['error']));
    expect(new Set(draws(new FaultInjector({ timeoutRate: 1 }), 50))).toEqual(new Set(['timeout']));
  });

  it('refuses settings that make no sense and keeps the previous ones', () => {
    const faults = new FaultInjector({ errorRate: 0.5 });
    expect(() => faults.set({ errorRate: 1.5 })).toThrow('errorRate must be between 0 and 1');
    expect(() => faults.set({ timeoutRate: 0.6 })).toThrow('errorRate + timeoutRate must not exceed 1');
    expect(() => faults.set({ errorStatus: 404 as 503 })).toThrow('errorStatus must be 429, 500 or 503');
    expect(() => faults.set({ latencyMs: -1 })).toThrow('latencyMs must be >= 0');
    expect(faults.settings.errorRate).toBe(0.5);
    expect(faults.reset()).toEqual(NO_FAULTS);
  });
});

describe('fault control API', () => {
  let sandbox: TwilioSandbox;
  const control = `/__sandbox/faults`;
  const send = (body: string, timeoutMs = 1000) =>
    fetch(`${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: '+15555550100', From: '+15555550199', Body: body }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  const put = (settings: object) =>
    fetch(`${sandbox.url}${control}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });

  beforeAll(async () => {
    sandbox = await startTwilioSandbox();
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.faults.reset());

  it('turns errors on and off over HTTP, with the vendor-shaped error body', async () => {
    expect(await (await put({ errorRate: 1, errorStatus: 500, unknown: true })).json()).toEqual({
      ...NO_FAULTS,
      errorRate: 1,
      errorStatus: 500,
    });
    const failed = await send('during the outage');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ code: 20500, status: 500 });
    expect(await (await fetch(`${sandbox.url}${control}`, { method: 'DELETE' })).json()).toEqual(NO_FAULTS);
    expect((await send('after the outage')).status).toBe(201);
    expect(sandbox.messages.map((message) => message.body)).toEqual(['after the outage']);
  });

  it('refuses bad settings with 400', async () => {
    const refused = await put({ errorRate: 2 });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'errorRate must be between 0 and 1' });
  });

  it('adds latency to every answer', async () => {
    await put({ latencyMs: 120 });
    const started = performance.now();
    expect((await send('slow')).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('leaves a request unanswered until the client gives up', async () => {
    sandbox.faults.set({ timeoutRate: 1 });
    await expect(send('never answered', 150)).rejects.toThrow(/aborted/i);
    expect(sandbox.messages.map((message) => message.body)).not.toContain('never answered');
  });

  it('serves the same control routes on the SendGrid sandbox, and lists what it received', async () => {
    const sendgrid = await startSendGridSandbox({ faults: { errorRate: 1, errorStatus: 429 } });
    try {
      const response = await fetch(`${sendgrid.url}/v3/mail/send`, { method: 'POST' });
      expect(response.status).toBe(429);
      expect(await response.json()).toEqual({ errors: [{ message: 'too many requests', field: null, help: null }] });
      expect(await (await fetch(`${sendgrid.url}/__sandbox/faults`)).json()).toMatchObject({
        errorRate: 1,
        errorStatus: 429,
      });
      expect(await (await fetch(`${sendgrid.url}/__sandbox/received`)).json()).toEqual([]);
    } finally {
      await sendgrid.close();
    }
  });
});
