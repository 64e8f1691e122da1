// An amenity's rules laid on the building's calendar: which rule set (season) governs a day, the
// opening windows of a day as UTC instants, and the candidate start times of a day. Built per
// evaluation or availability query and cached by day number, so a month of slots reads each day's
// rules and converts each opening hour once.

import type { Amenity, AmenityRules } from '../domain/bookings';
import { MINUTES_PER_DAY, localDateOfDay, localTimeOfMinute, minuteOfLocalTime, weekdayOfDay } from '../time/civil';
import type { ZoneClock } from '../time/zone';

/** One opening window of a day, in local minutes of that day (close may pass 1440) and as instants. */
export interface OpenWindow {
  day: number;
  openMinute: number;
  closeMinute: number;
  openMs: number;
  closeMs: number;
}

export interface Interval {
  startMs: number;
  endMs: number;
}

/** A fixed slot on a given day; startMs is undefined when its start does not exist that day (DST). */
export interface DaySlot {
  startMinute: number;
  endMinute: number;
  startMs: number | undefined;
  /** Where the slot would start if its start existed (moved forward by the gap). */
  lenientStartMs: number;
  endMs: number;
}

/**
 * The rule set in effect on a local date. Seasons may overlap (a summer season inside an
 * open-ended default): the most specific wins, i.e. the one that started latest, then the one
 * that ends soonest, then the first listed.
 */
export function ruleSetForDate(amenity: Amenity, date: string): AmenityRules | undefined {
  let best: AmenityRules | undefined;
  for (const rules of amenity.rules) {
    if ((rules.effectiveFrom !== null && rules.effectiveFrom > date) || (rules.effectiveUntil !== null && rules.effectiveUntil < date)) continue;
    if (!best || moreSpecific(rules, best)) best = rules;
  }
  return best;
}

function moreSpecific(candidate: AmenityRules, current: AmenityRules): boolean {
  const from = (rules: AmenityRules) => rules.effectiveFrom ?? '';
  const until = (rules: AmenityRules) => rules.effectiveUntil ?? '\uffff';
  if (from(candidate) !== from(current)) return from(candidate) > from(current);
  return until(candidate) < until(current);
}

/** A window's close in minutes of its own day: at or before the opening means the next day. */
export function closeMinuteOf(open: number, close: number): number {
  return close <= open ? close + MINUTES_PER_DAY : close;
}

/** "18:00–23:00, 20:00–02:00" */
export function formatWindows(windows: readonly { openMinute: number; closeMinute: number }[]): string {
  const wallClock = (minute: number) => localTimeOfMinute(minute > MINUTES_PER_DAY ? minute - MINUTES_PER_DAY : minute);
  return windows.map((window) => `${wallClock(window.openMinute)}–${wallClock(window.closeMinute)}`).join(', ');
}

export class AmenityCalendar {
  private readonly rulesByDay = new Map<number, AmenityRules | null>();
  private readonly windowsByDay = new Map<number, readonly OpenWindow[]>();
  private readonly slotsByDay = new Map<number, readonly DaySlot[]>();
  private readonly intervals = new Map<number, readonly Interval[]>();

  constructor(
    readonly amenity: Amenity,
    readonly clock: ZoneClock,
  ) {}

  rules(day: number): AmenityRules | undefined {
    let rules = this.rulesByDay.get(day);
    if (rules === undefined) {
      rules = ruleSetForDate(this.amenity, localDateOfDay(day)) ?? null;
      this.rulesByDay.set(day, rules);
    }
    return rules ?? undefined;
  }

  /** The windows that open on this day (a window that opens the day before is that day's). */
  windows(day: number): readonly OpenWindow[] {
    let windows = this.windowsByDay.get(day);
    if (!windows) {
      const rules = this.rules(day);
      windows = (rules?.openingHours[weekdayOfDay(day)] ?? [])
        .map((window) => {
          const openMinute = minuteOfLocalTime(window.open);
          const closeMinute = closeMinuteOf(openMinute, minuteOfLocalTime(window.close));
          return { day, openMinute, closeMinute, openMs: this.instant(day, openMinute), closeMs: this.instant(day, closeMinute) };
        })
        .sort((a, b) => a.openMs - b.openMs);
      this.windowsByDay.set(day, windows);
    }
    return windows;
  }

  /**
   * Open time from the windows of days first-1 … last, as instants, touching windows merged: a
   * lounge open 20:00–24:00 and 00:00–02:00 is open 20:00–02:00, a whole-day amenity for days.
   */
  openIntervals(firstDay: number, lastDay: number): readonly Interval[] {
    // Bookings span at most a week (maxMinutes), so the pair fits one number.
    const key = firstDay * 64 + (lastDay - firstDay);
    let merged = this.intervals.get(key);
    if (!merged) {
      merged = this.mergeWindows(firstDay, lastDay);
      this.intervals.set(key, merged);
    }
    return merged;
  }

  private mergeWindows(firstDay: number, lastDay: number): Interval[] {
    const raw: OpenWindow[] = [];
    for (let day = firstDay - 1; day <= lastDay; day++) raw.push(...this.windows(day));
    raw.sort((a, b) => a.openMs - b.openMs);
    const merged: Interval[] = [];
    for (const window of raw) {
      const last = merged[merged.length - 1];
      if (last && window.openMs <= last.endMs) last.endMs = Math.max(last.endMs, window.closeMs);
      else merged.push({ startMs: window.openMs, endMs: window.closeMs });
    }
    return merged;
  }

  /** The raw window (of this day or the day before) in which an instant falls, for the start grid. */
  windowContaining(day: number, instantMs: number): OpenWindow | undefined {
    const contains = (window: OpenWindow) => window.openMs <= instantMs && instantMs < window.closeMs;
    return this.windows(day - 1).find(contains) ?? this.windows(day).find(contains);
  }

  /** The fixed slots of a day under its rule set (none for free-duration amenities). */
  fixedSlots(day: number): readonly DaySlot[] {
    let slots = this.slotsByDay.get(day);
    if (!slots) {
      const slotting = this.rules(day)?.slotting;
      slots =
        slotting?.kind !== 'fixed'
          ? []
          : slotting.slots.map((slot) => {
              const startMinute = minuteOfLocalTime(slot.start);
              const endMinute = closeMinuteOf(startMinute, minuteOfLocalTime(slot.end));
              return {
                startMinute,
                endMinute,
                startMs: this.exactInstant(day, startMinute),
                lenientStartMs: this.instant(day, startMinute),
                endMs: this.instant(day, endMinute),
              };
            });
      this.slotsByDay.set(day, slots);
    }
    return slots;
  }

  /** Instant of a local minute counted from a day's midnight (may run into the next days). */
  instant(day: number, minute: number): number {
    const { day: targetDay, minute: targetMinute } = normalize(day, minute);
    return this.clock.instantOfLenient(targetDay, targetMinute);
  }

  exactInstant(day: number, minute: number): number | undefined {
    const { day: targetDay, minute: targetMinute } = normalize(day, minute);
    return this.clock.instantOf(targetDay, targetMinute);
  }
}

function normalize(day: number, minute: number): { day: number; minute: number } {
  // 1440 stays on its own day (24:00), which instantOf accepts; beyond it moves to the next day.
  if (minute <= MINUTES_PER_DAY) return { day, minute };
  const extraDays = Math.floor(minute / MINUTES_PER_DAY);
  return { day: day + extraDays, minute: minute - extraDays * MINUTES_PER_DAY };
}
