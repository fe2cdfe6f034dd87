export { FaultInjector, NO_FAULTS, type FaultDecision, type FaultSettings } from './faults/fault-injector';
export { seededRandom } from './faults/seeded-random';
export type { WebhookDelivery } from './http/webhook-sender';
export { createTwilioClient, type SandboxTwilioClientOptions } from './twilio/twilio-client';
export type { DeliveryFailure, SandboxMessage, TwilioMessageStatus } from './twilio/twilio-message';
export {
  startTwilioSandbox,
  type InboundSms,
  type TwilioSandbox,
  type TwilioSandboxOptions,
} from './twilio/twilio-sandbox';
export { createSendGridMail, type SandboxSendGridOptions } from './sendgrid/sendgrid-client';
export type { MailSendBody } from './sendgrid/mail-body';
export type { RecipientOutcome } from './sendgrid/sendgrid-events';
export {
  startSendGridSandbox,
  type SandboxMail,
  type SendGridSandbox,
  type SendGridSandboxOptions,
} from './sendgrid/sendgrid-sandbox';
