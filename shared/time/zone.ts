// Wall-clock arithmetic in a building's IANA time zone with Intl alone (no DOM, no Node), correct
// across daylight-saving changes.

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
