import { describe, expect, it } from 'vitest';
import { dayOfLocalDate, daysOfMonth, isLocalDate, isoOfInstant, localDateOfDay, localTimeOfMinute, minuteOfLocalTime, monthOfDay, weekOfDay, weekdayOfDay } from './civil';

describe('civil calendar arithmetic', () => {
  it('round-trips dates, knows weekdays, Monday-start weeks, months and the leap day', () => {
    const leapDay = dayOfLocalDate('2028-02-29');
    expect(localDateOfDay(leapDay)).toBe('2028-02-29');
    expect(localDateOfDay(leapDay + 1)).toBe('2028-03-01');
    expect(weekdayOfDay(leapDay)).toBe(2); // a Tuesday
    expect(weekOfDay(dayOfLocalDate('2026-03-08'))).toBe(weekOfDay(dayOfLocalDate('2026-03-02'))); // Sunday with its Monday
    expect(weekOfDay(dayOfLocalDate('2026-03-09'))).toBe(weekOfDay(dayOfLocalDate('2026-03-08')) + 1);
    expect(monthOfDay(leapDay)).toBe(monthOfDay(dayOfLocalDate('2028-02-01')));
    expect(daysOfMonth('2028-02')).toEqual({ first: dayOfLocalDate('2028-02-01'), count: 29 });
    expect(daysOfMonth('2026-02').count).toBe(28);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(() => daysOfMonth('2026-13')).toThrow(RangeError);
  });

  it('reads and writes local times, 24:00 included', () => {
    expect(minuteOfLocalTime('24:00')).toBe(1440);
    expect(localTimeOfMinute(1440)).toBe('24:00');
    expect(localTimeOfMinute(125)).toBe('02:05');
  });

  it('formats instants exactly like Date#toISOString', () => {
    for (const ms of [0, 1, 999, 86_399_999, Date.parse('2028-02-29T23:59:59.123Z'), Date.parse('2026-03-08T07:00:00Z'), -1, 1.5]) {
      expect(isoOfInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
