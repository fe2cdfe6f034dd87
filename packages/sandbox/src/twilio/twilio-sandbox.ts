import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import { FaultInjector, type FaultSettings } from '../faults/fault-injector';
import { controlRoutes, injectFaults, listenOnLoopback } from '../http/sandbox-server';
import { type WebhookDelivery, WebhookSender } from '../http/webhook-sender';
import { sendTwilioError, TWILIO_FAULT_ERRORS } from './twilio-errors';
import {
  API_VERSION,
  type DeliveryFailure,
  inboundSmsParams,
  messageResource,
  newSid,
  type SandboxMessage,
  statusCallbackParams,
  type TwilioMessageStatus,
} from './twilio-message';
import { twilioSignature } from './twilio-signature';

export interface TwilioSandboxOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Generated when absent. */
  accountSid?: string;
  authToken?: string;
  /** Where inbound SMS are posted: the webhook configured on the sandbox's phone numbers. */
  inboundSmsUrl?: string;
  faults?: Partial<FaultSettings>;
  /** Pause between a message's statuses; real carriers take seconds, tests want none. */
  statusStepDelayMs?: number;
}

export interface InboundSms {
  from: string;
  to: string;
  body: string;
}

export interface TwilioSandbox {
  /** Base URL to give `createTwilioClient`. */
  url: string;
  accountSid: string;
  authToken: string;
  faults: FaultInjector;
  /** Every message the sandbox accepted or received, oldest first. */
  messages: readonly SandboxMessage[];
  /** Every status callback and inbound SMS webhook it sent. */
  webhooks: readonly WebhookDelivery[];
  /** Ends messages to `to` as Twilio would for an unreachable or filtered number. */
  failDelivery(to: string, failure: DeliveryFailure): void;
  /** Posts an inbound SMS (such as a patient replying STOP) to the configured webhook, signed. */
  sendInboundSms(sms: InboundSms): Promise<WebhookDelivery>;
  /** Resolves once every callback started so far has been delivered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;

type FormBody = Record<string, string | string[] | undefined>;

const formValue = (body: FormBody, name: string): string | undefined => {
  const value = body[name];
  return Array.isArray(value) ? value[0] : value;
};

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * A local stand-in for Twilio's Programmable Messaging API (`2010-04-01` Messages), for development
 * and tests: the real `twilio` SDK talks to it through `createTwilioClient`. Accepted messages move
 * through queued, sent and delivered (or fail as told), with a signed status callback at each step.
 */
export async function startTwilioSandbox(options: TwilioSandboxOptions = {}): Promise<TwilioSandbox> {
  const accountSid = options.accountSid ?? newSid('AC');
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const stepDelayMs = options.statusStepDelayMs ?? 0;
  const lifetime = new AbortController();
  const faults = new FaultInjector(options.faults);
  const webhooks = new WebhookSender(lifetime.signal);
  const messages: SandboxMessage[] = [];
  const deliveryFailures = new Map<string, DeliveryFailure>();

  const sendSigned = (url: string, params: Record<string, string>) =>
    webhooks.post(
      url,
      {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1',
        'x-twilio-signature': twilioSignature(authToken, url, params),
        'i-twilio-idempotency-token': randomUUID(),
      },
      new URLSearchParams(params).toString(),
    );

  /** queued, then sent and delivered; or failed at once; or sent and then undelivered. */
  async function progress(message: SandboxMessage): Promise<void> {
    const failure = deliveryFailures.get(message.to);
    const steps: TwilioMessageStatus[] =
      failure?.status === 'failed' ? ['failed'] : failure ? ['sent', 'undelivered'] : ['sent', 'delivered'];
    if (message.statusCallback) await sendSigned(message.statusCallback, statusCallbackParams(message));
    for (const status of steps) {
      if (stepDelayMs > 0) await delay(stepDelayMs, undefined, { signal: lifetime.signal });
      const now = new Date();
      message.status = status;
      message.dateUpdated = now;
      if (status === 'sent') message.dateSent = now;
      if ((status === 'failed' || status === 'undelivered') && failure) message.errorCode = failure.errorCode;
      if (message.statusCallback) await sendSigned(message.statusCallback, statusCallbackParams(message));
    }
  }

  function authenticate(req: Request, res: Response, next: NextFunction): void {
    const [scheme, encoded] = (req.header('authorization') ?? '').split(' ');
    const [user, password] = Buffer.from(encoded ?? '', 'base64')
      .toString()
      .split(':');
    if (scheme !== 'Basic' || user !== accountSid || password !== authToken) {
      res.set('www-authenticate', 'Basic realm="Twilio API"');
      sendTwilioError(res, 401, 20003, 'Authenticate');
      return;
    }
    if (req.params.accountSid !== accountSid) {
      sendTwilioError(res, 404, 20404, `The requested resource ${req.path} was not found`);
      return;
    }
    next();
  }

  function createMessage(req: Request, res: Response): void {
    const form = (req.body ?? {}) as FormBody;
    const to = formValue(form, 'To');
    const from = formValue(form, 'From') ?? null;
    const messagingServiceSid = formValue(form, 'MessagingServiceSid') ?? null;
    const body = formValue(form, 'Body');
    const statusCallback = formValue(form, 'StatusCallback') ?? null;
    if (!to) return sendTwilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return sendTwilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from && !messagingServiceSid) {
      return sendTwilioError(
        res,
        400,
        21603,
        "A 'From' or 'MessagingServiceSid' parameter is required to send a message.",
      );
    }
    if (from && !E164.test(from))
      return sendTwilioError(res, 400, 21212, `The 'From' number ${from} is not a valid phone number.`);
    if (!body) return sendTwilioError(res, 400, 21602, 'Message body is required.');
    if (body.length > MAX_BODY) {
      return sendTwilioError(res, 400, 21617, `The concatenated message body exceeds the ${MAX_BODY} character limit.`);
    }
    if (statusCallback && !isHttpUrl(statusCallback))
      return sendTwilioError(res, 400, 21609, 'Invalid StatusCallback url');
    const now = new Date();
    const message: SandboxMessage = {
      sid: newSid('SM'),
      accountSid,
      direction: 'outbound-api',
      to,
      from,
      messagingServiceSid,
      body,
      statusCallback,
      status: 'queued',
      errorCode: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
    };
    messages.push(message);
    // Started before answering, so a test that awaits the send and then `settled()` sees every callback.
    webhooks.run(() => progress(message));
    res.status(201).json(messageResource(message));
  }

