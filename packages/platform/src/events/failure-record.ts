/**
 * What a consumer writes as a failed job's output (pg-boss keeps it on the retry, and copies it to
 * the dead letter): the error's message, never its stack, and the attempts so far.
 */
export interface FailureRecord {
  message: string;
  /** Attempts of this delivery so far, the failed one included. */
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
  /** The failed job's id in the consumer's queue. */
  deliveryId: string;
}

const MAX_MESSAGE = 500;

/**
 * Error messages are kept for staff to read and end up in logs, and a handler's error may quote its
 * payload: e-mail addresses and phone-like numbers are masked, and the message is cut to 500 characters.
 * (Handlers should not put patient data in errors at all; this is the net under that rule.)
 */
export function scrubMessage(message: string): string {
  const scrubbed = message
    .replace(/[^\s@"'<>()[\]]+@[^\s@"'<>()[\]]+\.[^\s@"'<>()[\]]+/g, '[email]')
    .replace(/(?<![\w-])\+?\d[\d ().-]{5,}\d(?![\w-])/g, '[number]');
  return scrubbed.length > MAX_MESSAGE ? `${scrubbed.slice(0, MAX_MESSAGE - 1)}…` : scrubbed;
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object';

/** The consumer's own record, when the output is one. */
export function readFailure(output: unknown): FailureRecord | null {
  if (!isRecord(output)) return null;
  const { message, attempts, firstAttemptAt, lastAttemptAt, deliveryId } = output;
  if (
    typeof message === 'string' &&
    typeof attempts === 'number' &&
    typeof firstAttemptAt === 'string' &&
    typeof lastAttemptAt === 'string' &&
    typeof deliveryId === 'string'
  ) {
    return { message, attempts, firstAttemptAt, lastAttemptAt, deliveryId };
  }
  return null;
}

/**
 * The message of any failed job's output: the consumer's record, or what pg-boss writes itself when
 * a job expires (`{ value: { message } }`) or its worker shuts down (`{ value: "..." }`).
 */
export function failureMessage(output: unknown): string {
  const record = readFailure(output);
  if (record) return record.message;
  if (isRecord(output)) {
    if (typeof output.message === 'string') return scrubMessage(output.message);
    const { value } = output;
    if (typeof value === 'string') return scrubMessage(value);
    if (isRecord(value) && typeof value.message === 'string') return scrubMessage(value.message);
  }
  return 'No error was recorded';
}
