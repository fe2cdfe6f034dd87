import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from '@clinicflow/platform';
import twilio from 'twilio';
import { createTwilioClient, startTwilioSandbox, type TwilioSandbox } from '../src';
import { header, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const PATIENT = '+15555550100';
const CLINIC = '+15555550199';

describe('Twilio sandbox, driven by the real twilio SDK', () => {
  let receiver: WebhookReceiver;
  let sandbox: TwilioSandbox;
  let client: twilio.Twilio;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTwilioSandbox({ inboundSmsUrl: `${receiver.url}/twilio/inbound` });
    client = createTwilioClient({ accountSid: sandbox.accountSid, authToken: sandbox.authToken, baseUrl: sandbox.url });
  });

  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const statusCallbacksFor = (sid: string) =>
    receiver.on('/twilio/status').filter((webhook) => new URLSearchParams(webhook.body).get('MessageSid') === sid);

  it('accepts a message and reports queued, sent and delivered in signed status callbacks', async () => {
    const statusCallback = `${receiver.url}/twilio/status?clinic=north`;
    const message = await client.messages.create({
      to: PATIENT,
      from: CLINIC,
      body: 'Token A-12: please go to room 3',
      statusCallback,
    });
    expect(message).toMatchObject({
      to: PATIENT,
      from: CLINIC,
      status: 'queued',
      direction: 'outbound-api',
      numSegments: '1',
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.accountSid).toBe(sandbox.accountSid);
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(message.dateCreated.getTime())).toBe(false);

    await sandbox.settled();
    const callbacks = statusCallbacksFor(message.sid);
    expect(callbacks.map((webhook) => new URLSearchParams(webhook.body).get('MessageStatus'))).toEqual([
      'queued',
      'sent',
      'delivered',
    ]);
    for (const callback of callbacks) {
      expect(callback.url).toBe(statusCallback);
      expect(header(callback, 'content-type')).toBe('application/x-www-form-urlencoded');
      const signature = header(callback, TWILIO_SIGNATURE_HEADER);
      const verification = verifyTwilioSignature(sandbox.authToken, {
        url: callback.url,
        signature,
        body: callback.body,
      });
      expect(verification).toMatchObject({ verified: true });
      if (verification.verified) expect(verification.payload.get('AccountSid')).toBe(sandbox.accountSid);
      // Twilio's own check, called directly, agrees.
      const params = Object.fromEntries(new URLSearchParams(callback.body));
      expect(twilio.validateRequest(sandbox.authToken, signature ?? '', callback.url, params)).toBe(true);
    }

    const fetched = await client.messages(message.sid).fetch();
    expect(fetched.status).toBe('delivered');
    expect(fetched.dateSent).toBeInstanceOf(Date);
  });

  it('signs callbacks that a tampered body, another auth token or a missing header fail', async () => {
    const message = await client.messages.create({
      to: PATIENT,
      from: CLINIC,
      body: 'Reminder: your visit is at 10:30',
      statusCallback: `${receiver.url}/twilio/status`,
    });
    await sandbox.settled();
    const [delivered] = statusCallbacksFor(message.sid).slice(-1);
    if (!delivered) throw new Error('no status callback arrived');
    const signature = header(delivered, TWILIO_SIGNATURE_HEADER);
    const tampered = delivered.body.replace('MessageStatus=delivered', 'MessageStatus=failed');
    expect(tampered).not.toBe(delivered.body);
    expect(verifyTwilioSignature(sandbox.authToken, { url: delivered.url, signature, body: tampered })).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
    expect(verifyTwilioSignature('0'.repeat(32), { url: delivered.url, signature, body: delivered.body })).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
    expect(
      verifyTwilioSignature(sandbox.authToken, { url: `${delivered.url}?x=1`, signature, body: delivered.body }),
    ).toMatchObject({ verified: false });
    expect(
      verifyTwilioSignature(sandbox.authToken, { url: delivered.url, signature: undefined, body: delivered.body }),
    ).toEqual({
      verified: false,
      reason: 'missing-signature',
    });
  });

  it("answers with Twilio's errors, which the SDK raises as RestException", async () => {
    const invalidTo = await client.messages
      .create({ to: '555-0100', from: CLINIC, body: 'hello' })
      .catch((error: unknown) => error);
    expect(invalidTo).toBeInstanceOf(twilio.RestException);
    expect(invalidTo).toMatchObject({ status: 400, code: 21211, moreInfo: 'https://www.twilio.com/docs/errors/21211' });

    await expect(client.messages.create({ to: PATIENT, body: 'no sender' })).rejects.toMatchObject({
      status: 400,
      code: 21603,
    });
    await expect(client.messages.create({ to: PATIENT, from: CLINIC, body: 'x'.repeat(1601) })).rejects.toMatchObject({
      code: 21617,
    });
    await expect(client.messages('SM' + '0'.repeat(32)).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });

    const wrongToken = createTwilioClient({
      accountSid: sandbox.accountSid,
      authToken: 'f'.repeat(32),
      baseUrl: sandbox.url,
    });
    await expect(wrongToken.messages.create({ to: PATIENT, from: CLINIC, body: 'hello' })).rejects.toMatchObject({
      status: 401,
      code: 20003,
    });
    expect(sandbox.messages.filter((message) => message.body === 'hello')).toHaveLength(0);
  });

  it('ends messages to a number it was told to fail with undelivered and the error code', async () => {
    const unreachable = '+15555550142';
    sandbox.failDelivery(unreachable, { status: 'undelivered', errorCode: 30003 });
    const message = await client.messages.create({
      to: unreachable,
      messagingServiceSid: 'MG' + 'a'.repeat(32),
      body: 'Your lab result is ready',
      statusCallback: `${receiver.url}/twilio/status`,
    });
    await sandbox.settled();
    const last = new URLSearchParams(statusCallbacksFor(message.sid).at(-1)?.body);
    expect(last.get('MessageStatus')).toBe('undelivered');
    expect(last.get('ErrorCode')).toBe('30003');
    expect(last.get('MessagingServiceSid')).toBe('MG' + 'a'.repeat(32));
    expect(await client.messages(message.sid).fetch()).toMatchObject({ status: 'undelivered', errorCode: 30003 });
  });

  it('posts an inbound SMS such as STOP to the configured webhook, signed like a callback', async () => {
    const delivery = await sandbox.sendInboundSms({ from: PATIENT, to: CLINIC, body: 'STOP' });
    expect(delivery.status).toBe(204);
    const [inbound] = receiver.on('/twilio/inbound');
    if (!inbound) throw new Error('no inbound SMS arrived');
    const verification = verifyTwilioSignature(sandbox.authToken, {
      url: inbound.url,
      signature: header(inbound, TWILIO_SIGNATURE_HEADER),
      body: inbound.body,
    });
    if (!verification.verified) throw new Error(`inbound SMS did not verify: ${verification.reason}`);
    expect(Object.fromEntries(verification.payload)).toMatchObject({
      From: PATIENT,
      To: CLINIC,
      Body: 'STOP',
      SmsStatus: 'received',
    });
  });

  it('paces the statuses when asked to, as a carrier would', async () => {
    const paced = await startTwilioSandbox({ statusStepDelayMs: 50 });
    try {
      const pacedClient = createTwilioClient({
        accountSid: paced.accountSid,
        authToken: paced.authToken,
        baseUrl: paced.url,
      });
      const message = await pacedClient.messages.create({ to: PATIENT, from: CLINIC, body: 'paced' });
      expect((await pacedClient.messages(message.sid).fetch()).status).toBe('queued');
      await paced.settled();
      expect((await pacedClient.messages(message.sid).fetch()).status).toBe('delivered');
    } finally {
      await paced.close();
    }
  });

  it('delivers callbacks only to this machine', async () => {
    const message = await client.messages.create({
      to: PATIENT,
      from: CLINIC,
      body: 'callback elsewhere',
      statusCallback: 'https://clinic.example.com/twilio/status',
    });
    await sandbox.settled();
    const attempts = sandbox.webhooks.filter((delivery) => delivery.url.startsWith('https://clinic.example.com'));
    expect(attempts.length).toBe(3);
    for (const attempt of attempts)
      expect(attempt).toMatchObject({ status: null, error: expect.stringMatching(/^refused/) });
    expect(sandbox.messages.find((held) => held.sid === message.sid)?.status).toBe('delivered');
  });
});
