import { isTimeZone, quietHoursEnd } from './quiet-hours';

describe('quietHoursEnd', () => {
  const overnight = { start: '21:00', end: '08:00', timeZone: 'America/New_York' };

  it('holds a message asked for at night until the end of quiet hours, local time', () => {
    // 02:30 UTC is 21:30 in New York (EST, UTC-5): quiet until 08:00 local, 13:00 UTC.
    expect(quietHoursEnd(new Date('2026-12-03T02:30:00Z'), overnight)).toEqual(new Date('2026-12-03T13:00:00Z'));
    // 12:59 UTC is 07:59 local: still quiet, for one more minute.
    expect(quietHoursEnd(new Date('2026-12-03T12:59:00Z'), overnight)).toEqual(new Date('2026-12-03T13:00:00Z'));
  });

  it('lets a message go at once outside quiet hours, or when none are set', () => {
    expect(quietHoursEnd(new Date('2026-12-03T13:00:00Z'), overnight)).toBeNull();
    expect(quietHoursEnd(new Date('2026-12-03T01:59:00Z'), overnight)).toBeNull();
    expect(quietHoursEnd(new Date('2026-12-03T02:30:00Z'), { start: null, end: null, timeZone: 'UTC' })).toBeNull();
  });

  it('handles a window within one day, and summer time', () => {
    const lunch = { start: '12:00', end: '13:30', timeZone: 'Europe/Paris' };
    // July: Paris is UTC+2, so 10:15 UTC is 12:15 local.
    expect(quietHoursEnd(new Date('2026-07-01T10:15:00Z'), lunch)).toEqual(new Date('2026-07-01T11:30:00Z'));
    expect(quietHoursEnd(new Date('2026-07-01T11:30:00Z'), lunch)).toBeNull();
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
