// Wall-clock arithmetic in a building's IANA time zone with Intl alone (no DOM, no Node), correct
// across daylight-saving changes.

import { MS_PER_DAY, MS_PER_MINUTE, dayOfLocalDate, isLocalDate, localDateOfDay, localTimeOfMinute, minuteOfLocalTime } from './civil';

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The local wall-clock reading of an instant, written as if it were a UTC timestamp. */
export function wallClockAsUtc(instant: Date, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const field = (name: string) => fields[name] ?? 0;
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

/** Offset of the zone from UTC at that instant, in milliseconds (New York in winter: -5 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return wallClockAsUtc(instant, timeZone) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant local midnight began on the building's calendar day containing `instant`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  const wall = new Date(wallClockAsUtc(instant, timeZone));
  const midnightAsUtc = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // Guess with the current offset, then correct once: the offset at midnight may differ (DST).
  let guess = midnightAsUtc - zoneOffsetMs(instant, timeZone);
  guess = midnightAsUtc - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

// ---------------------------------------------------------------------------------------------
// Local wall-clock time <-> UTC instant, for bookings and the fixture. A local time is a civil day
// number and a minute of that day (shared/time/civil.ts).
//
// Two kinds of local times need a decision (the choices of Temporal's 'compatible' option):
//  - on a spring-forward day some times do not exist (02:30 on 2026-03-08 in New York):
//    `instantOf` answers undefined, so a booking at that time is refused with a clear reason;
//    `instantOfLenient` moves such a time forward by the gap (02:30 -> 03:30), for boundaries
//    such as an opening hour that falls in the gap;
//  - on a fall-back day some times happen twice (01:30 on 2026-11-01 in New York): both take the
//    EARLIER offset, the one in force before the change (01:30 EDT, not 01:30 EST), which is the
//    first time the clock on the wall shows it.
//
// Speed: offsets are read with Intl (a few microseconds per call), so a clock caches the offset
// at each UTC midnight it has needed and assumes no zone changes its offset twice within three
// days (true of every zone of the current IANA database). Days around a change take the exact,
// slower path; every other day costs two cached map lookups.
// ---------------------------------------------------------------------------------------------


export interface LocalMoment {
  /** Civil day number on the building's calendar. */
  day: number;
  /** Minute of that day, 0…1439. */
  minute: number;
}

export interface ZoneClock {
  readonly timeZone: string;
  /** The local day and minute an instant falls on (seconds are dropped). */
  localOf(instantMs: number): LocalMoment;
  /** Instant of a local time; minute may be 0…1440 (1440: 00:00 of the next day). Undefined in a gap. */
  instantOf(day: number, minute: number): number | undefined;
  /** Like instantOf, but a time in a spring-forward gap moves forward by the gap. */
  instantOfLenient(day: number, minute: number): number;
}

/** True when Intl knows the IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function createZoneClock(timeZone: string): ZoneClock {
  // Throws RangeError for an unknown zone, which is the clear error a caller needs.
  wallClockFormat(timeZone);
  const exactOffset = (instantMs: number): number => zoneOffsetMs(new Date(instantMs), timeZone);
  const midnightOffsets = new Map<number, number>();
  const offsetAtUtcMidnight = (utcDay: number): number => {
    let offset = midnightOffsets.get(utcDay);
    if (offset === undefined) {
      offset = exactOffset(utcDay * MS_PER_DAY);
      midnightOffsets.set(utcDay, offset);
    }
    return offset;
  };
  const offsetAt = (instantMs: number): number => {
    const utcDay = Math.floor(instantMs / MS_PER_DAY);
    const before = offsetAtUtcMidnight(utcDay);
    return before === offsetAtUtcMidnight(utcDay + 1) ? before : exactOffset(instantMs);
  };
  // A local day's times lie within [day - 14 h, day + 1 + 12 h] in UTC, so the offsets at the UTC
  // midnights one day before and two days after bracket every instant of it (and of its 24:00).
  const bracket = (day: number): readonly [number, number] => [offsetAtUtcMidnight(day - 1), offsetAtUtcMidnight(day + 2)];

  const instantOf = (day: number, minute: number): number | undefined => {
    const wall = day * MS_PER_DAY + minute * MS_PER_MINUTE;
    const [early, late] = bracket(day);
    if (early === late) return wall - early;
    // A change happens near this day: try the offset before it first (the earlier instant of
    // an ambiguous time), then the one after; a time that neither reproduces is in the gap.
    for (const offset of [early, late]) {
      const candidate = wall - offset;
      if (candidate + exactOffset(candidate) === wall) return candidate;
    }
    return undefined;
  };

  return {
    timeZone,
    localOf(instantMs) {
      const local = instantMs + offsetAt(instantMs);
      const day = Math.floor(local / MS_PER_DAY);
      return { day, minute: Math.floor((local - day * MS_PER_DAY) / MS_PER_MINUTE) };
    },
    instantOf,
    instantOfLenient: (day, minute) => instantOf(day, minute) ?? day * MS_PER_DAY + minute * MS_PER_MINUTE - bracket(day)[0],
  };
}

const clocks = new Map<string, ZoneClock>();

/** A shared clock per zone, so its caches serve every caller (a handful of zones per process). */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

export type LocalToInstant = { ok: true; instant: string } | { ok: false; reason: 'nonexistent' | 'invalid' };

/**
 * The UTC instant (ISO) of a local date and time "HH:MM" (or "24:00") in the zone. A time that does
 * not exist (spring forward) is `nonexistent`; an ambiguous one (fall back) takes the earlier offset.
 */
export function localToInstant(date: string, time: string, timeZone: string): LocalToInstant {
  if (!isLocalDate(date) || !/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(time)) return { ok: false, reason: 'invalid' };
  const instant = zoneClock(timeZone).instantOf(dayOfLocalDate(date), minuteOfLocalTime(time));
  return instant === undefined ? { ok: false, reason: 'nonexistent' } : { ok: true, instant: new Date(instant).toISOString() };
}

/** The local date "YYYY-MM-DD" and time "HH:MM" of an instant in the zone. */
export function instantToLocal(instant: string | number, timeZone: string): { date: string; time: string } {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const { day, minute } = zoneClock(timeZone).localOf(ms);
  return { date: localDateOfDay(day), time: localTimeOfMinute(minute) };
}
