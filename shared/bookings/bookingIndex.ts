// The bookings that hold capacity, indexed once by amenity (sorted by start) and by amenity and
// unit, so that checking a slot reads only the few bookings near it, not a year of them. A month
// of availability for 20 amenities asks tens of thousands of such questions.

import { HOLDING_STATUSES, type Booking } from '../domain/bookings';
import { zoneClock } from '../time/zone';

export interface IndexedBooking {
  readonly booking: Booking;
  readonly startMs: number;
  readonly endMs: number;
  /** Local day number of the start in the building's zone (quotas count by it). */
  readonly day: number;
}

interface AmenityEntry {
  /** Sorted by start. */
  readonly byStart: IndexedBooking[];
  /** The longest booking, which bounds how far back an overlapping booking may start. */
  maxDurationMs: number;
  readonly byUnit: Map<string, IndexedBooking[]>;
}

const HOLDING: ReadonlySet<string> = new Set(HOLDING_STATUSES);
const EMPTY: readonly IndexedBooking[] = [];

export class BookingIndex {
  private readonly amenities = new Map<string, AmenityEntry>();

  private constructor(readonly timeZone: string) {}

  /** Indexes the holding bookings (requested, confirmed, checked in); the others take no room. */
  static build(bookings: Iterable<Booking>, timeZone: string): BookingIndex {
    const index = new BookingIndex(timeZone);
    const clock = zoneClock(timeZone);
    for (const booking of bookings) {
      if (!HOLDING.has(booking.status)) continue;
      const startMs = Date.parse(booking.start);
      const endMs = Date.parse(booking.end);
      let entry = index.amenities.get(booking.amenityId);
      if (!entry) {
        entry = { byStart: [], maxDurationMs: 0, byUnit: new Map() };
        index.amenities.set(booking.amenityId, entry);
      }
      const indexed: IndexedBooking = { booking, startMs, endMs, day: clock.localOf(startMs).day };
      entry.byStart.push(indexed);
      entry.maxDurationMs = Math.max(entry.maxDurationMs, endMs - startMs);
      const ofUnit = entry.byUnit.get(booking.unitId);
      if (ofUnit) ofUnit.push(indexed);
      else entry.byUnit.set(booking.unitId, [indexed]);
    }
    for (const entry of index.amenities.values()) {
      entry.byStart.sort(byStartThenId);
      for (const list of entry.byUnit.values()) list.sort(byStartThenId);
    }
    return index;
  }

  /** Holding bookings of the amenity that overlap [fromMs, toMs), oldest start first. */
  overlapping(amenityId: string, fromMs: number, toMs: number, ignoreBookingId?: string): IndexedBooking[] {
    const entry = this.amenities.get(amenityId);
    if (!entry) return [];
    const list = entry.byStart;
    // Nothing that starts before fromMs - maxDuration can still be running at fromMs.
    let low = 0;
    let high = list.length;
    const earliest = fromMs - entry.maxDurationMs;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((list[middle]?.startMs ?? 0) < earliest) low = middle + 1;
      else high = middle;
    }
    const found: IndexedBooking[] = [];
    for (let i = low; i < list.length; i++) {
      const item = list[i];
      if (!item || item.startMs >= toMs) break;
      if (item.endMs > fromMs && item.booking.id !== ignoreBookingId) found.push(item);
    }
    return found;
  }

  /** Holding bookings of one unit for the amenity, oldest start first. */
  ofUnit(amenityId: string, unitId: string): readonly IndexedBooking[] {
    return this.amenities.get(amenityId)?.byUnit.get(unitId) ?? EMPTY;
  }

  /** Every holding booking of the amenity, oldest start first. */
  ofAmenity(amenityId: string): readonly IndexedBooking[] {
    return this.amenities.get(amenityId)?.byStart ?? EMPTY;
  }
}

function byStartThenId(a: IndexedBooking, b: IndexedBooking): number {
  return a.startMs - b.startMs || (a.booking.id < b.booking.id ? -1 : a.booking.id > b.booking.id ? 1 : 0);
}

export type BookingSource = readonly Booking[] | BookingIndex;

/** An index for the zone: the given one when it was built for that zone, else a new one. */
export function indexOf(source: BookingSource, timeZone: string): BookingIndex {
  if (source instanceof BookingIndex && source.timeZone === timeZone) return source;
  if (source instanceof BookingIndex) throw new RangeError(`booking index built for ${source.timeZone}, not ${timeZone}`);
  return BookingIndex.build(source, timeZone);
}

export function indexBookings(bookings: Iterable<Booking>, timeZone: string): BookingIndex {
  return BookingIndex.build(bookings, timeZone);
}
