// Local calendar arithmetic in the building's IANA time zone, for the fixture. It places deliveries
// and bookings at plausible local wall-clock times ("10:30 in New York"), so every local time must
// be turned into a UTC instant across daylight-saving changes. A "day" here is a civil day number:
// days since 1970-01-01 on the building's local calendar. The conversions are those of the
// building's clock (shared/time/zone.ts), which the bookings rules use too.

import { MS_PER_DAY, monthOfDay, weekdayOfDay } from '../time/civil';
import { createZoneClock } from '../time/zone';

export { MS_PER_DAY };

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
  const clock = createZoneClock(timeZone);
  return {
    timeZone,
    dayOf: (instantMs) => clock.localOf(instantMs).day,
    instantOf: (day, minuteOfDay) => clock.instantOfLenient(day, minuteOfDay),
    weekday: weekdayOfDay,
    month: (day) => (((monthOfDay(day) % 12) + 12) % 12) + 1,
  };
}
