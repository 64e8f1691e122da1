import { describe, expect, it } from 'vitest';
import { createZoneCalendar, MS_PER_DAY } from './zone';

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY;

describe('zone calendar', () => {
  const newYork = createZoneCalendar('America/New_York');

  it('turns local wall-clock times into UTC instants on both sides of daylight-saving changes', () => {
    // 2025-03-09: clocks spring forward in New York (UTC-5 -> UTC-4).
    expect(new Date(newYork.instantOf(dayNumber('2025-03-08'), 10 * 60)).toISOString()).toBe('2025-03-08T15:00:00.000Z');
    expect(new Date(newYork.instantOf(dayNumber('2025-03-09'), 10 * 60)).toISOString()).toBe('2025-03-09T14:00:00.000Z');
    // 2025-11-02: clocks fall back (UTC-4 -> UTC-5).
    expect(new Date(newYork.instantOf(dayNumber('2025-11-01'), 18 * 60 + 30)).toISOString()).toBe('2025-11-01T22:30:00.000Z');
    expect(new Date(newYork.instantOf(dayNumber('2025-11-02'), 18 * 60 + 30)).toISOString()).toBe('2025-11-02T23:30:00.000Z');
  });

  it('finds the local day of an instant, which differs from the UTC day late in the evening', () => {
    expect(newYork.dayOf(Date.parse('2025-06-02T02:00:00Z'))).toBe(dayNumber('2025-06-01'));
    expect(createZoneCalendar('Asia/Tokyo').dayOf(Date.parse('2025-06-01T20:00:00Z'))).toBe(dayNumber('2025-06-02'));
  });

  it('knows weekdays and months of local days', () => {
    expect(newYork.weekday(dayNumber('2025-06-01'))).toBe(0); // a Sunday
    expect(newYork.weekday(dayNumber('1969-12-31'))).toBe(3); // before the epoch too
    expect(newYork.month(dayNumber('2025-12-31'))).toBe(12);
  });

  it('rejects an unknown time zone', () => {
    expect(() => createZoneCalendar('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
