// Civil calendar arithmetic, no time zone involved: a "day" is a day number (days since
// 1970-01-01 on a local calendar), a "minute" a minute of a local day. Building-zone conversions
// (shared/time/zone.ts) and the bookings rules (shared/bookings) count in these units, because
// quotas, seasons and opening hours are about the building's calendar, not about UTC.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/** Day number of a local date "YYYY-MM-DD" (the caller has validated the format). */
export function dayOfLocalDate(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`not a local date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

// Formatting dates is the hot path of availability (thousands of slots per month view), and
// Date#toISOString costs about a microsecond: dates are cached per day number (bounded).
const dateStrings = new Map<number, string>();

/** "YYYY-MM-DD" of a day number. */
export function localDateOfDay(day: number): string {
  let date = dateStrings.get(day);
  if (date === undefined) {
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dateStrings.size > 50_000) dateStrings.clear();
    dateStrings.set(day, date);
  }
  return date;
}

const THREE_DIGITS = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));

/** The ISO form of a UTC instant ("2026-03-08T07:00:00.000Z"), identical to Date#toISOString. */
export function isoOfInstant(instantMs: number): string {
  if (!Number.isInteger(instantMs) || instantMs < 0 || instantMs >= 253402300800000) return new Date(instantMs).toISOString();
  const day = Math.floor(instantMs / MS_PER_DAY);
  const msOfDay = instantMs - day * MS_PER_DAY;
  const seconds = Math.floor(msOfDay / 1000);
  return `${localDateOfDay(day)}T${TWO_DIGITS[Math.floor(seconds / 3600)] ?? '00'}:${TWO_DIGITS[Math.floor(seconds / 60) % 60] ?? '00'}:${TWO_DIGITS[seconds % 60] ?? '00'}.${THREE_DIGITS[msOfDay % 1000] ?? '000'}Z`;
}

/** True when "YYYY-MM-DD" names a real calendar day (no 2026-02-30). */
export function isLocalDate(date: string): boolean {
  const match = LOCAL_DATE.exec(date);
  return match !== null && localDateOfDay(dayOfLocalDate(date)) === date;
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Number of the Monday-start week containing the day (weeks of the building's calendar). */
export function weekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** Months since 1970-01 of the day's calendar month. */
export function monthOfDay(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

/** First day number of a month "YYYY-MM", and the number of days in it. */
export function daysOfMonth(month: string): { first: number; count: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const monthIndex = match ? Number(match[2]) - 1 : -1;
  if (!match || monthIndex < 0 || monthIndex > 11) throw new RangeError(`not a month: ${month}`);
  const year = Number(match[1]);
  const first = Date.UTC(year, monthIndex, 1) / MS_PER_DAY;
  const next = Date.UTC(year, monthIndex + 1, 1) / MS_PER_DAY;
  return { first, count: next - first };
}

/** Minute of the day of "HH:MM" ("24:00" is 1440, the end of the day). */
export function minuteOfLocalTime(time: string): number {
  const match = LOCAL_TIME.exec(time);
  if (!match) throw new RangeError(`not a local time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "HH:MM" of a minute of the day; 1440 is "24:00". */
export function localTimeOfMinute(minute: number): string {
  const hours = Math.floor(minute / 60);
  return `${hours < 10 ? '0' : ''}${hours}:${TWO_DIGITS[minute % 60] ?? '00'}`;
}
