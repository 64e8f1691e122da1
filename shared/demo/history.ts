// Shared by everything that generates history: when things plausibly happen. Deliveries and
// messages follow the week (quiet Sundays), the season (December peaks) and a gentle growth trend,
// so charts and "busiest day" reports built on the fixture have a shape to show.

import type { DutyRoster } from './roster';
import { concatFlat } from './ids';
import { weightedPicker, type Random } from './random';
import type { ZoneCalendar } from './zone';

export interface HistoryContext {
  readonly calendar: ZoneCalendar;
  readonly nowMs: number;
  /** The local civil day that contains `now`. */
  readonly today: number;
  readonly historyDays: number;
  readonly roster: DutyRoster;
  readonly deskIds: readonly string[];
}

const WEEKDAY_FACTOR = [0.45, 1.1, 1.15, 1.1, 1.05, 1.0, 0.7]; // Sunday first
const MONTH_FACTOR = [0.85, 0.9, 1, 1, 1, 1, 0.95, 0.95, 1, 1.05, 1.25, 1.5]; // January first
const MAX_DAY_WEIGHT = 1.15 * 1.5 * 1.25;

// Weights are memoized per context and day: rejection sampling asks for the same ~1,100 days
// a couple of hundred thousand times.
const dayWeights = new WeakMap<HistoryContext, Map<number, number>>();

function dayWeight(context: HistoryContext, day: number): number {
  let weights = dayWeights.get(context);
  if (!weights) dayWeights.set(context, (weights = new Map()));
  let weight = weights.get(day);
  if (weight === undefined) {
    const age = context.today - day;
    const trend = 0.75 + 0.5 * (1 - age / context.historyDays);
    weight = (WEEKDAY_FACTOR[context.calendar.weekday(day)] ?? 1) * (MONTH_FACTOR[context.calendar.month(day) - 1] ?? 1) * trend;
    weights.set(day, weight);
  }
  return weight;
}

/** A past local day, at least `minAgeDays` and less than `maxAgeDays` before today, shaped by week, season and trend. */
export function sampleHistoryDay(random: Random, context: HistoryContext, minAgeDays = 0, maxAgeDays = context.historyDays): number {
  for (;;) {
    const day = context.today - random.int(minAgeDays, Math.max(minAgeDays, maxAgeDays - 1));
    if (random.next() * MAX_DAY_WEIGHT < dayWeight(context, day)) return day;
  }
}

// Couriers come through the working day, peaking late morning and mid-afternoon.
const DELIVERY_HOURS: readonly (readonly [number, number])[] = [
  [8, 3], [9, 6], [10, 10], [11, 12], [12, 10], [13, 9], [14, 11], [15, 11], [16, 9], [17, 7], [18, 5], [19, 4], [20, 2],
];

const deliveryHour = weightedPicker(DELIVERY_HOURS);

export function sampleDeliveryMinute(random: Random): number {
  return deliveryHour.pick(random) * 60 + random.int(0, 59);
}

/** Desk hours for pick-ups, releases and replies: 07:00 to 22:59 local. */
export const DESK_OPENS_MINUTE = 7 * 60;
export const DESK_CLOSES_MINUTE = 23 * 60 - 1;

// Date#toISOString costs ~2 µs on the benchmark VM, and the large fixture formats ~300,000
// instants. History spans only ~1,500 distinct days, so the date part is cached per UTC day and
// the time part comes from lookup tables; the output is identical to toISOString, and flat
// (see concatFlat), which matters for the fixture's memory.
const datePrefixes = new Map<number, string>();
const MS_PER_DAY = 86_400_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));

export function isoAt(instantMs: number): string {
  if (!Number.isInteger(instantMs)) return new Date(instantMs).toISOString();
  const day = Math.floor(instantMs / MS_PER_DAY);
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * MS_PER_DAY).toISOString().slice(0, 11);
    if (datePrefixes.size > 100_000) datePrefixes.clear(); // bounded, whatever the caller does
    datePrefixes.set(day, prefix);
  }
  const msOfDay = instantMs - day * MS_PER_DAY;
  return concatFlat(
    prefix,
    TWO_DIGITS[Math.floor(msOfDay / 3_600_000)] ?? '',
    ':',
    TWO_DIGITS[Math.floor(msOfDay / 60_000) % 60] ?? '',
    ':',
    TWO_DIGITS[Math.floor(msOfDay / 1000) % 60] ?? '',
    '.',
    THREE_DIGITS[msOfDay % 1000] ?? '',
    'Z',
  );
}
