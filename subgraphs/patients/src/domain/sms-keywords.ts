/**
 * Twilio's standard opt-out, opt-in and help keywords for SMS (its Advanced Opt-Out defaults): the
 * whole message, trimmed and in any case, must be the keyword.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

export type SmsKeyword = 'opt-out' | 'opt-in' | 'help';

export function smsKeywordOf(body: string): SmsKeyword | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  if (HELP.has(word)) return 'help';
  return null;
}
