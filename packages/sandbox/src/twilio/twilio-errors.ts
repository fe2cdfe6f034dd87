import type { Response } from 'express';

/** Twilio's REST error body: its own numeric code, a message, a link, the HTTP status. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function sendTwilioError(res: Response, status: number, code: number, message: string): void {
  const body: TwilioErrorBody = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  res.status(status).json(body);
}

/** What Twilio answers when it is overloaded or failing: the statuses the fault settings produce. */
export const TWILIO_FAULT_ERRORS: Record<429 | 500 | 503, { code: number; message: string }> = {
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'An internal server error has occurred' },
  503: { code: 20503, message: 'Service is unavailable. Please try again' },
};
