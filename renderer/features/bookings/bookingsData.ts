import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Amenity, Booking } from '../../../shared/domain/bookings';
import { indexBookings, type BookingIndex } from '../../../shared/bookings/bookingIndex';
import { instantToLocal } from '../../../shared/time/zone';
import { deskDatabase } from '../../data/database';

/** Every amenity, active first, by name in the given language. */
export function useAmenities(): Amenity[] | undefined {
  return useLiveQuery(() => deskDatabase().amenities.toArray());
}

/** Every booking this desk holds (its working set: from the last 30 days on), indexed for the engine once per change. */
export function useBookings(timeZone: string): { rows: Booking[]; index: BookingIndex } | undefined {
  const rows = useLiveQuery(() => deskDatabase().bookings.toArray());
  return useMemo(() => (rows ? { rows, index: indexBookings(rows, timeZone) } : undefined), [rows, timeZone]);
}

/** Today's local date in the building's zone. */
export function localToday(timeZone: string, now: Date = new Date()): string {
  return instantToLocal(now.getTime(), timeZone).date;
}

/** A local date moved by whole days (calendar arithmetic, no zone needed). */
export function addDays(date: string, days: number): string {
  const noon = Date.parse(`${date}T12:00:00Z`) + days * 86_400_000;
  return new Date(noon).toISOString().slice(0, 10);
}

/** Bookings of an amenity overlapping [start, end), as the day view lists them under a slot. */
export function overlapping(rows: readonly Booking[], amenityId: string, start: string, end: string): Booking[] {
  return rows.filter((booking) => booking.amenityId === amenityId && booking.start < end && booking.end > start).sort((a, b) => a.start.localeCompare(b.start));
}
