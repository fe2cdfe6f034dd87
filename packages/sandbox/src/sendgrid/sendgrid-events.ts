import { randomBytes } from 'node:crypto';
import type { MailSendBody } from './mail-body';

/** How the sandbox ends a mail to one address. */
export type RecipientOutcome = 'delivered' | 'bounce' | 'dropped';

/** One Event Webhook event; the mail's custom args appear as fields of their own, as SendGrid sends them. */
export type SendGridEventRecord = Record<string, string | number | string[]>;

export interface Recipient {
  email: string;
  sgMessageId: string;
  customArgs: Record<string, string>;
}

/** SendGrid ids are 22 url-safe characters. */
export const newSendGridId = () => randomBytes(16).toString('base64url');

/** Every address a mail goes to, each with its own message id (SendGrid's is the X-Message-Id plus a suffix). */
export function recipientsOf(body: MailSendBody, messageId: string): Recipient[] {
  return body.personalizations.flatMap((personalization, index) =>
    [...personalization.to, ...(personalization.cc ?? []), ...(personalization.bcc ?? [])].map((address, position) => ({
      email: address.email,
      sgMessageId: `${messageId}.sandbox-${index}-${position}`,
      customArgs: { ...body.custom_args, ...personalization.custom_args },
    })),
  );
}

const OUTCOME_FIELDS: Record<RecipientOutcome, Record<string, string>> = {
  delivered: { response: '250 OK' },
  bounce: {
    reason: '550 5.1.1 The email account that you tried to reach does not exist.',
    status: '5.1.1',
    type: 'bounce',
    bounce_classification: 'Invalid Address',
  },
  dropped: { reason: 'Bounced Address' },
};

export function sendGridEvent(
  recipient: Recipient,
  messageId: string,
  event: 'processed' | RecipientOutcome,
  categories: string[] | undefined,
): SendGridEventRecord {
  return {
    ...recipient.customArgs,
    email: recipient.email,
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': `<${messageId}@sandbox.sendgrid>`,
    event,
    sg_event_id: newSendGridId(),
    sg_message_id: recipient.sgMessageId,
    ...(categories ? { category: categories } : {}),
    ...(event === 'processed' ? {} : OUTCOME_FIELDS[event]),
  };
}
