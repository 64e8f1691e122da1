// The rules engine: may this booking be made? Pure: the amenity, the building's zone, the other
// bookings and the clock in; every reason against it out (not just the first), each with what a
// sentence needs. The desk runs it while staff fill in the form, the mutators run it on the desk
// and again on the server, so both always agree.
//
// Decisions worth knowing:
//  - durations are real elapsed minutes (the instants), start grids are local wall-clock minutes
//    (18:00, 18:15…); on a daylight-saving day a booking 01:00–04:00 lasts two or four hours;
//  - cleaning buffers: "kept free before and after each booking" means two bookings need a gap of
//    max(before, after) between them. Each booking therefore occupies [start, end + gap) and the
//    amenity's capacity bounds the party sizes occupying any instant; with no gap that is plain
//    overlap. The gap of the rule set in effect for the request is used;
//  - quotas and "once every N days" count the unit's holding bookings of this amenity (from every
//    desk), by the local date of their start, weeks starting on Monday.

import type { Amenity, AmenityRules, Booking, QUOTA_PERIODS } from '../domain/bookings';
import type { Resident } from '../domain/model';
import { MINUTES_PER_DAY, MS_PER_MINUTE, dayOfLocalDate, isLocalDate, isoOfInstant, localDateOfDay, localTimeOfMinute, minuteOfLocalTime, monthOfDay, weekOfDay } from '../time/civil';
import { zoneClock, type LocalMoment, type ZoneClock } from '../time/zone';
import { indexOf, type BookingIndex, type BookingSource, type IndexedBooking } from './bookingIndex';
import { AmenityCalendar, formatWindows } from './calendar';
import { TAKEN_BY_OTHERS, type BookingReason, type BookingReasonCode, type BookingReasonParams } from './reasons';

/** Start and end: ISO instants, or local wall-clock times "YYYY-MM-DDTHH:MM" in the building's zone. */
export interface BookingRequest {
  start: string;
  end: string;
  partySize: number;
}

export interface EvaluateBookingInput {
  amenity: Amenity;
  timeZone: string;
  bookings: BookingSource;
  request: BookingRequest;
  now: string | Date;
  resident: Pick<Resident, 'unitId' | 'occupancy'>;
  /** The unit's label, for the reasons' sentences ("12B already has one on March 3"). */
  unitLabel: string;
  /** An existing booking being re-checked (approval, waitlist, rule change) is not its own competitor. */
  ignoreBookingId?: string;
}

export interface BookingEvaluation {
  allowed: boolean;
  reasons: BookingReason[];
  /** Refused only because other bookings take the room: waiting on the waitlist may help. */
  capacityOnly: boolean;
  /** The rule set in effect on the start's local date (fees, approval, cutoff), if any. */
  ruleSet: AmenityRules | null;
  /** The requested times as ISO instants, when they exist. */
  start: string | null;
  end: string | null;
}

/** Who books: quotas, "once every N days" and eligibility apply only when known. */
export interface BookingParty {
  unitId: string;
  unitLabel: string;
  /** Null: unknown, eligibility is not checked. */
  occupancy: Resident['occupancy'] | null;
}

export interface CheckOptions {
  party?: BookingParty;
  ignoreBookingId?: string;
  /** Check the rules about when a request is made (past, notice, days ahead) against nowMs. */
  requestTime: boolean;
  nowMs: number;
}

