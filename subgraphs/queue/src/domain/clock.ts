/**
 * Where the queue reads the time. Every timestamp a change writes (arrival, call, start, completion)
 * and every window an estimate looks back over comes from here, so a test or the estimate benchmark
 * can replay a clinic day on its own clock against the real service and database.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The calendar day (YYYY-MM-DD) an instant falls on in an IANA time zone: a queue day runs in the facility's zone. */
export function serviceDayOf(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
