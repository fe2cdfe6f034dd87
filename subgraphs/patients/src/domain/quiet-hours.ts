const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string) => {
  const [, hours, minutes] = HH_MM.exec(hhmm) ?? [];
  return Number(hours) * 60 + Number(minutes);
};

/** Minutes since local midnight in `timeZone`, at `at`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

export interface QuietHours {
  start: string | null;
  end: string | null;
  timeZone: string;
}

/**
 * When a message asked for at `now` may go out: `now` outside quiet hours, or the end of the quiet
 * hours it falls in (local time in the patient's zone; a window such as 21:00-08:00 spans midnight).
 * Returns null when it may go at once.
 */
export function quietHoursEnd(now: Date, quiet: QuietHours): Date | null {
  if (!quiet.start || !quiet.end || quiet.start === quiet.end) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = localMinutes(now, quiet.timeZone);
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return null;
  const minutesLeft = (end - local + 1440) % 1440;
  const resume = new Date(now.getTime() + minutesLeft * 60_000);
  resume.setUTCSeconds(0, 0);
  return resume;
}