export interface CheckResult {
  reasons: BookingReason[];
  ruleSet: AmenityRules | undefined;
  /** The most capacity other bookings take at once around the request (buffers included). */
  load: number;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T((?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export type ResolvedTime = { ok: true; ms: number } | { ok: false; date: string; time: string };

/** An ISO instant as is, or a local "YYYY-MM-DDTHH:MM" through the building's clock. */
export function resolveBookingTime(value: string, clock: ZoneClock): ResolvedTime {
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [, date = '', time = ''] = local;
    if (!isLocalDate(date)) throw new RangeError(`not a booking time: ${value}`);
    const ms = clock.instantOf(dayOfLocalDate(date), minuteOfLocalTime(time));
    return ms === undefined ? { ok: false, date, time } : { ok: true, ms };
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || !/Z$/.test(value)) throw new RangeError(`not a booking time: ${value}`);
  return { ok: true, ms };
}

/** Checks candidate bookings of one amenity; built once per query, reused for every slot. */
export class SlotChecker {
  readonly calendar: AmenityCalendar;
  private readonly blackouts: readonly { startMs: number; endMs: number; blackout: Amenity['blackouts'][number] }[];
  private todayFor = { nowMs: Number.NaN, day: 0 };

  constructor(
    readonly amenity: Amenity,
    readonly clock: ZoneClock,
    readonly index: BookingIndex,
  ) {
    this.calendar = new AmenityCalendar(amenity, clock);
    this.blackouts = amenity.blackouts.map((blackout) => ({ startMs: Date.parse(blackout.start), endMs: Date.parse(blackout.end), blackout }));
  }

  /** The local day of `now`, remembered: a month of slots asks it thousands of times. */
  private today(nowMs: number): number {
    if (this.todayFor.nowMs !== nowMs) this.todayFor = { nowMs, day: this.clock.localOf(nowMs).day };
    return this.todayFor.day;
  }

  check(startMs: number, endMs: number, partySize: number, options: CheckOptions): CheckResult {
    // Runs for every slot of a month view: plain loops, and no closures on the common path.
    const { amenity, clock, calendar } = this;
    const reasons = new ReasonList(amenity.id);
    const start = clock.localOf(startMs);

    if (!amenity.active) reasons.add('bookingAmenityInactive');
    if (endMs <= startMs) {
      reasons.add('bookingEndsBeforeStart');
      return { reasons: reasons.items, ruleSet: calendar.rules(start.day), load: 0 };
    }
    const rules = calendar.rules(start.day);
    if (!rules) {
      reasons.add('bookingNoRules', { date: localDateOfDay(start.day) });
      return { reasons: reasons.items, ruleSet: undefined, load: 0 };
    }
    if (options.requestTime) this.checkRequestTime(reasons, rules, startMs, start.day, options.nowMs);
    const party = options.party;
    if (party?.occupancy && rules.eligibility !== 'both' && party.occupancy !== rules.eligibility) {
      reasons.add('bookingNotEligible', { eligibility: rules.eligibility, occupancy: party.occupancy });
    }
    this.checkHours(reasons, start, startMs, endMs);
    this.checkSlotting(reasons, rules, start, startMs, endMs);
    for (const { startMs: fromMs, endMs: untilMs, blackout } of this.blackouts) {
      if (fromMs < endMs && untilMs > startMs) reasons.add('bookingBlackout', { blackoutId: blackout.id, from: blackout.start, until: blackout.end, reason: blackout.reason });
    }
    if (party) this.checkUnit(reasons, rules, party, start.day, options.ignoreBookingId);
    const load = this.checkRoom(reasons, rules, startMs, endMs, partySize, options.ignoreBookingId);
    return { reasons: reasons.items, ruleSet: rules, load };
  }

  private checkRequestTime(reasons: ReasonList, rules: AmenityRules, startMs: number, startDay: number, nowMs: number): void {
    if (startMs < nowMs) reasons.add('bookingInPast');
    else if (startMs - nowMs < rules.minNoticeMinutes * MS_PER_MINUTE) {
      reasons.add('bookingTooShortNotice', { minNoticeMinutes: rules.minNoticeMinutes, earliest: isoOfInstant(nowMs + rules.minNoticeMinutes * MS_PER_MINUTE) });
    }
    const today = this.today(nowMs);
    if (startDay - today > rules.maxDaysAhead) reasons.add('bookingTooFarAhead', { maxDaysAhead: rules.maxDaysAhead, latestDate: localDateOfDay(today + rules.maxDaysAhead) });
  }

  /** The whole booking inside one stretch of open time (the windows of the days it touches, and an overnight window from the day before). */
  private checkHours(reasons: ReasonList, start: LocalMoment, startMs: number, endMs: number): void {
    const { calendar, clock } = this;
    const open = calendar.openIntervals(start.day, clock.localOf(endMs - 1).day);
    let startIsOpen = false;
    for (const interval of open) {
      if (interval.startMs <= startMs && endMs <= interval.endMs) return;
      if (interval.startMs <= startMs && startMs < interval.endMs) startIsOpen = true;
    }
    const today = calendar.windows(start.day);
    if (today.length === 0 && !startIsOpen) reasons.add('bookingClosed', { date: localDateOfDay(start.day) });
    else reasons.add('bookingOutsideHours', { date: localDateOfDay(start.day), start: localTimeOfMinute(start.minute), end: localTimeOfMinute(clock.localOf(endMs).minute), hours: formatWindows(today) });
  }

  private checkSlotting(reasons: ReasonList, rules: AmenityRules, start: LocalMoment, startMs: number, endMs: number): void {
    const slotting = rules.slotting;
    if (slotting.kind === 'fixed') {
      const slots = this.calendar.fixedSlots(start.day);
      for (const slot of slots) if (slot.startMs === startMs && slot.endMs === endMs) return;
      reasons.add('bookingNotASlot', {
        date: localDateOfDay(start.day),
        start: localTimeOfMinute(start.minute),
        end: localTimeOfMinute(this.clock.localOf(endMs).minute),
        slots: formatWindows(slots.map((slot) => ({ openMinute: slot.startMinute, closeMinute: slot.endMinute }))),
      });
      return;
    }
    const minutes = (endMs - startMs) / MS_PER_MINUTE;
    if (minutes < slotting.minMinutes) reasons.add('bookingTooShort', { minutes, min: slotting.minMinutes });
    if (minutes > slotting.maxMinutes) reasons.add('bookingTooLong', { minutes, max: slotting.maxMinutes });
    if (minutes % slotting.stepMinutes !== 0) reasons.add('bookingDurationOffStep', { minutes, step: slotting.stepMinutes });
    const window = this.calendar.windowContaining(start.day, startMs);
    if (window) {
      const fromOpening = (start.day - window.day) * MINUTES_PER_DAY + start.minute - window.openMinute;
      if (fromOpening % slotting.stepMinutes !== 0 || startMs % MS_PER_MINUTE !== 0) {
        reasons.add('bookingOffGrid', { start: localTimeOfMinute(start.minute), step: slotting.stepMinutes, from: localTimeOfMinute(window.openMinute) });
      }
    }
  }

  /** Quotas and "once every N days", over the unit's holding bookings of this amenity. */
  private checkUnit(reasons: ReasonList, rules: AmenityRules, party: BookingParty, day: number, ignoreBookingId: string | undefined): void {
    const mine = this.index.ofUnit(this.amenity.id, party.unitId);
    if (mine.length === 0) return;
    for (const quota of rules.quotas) {
      const period = periodKey(quota.period, day);
      let first: IndexedBooking | undefined;
      let count = 0;
      for (const other of mine) {
        if (other.booking.id === ignoreBookingId || periodKey(quota.period, other.day) !== period) continue;
        first ??= other;
        count += 1;
      }
      if (first && count + 1 > quota.max) {
        reasons.add('bookingQuotaReached', { max: quota.max, period: quota.period, unit: party.unitLabel, existingDate: localDateOfDay(first.day), existingCount: count });
      }
    }
    const minDays = rules.minDaysBetween;
    if (minDays === null) return;
    let nearest: IndexedBooking | undefined;
    for (const other of mine) {
      if (other.booking.id === ignoreBookingId) continue;
      const distance = Math.abs(other.day - day);
      if (distance < minDays && (!nearest || distance < Math.abs(nearest.day - day))) nearest = other;
    }
    if (nearest) reasons.add('bookingTooSoonAfterLast', { days: minDays, unit: party.unitLabel, existingDate: localDateOfDay(nearest.day) });
  }

  /** Capacity and cleaning gaps against the other holding bookings; returns the load they put on the slot. */
  private checkRoom(reasons: ReasonList, rules: AmenityRules, startMs: number, endMs: number, partySize: number, ignoreBookingId: string | undefined): number {
    const capacity = this.amenity.capacity;
    if (partySize > capacity) {
      reasons.add('bookingPartyTooLarge', { partySize, capacity });
      return 0;
    }
    const gapMs = Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes) * MS_PER_MINUTE;
    const near = this.index.overlapping(this.amenity.id, startMs - gapMs, endMs + gapMs, ignoreBookingId);
    if (near.length === 0) return 0;
    const plain = peakLoad(near, startMs, endMs, 0);
    const load = gapMs > 0 ? peakLoad(near, startMs, endMs + gapMs, gapMs) : plain;
    if (plain + partySize > capacity) {
      reasons.add('bookingCapacityFull', { capacity, taken: plain, partySize });
    } else if (load + partySize > capacity) {
      const neighbour = nearestNonOverlapping(near, startMs, endMs);
      reasons.add('bookingBufferConflict', { minutes: gapMs / MS_PER_MINUTE, otherStart: neighbour?.booking.start ?? '', otherEnd: neighbour?.booking.end ?? '' });
    }
    return load;
  }
}

/** Reasons of one check, each tagged with the amenity. */
class ReasonList {
  readonly items: BookingReason[] = [];

