import { Client } from '@sendgrid/client';
import sendGridMail, { type MailService } from '@sendgrid/mail';

export interface SandboxSendGridOptions {
  apiKey: string;
  /** Where SendGrid's v3 API is served instead: a SendGrid sandbox's `url`. */
  baseUrl: string;
  /** The SDK's own request timeout; keep it above the resilience policy's, which should decide first. */
  timeoutMs?: number;
}

// @sendgrid/mail exports a ready-made singleton, and its typings name a MailService class that its
// code does not export. A service of the singleton's own class keeps each sandbox's client apart
// from the singleton, which production code may configure for the real SendGrid.
const MailServiceClass = sendGridMail.constructor as new () => MailService;

/** The real `@sendgrid/mail` service, on a `@sendgrid/client` Client whose base URL is the sandbox's. */
export function createSendGridMail(options: SandboxSendGridOptions): MailService {
  const client = new Client();
  client.setApiKey(options.apiKey);
  // After setApiKey, which resets the base URL to the region's SendGrid host.
  client.setDefaultRequest('baseUrl', options.baseUrl);
  const mail = new MailServiceClass();
  mail.setClient(client);
  if (options.timeoutMs !== undefined) mail.setTimeout(options.timeoutMs);
  return mail;
}
