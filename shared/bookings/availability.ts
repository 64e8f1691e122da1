// What can still be booked: the candidate slots of a day (the fixed slots, or a grid of the
// shortest allowed booking from each opening) with the room left and what blocks each one, and
// a month at a glance. Unit-specific rules (quotas, eligibility) are not applied: availability is
// about the amenity; the request itself is checked for the resident (evaluateBooking).

import type { Amenity } from '../domain/bookings';
import { MINUTES_PER_DAY, MS_PER_MINUTE, daysOfMonth, dayOfLocalDate, isLocalDate, isoOfInstant, localDateOfDay, localTimeOfMinute } from '../time/civil';
import { zoneClock } from '../time/zone';
import { indexOf, type BookingSource } from './bookingIndex';
import { SlotChecker, toMs } from './evaluate';
import type { BookingReason } from './reasons';

export interface SlotAvailability {
  /** ISO instants. */
  start: string;
  end: string;
  /** Local "HH:MM" in the building's zone. */
  startTime: string;
  endTime: string;
  /** Capacity still free for one more party over the whole slot (cleaning gaps included). */
  free: number;
  /** Bookable now by a party of one (for a given resident, quotas may still refuse). */
  available: boolean;
  reasons: BookingReason[];
}

export interface DayAvailability {
  date: string;
  /** The rule set in effect that day, or null when none is (the amenity takes no bookings). */
  ruleSetId: string | null;
  capacity: number;
  slots: SlotAvailability[];
}

export interface DaySummary {
  date: string;
  freeSlots: number;
  totalSlots: number;
}

export interface MonthAvailability {
  month: string;
  days: DaySummary[];
}

/** A candidate booking: its instants, or only where it would be when its start does not exist. */
export interface Candidate {
  startMs: number;
  endMs: number;
  exists: boolean;
  /** The local start time as the rules name it ("02:00" even on the day 02:00 does not exist). */
  startTime: string;
}

/**
 * Candidate bookings starting on a day: its fixed slots, or for free durations a grid from each
 * opening, `durationMinutes` long, one every `strideMinutes` (the grid step by default).
 */
export function candidatesForDay(checker: SlotChecker, day: number, durationMinutes?: number, strideMinutes?: number): Candidate[] {
  const rules = checker.calendar.rules(day);
  if (!rules) return [];
  const slotting = rules.slotting;
  if (slotting.kind === 'fixed') {
    return checker.calendar.fixedSlots(day).map((slot) => ({
      startMs: slot.startMs ?? slot.lenientStartMs,
      endMs: slot.endMs,
      exists: slot.startMs !== undefined,
      startTime: localTimeOfMinute(slot.startMinute),
    }));
  }
  const step = slotting.stepMinutes;
  const duration = durationMinutes ?? slotting.minMinutes;
  const stride = strideMinutes ?? Math.ceil(slotting.minMinutes / step) * step;
  const candidates: Candidate[] = [];
  for (const window of checker.calendar.windows(day)) {
    for (let minute = window.openMinute; ; minute += stride) {
      const startMs = checker.calendar.exactInstant(day, minute);
      const lenient = startMs ?? checker.calendar.instant(day, minute);
      if (lenient + duration * MS_PER_MINUTE > window.closeMs) break;
      // A grid time that does not exist that day (spring forward) is simply not on the grid.
      if (startMs !== undefined) candidates.push({ startMs, endMs: startMs + duration * MS_PER_MINUTE, exists: true, startTime: localTimeOfMinute(minute % MINUTES_PER_DAY) });
    }
  }
  return candidates;
}

function slotsOfDay(checker: SlotChecker, day: number, nowMs: number): SlotAvailability[] {
  const capacity = checker.amenity.capacity;
  return candidatesForDay(checker, day).map((candidate) => {
    const start = checker.clock.localOf(candidate.startMs);
    const end = checker.clock.localOf(candidate.endMs);
    const base = {
      start: isoOfInstant(candidate.startMs),
      end: isoOfInstant(candidate.endMs),
      startTime: candidate.startTime,
      endTime: localTimeOfMinute(end.minute === 0 && end.day > start.day ? 1440 : end.minute),
    };
    if (!candidate.exists) {
      const nonexistent: BookingReason = { code: 'bookingNonexistentTime', params: { amenityId: checker.amenity.id, date: localDateOfDay(day), time: base.startTime } };
      return { ...base, free: 0, available: false, reasons: [nonexistent] };
    }
    const { reasons, load } = checker.check(candidate.startMs, candidate.endMs, 1, { requestTime: true, nowMs });
    return { ...base, free: Math.max(0, capacity - load), available: reasons.length === 0, reasons };
  });
}

function checkerFor(amenity: Amenity, timeZone: string, bookings: BookingSource): SlotChecker {
  return new SlotChecker(amenity, zoneClock(timeZone), indexOf(bookings, timeZone));
}

/** The candidate slots of one local date "YYYY-MM-DD", each with its free room and blocking reasons. */
export function availabilityForDay(amenity: Amenity, timeZone: string, bookings: BookingSource, localDate: string, now: string | Date): DayAvailability {
  if (!isLocalDate(localDate)) throw new RangeError(`not a local date: ${localDate}`);
  const checker = checkerFor(amenity, timeZone, bookings);
  const day = dayOfLocalDate(localDate);
  return { date: localDate, ruleSetId: checker.calendar.rules(day)?.id ?? null, capacity: amenity.capacity, slots: slotsOfDay(checker, day, toMs(now)) };
}

/** Per day of a month "YYYY-MM": how many candidate slots there are and how many are bookable. */
export function availabilityForMonth(amenity: Amenity, timeZone: string, bookings: BookingSource, month: string, now: string | Date): MonthAvailability {
  const checker = checkerFor(amenity, timeZone, bookings);
  const nowMs = toMs(now);
  const { first, count } = daysOfMonth(month);
  const days: DaySummary[] = [];
  for (let day = first; day < first + count; day++) {
    const slots = slotsOfDay(checker, day, nowMs);
    days.push({ date: localDateOfDay(day), freeSlots: slots.filter((slot) => slot.available).length, totalSlots: slots.length });
  }
  return { month, days };
}