  constructor(private readonly amenityId: string) {}

  add(code: BookingReasonCode, params: BookingReasonParams = {}): void {
    this.items.push({ code, params: { amenityId: this.amenityId, ...params } });
  }
}

type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

function periodKey(period: QuotaPeriod, day: number): number {
  return period === 'day' ? day : period === 'week' ? weekOfDay(day) : monthOfDay(day);
}

/**
 * The largest sum of party sizes that occupy one instant of [fromMs, toMs), each booking occupying
 * [start, end + extendMs). Ends sort before starts at the same instant: back to back is no overlap.
 */
export function peakLoad(bookings: readonly IndexedBooking[], fromMs: number, toMs: number, extendMs: number): number {
  const edges: [number, number][] = [];
  for (const { startMs, endMs, booking } of bookings) {
    const from = Math.max(startMs, fromMs);
    const to = Math.min(endMs + extendMs, toMs);
    if (from < to) edges.push([from, booking.partySize], [to, -booking.partySize]);
  }
  if (edges.length === 0) return 0;
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let load = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    load += delta;
    peak = Math.max(peak, load);
  }
  return peak;
}

function nearestNonOverlapping(bookings: readonly IndexedBooking[], startMs: number, endMs: number): IndexedBooking | undefined {
  let best: IndexedBooking | undefined;
  let bestDistance = Infinity;
  for (const item of bookings) {
    if (item.startMs < endMs && item.endMs > startMs) continue;
    const distance = item.endMs <= startMs ? startMs - item.endMs : item.startMs - endMs;
    if (distance < bestDistance) {
      best = item;
      bestDistance = distance;
    }
  }
  return best;
}

