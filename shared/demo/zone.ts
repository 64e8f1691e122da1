// Local calendar arithmetic in the building's IANA time zone, using only Intl (no DOM, no Node).
// The fixture places deliveries and bookings at plausible local wall-clock times ("10:30 in New
// York"), so every local time must be turned into a UTC instant across daylight-saving changes.
// A "day" here is a civil day number: days since 1970-01-01 on the building's local calendar.

import { wallClockAsUtc } from '../time/zone';

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export interface ZoneCalendar {
  readonly timeZone: string;
  /** The local civil day that contains this instant. */
  dayOf(instantMs: number): number;
  /** The UTC instant of a local wall-clock time. Times inside a spring-forward gap shift by the gap. */
  instantOf(day: number, minuteOfDay: number): number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday(day: number): number;
  /** 1 … 12 */
  month(day: number): number;
}

export function createZoneCalendar(timeZone: string): ZoneCalendar {
  // Throws RangeError for an unknown zone, which is the clear error a caller needs.
  new Intl.DateTimeFormat('en-US', { timeZone });

  /** Local wall-clock time of an instant, expressed as if it were UTC milliseconds. */
  const wallClockMs = (instantMs: number): number => wallClockAsUtc(new Date(instantMs), timeZone);

  const offsetAt = (instantMs: number): number => {
    const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
    return wallClockMs(wholeSeconds) - wholeSeconds;
  };

  // Offsets change at most a couple of times a year, and deliveries only happen in daytime, so
  // one offset per local day (taken at local noon) is exact for every time the fixture uses and
  // keeps 100,000 conversions from calling Intl 100,000 times.
  const offsetByDay = new Map<number, number>();
  const dayOffset = (day: number): number => {
    let offset = offsetByDay.get(day);
    if (offset === undefined) {
      const localNoon = day * MS_PER_DAY + 12 * 60 * MS_PER_MINUTE;
      offset = offsetAt(localNoon - offsetAt(localNoon));
      offsetByDay.set(day, offset);
    }
    return offset;
  };

  return {
    timeZone,
    dayOf: (instantMs) => Math.floor(wallClockMs(instantMs) / MS_PER_DAY),
    instantOf: (day, minuteOfDay) => day * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE - dayOffset(day),
    weekday: (day) => (((day + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    month: (day) => new Date(day * MS_PER_DAY).getUTCMonth() + 1,
  };
}