  function fetchMessage(req: Request, res: Response): void {
    const message = messages.find((candidate) => candidate.sid === req.params.sid);
    if (!message) return sendTwilioError(res, 404, 20404, `The requested resource ${req.path} was not found`);
    res.json(messageResource(message));
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/__sandbox',
    controlRoutes(faults, () => messages.map(messageResource)),
  );
  const account = `/${API_VERSION}/Accounts/:accountSid`;
  const vendorFaults = injectFaults(faults, lifetime.signal, (res, status) => {
    const { code, message } = TWILIO_FAULT_ERRORS[status];
    sendTwilioError(res, status, code, message);
  });
  const form = express.urlencoded({ extended: false });
  app.post(`${account}/Messages.json`, vendorFaults, authenticate, form, createMessage);
  app.get(`${account}/Messages/:sid.json`, vendorFaults, authenticate, fetchMessage);
  app.use((req, res) => sendTwilioError(res, 404, 20404, `The requested resource ${req.path} was not found`));

  const server = await listenOnLoopback(app, options.port);
  return {
    url: server.url,
    accountSid,
    authToken,
    faults,
    messages,
    webhooks: webhooks.deliveries,
    failDelivery: (to, failure) => {
      deliveryFailures.set(to, failure);
    },
    sendInboundSms: async (sms) => {
      if (!options.inboundSmsUrl)
        throw new Error('startTwilioSandbox was given no inboundSmsUrl to post inbound SMS to');
      const now = new Date();
      const message: SandboxMessage = {
        sid: newSid('SM'),
        accountSid,
        direction: 'inbound',
        to: sms.to,
        from: sms.from,
        messagingServiceSid: null,
        body: sms.body,
        statusCallback: null,
        status: 'received',
        errorCode: null,
        dateCreated: now,
        dateUpdated: now,
        dateSent: now,
      };
      messages.push(message);
      return sendSigned(options.inboundSmsUrl, inboundSmsParams(message));
    },
    settled: () => webhooks.settled(),
    close: async () => {
      lifetime.abort();
      await server.close();
      await webhooks.settled();
    },
  };
}
