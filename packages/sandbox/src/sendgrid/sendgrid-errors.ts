import type { Response } from 'express';

/** One entry of SendGrid's v3 error body. */
export interface SendGridErrorItem {
  message: string;
  field: string | null;
  help: string | null;
}

const MAIL_ERRORS_HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';

export const mailError = (message: string, field: string, anchor: string): SendGridErrorItem => ({
  message,
  field,
  help: `${MAIL_ERRORS_HELP}#message.${anchor}`,
});

export function sendSendGridErrors(res: Response, status: number, errors: SendGridErrorItem[]): void {
  res.status(status).json({ errors });
}

/** What SendGrid answers when it is overloaded or failing: the statuses the fault settings produce. */
export const SENDGRID_FAULT_MESSAGES: Record<429 | 500 | 503, string> = {
  429: 'too many requests',
  500: 'internal server error',
  503: 'service unavailable',
};
