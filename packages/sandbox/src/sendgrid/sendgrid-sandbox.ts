import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { FaultInjector, type FaultSettings } from '../faults/fault-injector';
import { controlRoutes, injectFaults, listenOnLoopback } from '../http/sandbox-server';
import { type WebhookDelivery, WebhookSender } from '../http/webhook-sender';
import { createEventSigningKey, signEventPayload } from './event-signing';
import { type MailSendBody, mailSendErrors } from './mail-body';
import { SENDGRID_FAULT_MESSAGES, sendSendGridErrors } from './sendgrid-errors';
import { newSendGridId, type RecipientOutcome, recipientsOf, sendGridEvent } from './sendgrid-events';

export interface SendGridSandboxOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Generated (SG.-prefixed, as the SDK expects) when absent. */
  apiKey?: string;
  /** Where Event Webhook batches are posted; without one, no events are sent. */
  eventWebhookUrl?: string;
  faults?: Partial<FaultSettings>;
}

/** A mail the sandbox accepted. */
export interface SandboxMail {
  messageId: string;
  body: MailSendBody;
  receivedAt: Date;
}

export interface SendGridSandbox {
  /** Base URL to give `createSendGridMail`. */
  url: string;
  apiKey: string;
  /** The Event Webhook verification key, base64 DER, as SendGrid shows it: give it to the verifier. */
  publicKey: string;
  faults: FaultInjector;
  mails: readonly SandboxMail[];
  /** Every Event Webhook batch it sent. */
  webhooks: readonly WebhookDelivery[];
  /** Ends mails to `email` with a bounce or a drop instead of a delivery. */
  failDelivery(email: string, outcome: Exclude<RecipientOutcome, 'delivered'>): void;
  /** Resolves once every event batch started so far has been delivered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const UNAUTHORIZED = [
  { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
];

/**
 * A local stand-in for SendGrid's v3 mail send API, for development and tests: the real
 * `@sendgrid/mail` SDK talks to it through `createSendGridMail`. Each accepted mail produces two
 * signed Event Webhook batches: `processed` for every recipient, then `delivered`, `bounce` or `dropped`.
 */
export async function startSendGridSandbox(options: SendGridSandboxOptions = {}): Promise<SendGridSandbox> {
  const apiKey = options.apiKey ?? `SG.${randomBytes(24).toString('base64url')}`;
  const signingKey = createEventSigningKey();
  const lifetime = new AbortController();
  const faults = new FaultInjector(options.faults);
  const webhooks = new WebhookSender(lifetime.signal);
  const mails: SandboxMail[] = [];
  const failures = new Map<string, Exclude<RecipientOutcome, 'delivered'>>();

  const postEvents = (url: string, events: object[]) => {
    const payload = JSON.stringify(events);
    const timestamp = String(Math.floor(Date.now() / 1000));
    return webhooks.post(
      url,
      {
        'content-type': 'application/json',
        'user-agent': 'SendGrid Event API',
        'x-twilio-email-event-webhook-signature': signEventPayload(signingKey, timestamp, payload),
        'x-twilio-email-event-webhook-timestamp': timestamp,
      },
      payload,
    );
  };

  async function reportEvents(url: string, mail: SandboxMail): Promise<void> {
    const recipients = recipientsOf(mail.body, mail.messageId);
    const { categories } = mail.body;
    await postEvents(
      url,
      recipients.map((recipient) => sendGridEvent(recipient, mail.messageId, 'processed', categories)),
    );
    await postEvents(
      url,
      recipients.map((recipient) =>
        sendGridEvent(recipient, mail.messageId, failures.get(recipient.email) ?? 'delivered', categories),
      ),
    );
  }

  function authenticate(req: Request, res: Response, next: NextFunction): void {
    if (req.header('authorization') !== `Bearer ${apiKey}`) return sendSendGridErrors(res, 401, UNAUTHORIZED);
    next();
  }

  function sendMail(req: Request, res: Response): void {
    const errors = mailSendErrors(req.body);
    if (errors.length > 0) return sendSendGridErrors(res, 400, errors);
    const mail: SandboxMail = { messageId: newSendGridId(), body: req.body as MailSendBody, receivedAt: new Date() };
    mails.push(mail);
    const url = options.eventWebhookUrl;
    // Started before answering, so a test that awaits the send and then `settled()` sees every event.
    if (url) webhooks.run(() => reportEvents(url, mail));
    res.status(202).set('x-message-id', mail.messageId).end();
  }

  /** A body that is not JSON gets SendGrid's plain "Bad Request", not Express's HTML page. */
  function badJson(error: unknown, _req: Request, res: Response, next: NextFunction): void {
    if (error instanceof SyntaxError)
      return sendSendGridErrors(res, 400, [{ message: 'Bad Request', field: null, help: null }]);
    next(error);
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/__sandbox',
    controlRoutes(faults, () => mails),
  );
  const vendorFaults = injectFaults(faults, lifetime.signal, (res, status) =>
    sendSendGridErrors(res, status, [{ message: SENDGRID_FAULT_MESSAGES[status], field: null, help: null }]),
  );
  // SendGrid accepts up to 30 MB per request, attachments included.
  app.post('/v3/mail/send', vendorFaults, authenticate, express.json({ limit: '30mb' }), sendMail, badJson);
  app.use((_req, res) => sendSendGridErrors(res, 404, [{ message: 'resource not found', field: null, help: null }]));

  const server = await listenOnLoopback(app, options.port);
  return {
    url: server.url,
    apiKey,
    publicKey: signingKey.publicKey,
    faults,
    mails,
    webhooks: webhooks.deliveries,
    failDelivery: (email, outcome) => {
      failures.set(email, outcome);
    },
    settled: () => webhooks.settled(),
    close: async () => {
      lifetime.abort();
      await server.close();
      await webhooks.settled();
    },
  };
}
