import { createSendGridMail, createTwilioClient, startSendGridSandbox, startTwilioSandbox } from '../src';
import { watchOutboundConnections } from './support/outbound-connections';
import { startWebhookReceiver } from './support/webhook-receiver';

/**
 * The real SDKs know api.twilio.com and api.sendgrid.com. Pointed at the sandboxes, a full round
 * (send, fetch, status callbacks, inbound SMS, mail, event webhooks) must open connections to
 * 127.0.0.1 only and resolve no name at all.
 */
describe('sandboxes and the real SDKs', () => {
  it('open connections only to 127.0.0.1 and look up no host name', async () => {
    const watch = watchOutboundConnections();
    try {
      const receiver = await startWebhookReceiver();
      const twilioSandbox = await startTwilioSandbox({ inboundSmsUrl: `${receiver.url}/twilio/inbound` });
      const sendGridSandbox = await startSendGridSandbox({ eventWebhookUrl: `${receiver.url}/sendgrid/events` });
      try {
        const sms = createTwilioClient({
          accountSid: twilioSandbox.accountSid,
          authToken: twilioSandbox.authToken,
          baseUrl: twilioSandbox.url,
        });
        const message = await sms.messages.create({
          to: '+15555550100',
          from: '+15555550199',
          body: 'Token A-12',
          statusCallback: `${receiver.url}/twilio/status`,
        });
        await sms.messages(message.sid).fetch();
        await twilioSandbox.sendInboundSms({ from: '+15555550100', to: '+15555550199', body: 'STOP' });
        const mail = createSendGridMail({ apiKey: sendGridSandbox.apiKey, baseUrl: sendGridSandbox.url });
        await mail.send({ to: 'ada@patients.test', from: 'clinic@clinic.test', subject: 'Reminder', text: 'Tomorrow' });
        await Promise.all([twilioSandbox.settled(), sendGridSandbox.settled()]);
        expect(receiver.on('/twilio/status')).toHaveLength(3);
        expect(receiver.on('/twilio/inbound')).toHaveLength(1);
        expect(receiver.on('/sendgrid/events')).toHaveLength(2);
      } finally {
        await twilioSandbox.close();
        await sendGridSandbox.close();
        await receiver.close();
      }
      expect(watch.hosts()).toEqual(new Set(['127.0.0.1']));
      expect(watch.lookups()).toEqual([]);
    } finally {
      watch.stop();
    }
  });

  it('would notice a connection made by host name', async () => {
    const receiver = await startWebhookReceiver();
    const watch = watchOutboundConnections();
    try {
      // localhost resolves from the hosts file, so the watch is proven without a query leaving the machine.
      await fetch(receiver.url.replace('127.0.0.1', 'localhost'), { method: 'POST' });
      expect(watch.hosts()).toContain('localhost');
      expect(watch.lookups()).toContain('localhost');
    } finally {
      watch.stop();
      await receiver.close();
    }
  });

  it('refuses to send a Twilio request anywhere but the sandbox', async () => {
    const client = createTwilioClient({
      accountSid: 'AC' + '0'.repeat(32),
      authToken: 'x',
      baseUrl: 'http://127.0.0.1:9',
    });
    await expect(
      client.request({ method: 'get', uri: 'https://example.com/2010-04-01/Accounts.json' }),
    ).rejects.toThrow(/^The Twilio sandbox client sends only Twilio API requests/);
  });
});
