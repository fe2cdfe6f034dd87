export type { WebhookVerification } from './webhook-verification';
export { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature, type TwilioWebhookRequest } from './twilio-signature';
export {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGridSignature,
  type SendGridEvent,
  type SendGridWebhookRequest,
} from './sendgrid-signature';
export {
  OUTBOUND_SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhookPayload,
  verifyWebhookSignature,
  type OutboundWebhookRequest,
  type OutboundWebhookVerification,
} from './outbound-signature';
