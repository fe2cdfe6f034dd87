import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  type SendGridEvent,
  verifySendGridSignature,
} from '@clinicflow/platform';
import { EventWebhook } from '@sendgrid/eventwebhook';
import type { MailService } from '@sendgrid/mail';
import { createSendGridMail, type SendGridSandbox, startSendGridSandbox } from '../src';
import { header, type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const CLINIC = { email: 'front-desk@clinic.test', name: 'North Clinic' };

describe('SendGrid sandbox, driven by the real @sendgrid/mail SDK', () => {
  let receiver: WebhookReceiver;
  let sandbox: SendGridSandbox;
  let mail: MailService;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startSendGridSandbox({ eventWebhookUrl: `${receiver.url}/sendgrid/events` });
    mail = createSendGridMail({ apiKey: sandbox.apiKey, baseUrl: sandbox.url });
  });

  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const verify = (webhook: ReceivedWebhook, body = webhook.body) =>
    verifySendGridSignature(sandbox.publicKey, {
      signature: header(webhook, SENDGRID_SIGNATURE_HEADER),
      timestamp: header(webhook, SENDGRID_TIMESTAMP_HEADER),
      body,
    });

  /** The verified events of every batch that mentions the message id, in the order they came. */
  function eventsFor(messageId: string): SendGridEvent[] {
    return receiver.on('/sendgrid/events').flatMap((webhook) => {
      const verification = verify(webhook);
      if (!verification.verified) throw new Error(`event batch did not verify: ${verification.reason}`);
      return verification.payload.filter((event) => event.sg_message_id?.startsWith(messageId));
    });
  }

  it('accepts a mail with 202 and X-Message-Id, then posts signed processed and delivered events', async () => {
    const [response] = await mail.send({
      to: 'ada@patients.test',
      from: CLINIC,
      subject: 'Your appointment',
      text: 'See you at 10:30',
      customArgs: { notificationId: 'n-42' },
      categories: ['reminder'],
    });
    expect(response.statusCode).toBe(202);
    const messageId = String(response.headers['x-message-id']);
    expect(messageId).toMatch(/^[\w-]{22}$/);
    expect(sandbox.mails.at(-1)?.body).toMatchObject({
      personalizations: [{ to: [{ email: 'ada@patients.test' }] }],
      from: CLINIC,
      subject: 'Your appointment',
      content: [{ type: 'text/plain', value: 'See you at 10:30' }],
    });

    await sandbox.settled();
    const events = eventsFor(messageId);
    expect(events.map((event) => event.event)).toEqual(['processed', 'delivered']);
    for (const event of events) {
      expect(event).toMatchObject({ email: 'ada@patients.test', notificationId: 'n-42', category: ['reminder'] });
      expect(event.sg_event_id).toMatch(/^[\w-]{22}$/);
    }
  });

  it("signs batches that SendGrid's own library accepts, and that fail when tampered with", async () => {
    const [response] = await mail.send({
      to: 'grace@patients.test',
      from: CLINIC,
      subject: 'Lab result',
      html: '<p>Ready</p>',
    });
    await sandbox.settled();
    const messageId = String(response.headers['x-message-id']);
    const batch = receiver.on('/sendgrid/events').find((webhook) => webhook.body.includes(messageId));
    if (!batch) throw new Error('no event batch arrived');

    const library = new EventWebhook();
    const key = library.convertPublicKeyToECDSA(sandbox.publicKey);
    const signature = header(batch, SENDGRID_SIGNATURE_HEADER) ?? '';
    const timestamp = header(batch, SENDGRID_TIMESTAMP_HEADER) ?? '';
    expect(library.verifySignature(key, batch.body, signature, timestamp)).toBe(true);
    expect(library.verifySignature(key, batch.body, signature, String(Number(timestamp) + 1))).toBe(false);

    const tampered = batch.body.replace('grace@patients.test', 'mallory@patients.test');
    expect(verify(batch, tampered)).toEqual({ verified: false, reason: 'invalid-signature' });
    const otherSandbox = await startSendGridSandbox();
    try {
      const verification = verifySendGridSignature(otherSandbox.publicKey, { signature, timestamp, body: batch.body });
      expect(verification).toEqual({ verified: false, reason: 'invalid-signature' });
    } finally {
      await otherSandbox.close();
    }
    expect(verifySendGridSignature(sandbox.publicKey, { signature: undefined, timestamp, body: batch.body })).toEqual({
      verified: false,
      reason: 'missing-signature',
    });
    expect(
      verifySendGridSignature(sandbox.publicKey, { signature: 'not base64 der', timestamp, body: batch.body }),
    ).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
  });

  it('bounces or drops mail to addresses it was told to fail', async () => {
    sandbox.failDelivery('gone@patients.test', 'bounce');
    sandbox.failDelivery('suppressed@patients.test', 'dropped');
    const [response] = await mail.send({
      personalizations: [{ to: [{ email: 'gone@patients.test' }, { email: 'suppressed@patients.test' }] }],
      from: CLINIC,
      subject: 'Invoice',
      text: 'Your invoice',
    });
    await sandbox.settled();
    const outcomes = eventsFor(String(response.headers['x-message-id'])).filter((event) => event.event !== 'processed');
    expect(outcomes).toEqual([
      expect.objectContaining({ email: 'gone@patients.test', event: 'bounce', type: 'bounce', status: '5.1.1' }),
      expect.objectContaining({ email: 'suppressed@patients.test', event: 'dropped', reason: 'Bounced Address' }),
    ]);
  });

  it("answers with SendGrid's error bodies, which the SDK raises as ResponseError", async () => {
    const invalidFrom = await mail
      .send({ to: 'ada@patients.test', from: 'not-an-address', subject: 'x', text: 'x' })
      .catch((error: unknown) => error);
    expect(invalidFrom).toMatchObject({
      code: 400,
      response: {
        body: { errors: [{ field: 'from.email', message: 'The from email does not contain a valid address.' }] },
      },
    });

    const wrongKey = createSendGridMail({ apiKey: 'SG.wrong', baseUrl: sandbox.url });
    await expect(
      wrongKey.send({ to: 'ada@patients.test', from: CLINIC, subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({
      code: 401,
      response: { body: { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked' }] } },
    });

    const post = (body: string) =>
      fetch(`${sandbox.url}/v3/mail/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
        body,
      });
    const empty = await post(JSON.stringify({ from: CLINIC }));
    expect(empty.status).toBe(400);
    const { errors } = (await empty.json()) as { errors: { field: string | null }[] };
    expect(errors.map((error) => error.field)).toEqual(['personalizations', 'subject', 'content']);
    const notJson = await post('{"personalizations": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ errors: [{ message: 'Bad Request', field: null, help: null }] });
  });
});