export function toMs(now: string | Date | number): number {
  const ms = typeof now === 'number' ? now : typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(now)}`);
  return ms;
}

/** Every reason the request breaks, in order from the most fundamental (the first is what a rejection names). */
export function evaluateBooking(input: EvaluateBookingInput): BookingEvaluation {
  const clock = zoneClock(input.timeZone);
  const checker = new SlotChecker(input.amenity, clock, indexOf(input.bookings, input.timeZone));
  const start = resolveBookingTime(input.request.start, clock);
  const end = resolveBookingTime(input.request.end, clock);
  if (!start.ok || !end.ok) {
    const reasons: BookingReason[] = [];
    const amenityId = input.amenity.id;
    if (!input.amenity.active) reasons.push({ code: 'bookingAmenityInactive', params: { amenityId } });
    for (const time of [start, end]) if (!time.ok) reasons.push({ code: 'bookingNonexistentTime', params: { amenityId, date: time.date, time: time.time } });
    return { allowed: false, reasons, capacityOnly: false, ruleSet: null, start: null, end: null };
  }
  const result = checker.check(start.ms, end.ms, input.request.partySize, {
    party: { unitId: input.resident.unitId, unitLabel: input.unitLabel, occupancy: input.resident.occupancy },
    ignoreBookingId: input.ignoreBookingId,
    requestTime: true,
    nowMs: toMs(input.now),
  });
  return {
    allowed: result.reasons.length === 0,
    reasons: result.reasons,
    capacityOnly: isCapacityOnly(result.reasons),
    ruleSet: result.ruleSet ?? null,
    start: new Date(start.ms).toISOString(),
    end: new Date(end.ms).toISOString(),
  };
}

export function isCapacityOnly(reasons: readonly BookingReason[]): boolean {
  return reasons.length > 0 && reasons.every((reason) => TAKEN_BY_OTHERS.has(reason.code));
}

/** A booking's own times and party as a request, to re-check it (approval, waitlist, rule change). */
export function requestOf(booking: Booking): BookingRequest {
  return { start: booking.start, end: booking.end, partySize: booking.partySize };
}
