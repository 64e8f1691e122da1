import type { Amenity, Booking, BookingStatus } from '../domain/bookings';
import { localDateOf } from './packageReports';

export interface AmenityUsageRow {
  amenityId: string;
  /** Local month in the building's zone, YYYY-MM. */
  month: string;
  /** Bookings that took place (confirmed or checked in). */
  used: number;
  checkedIn: number;
  noShow: number;
  cancelled: number;
  /** Hours booked (used bookings). */
  hours: number;
}

const USED: readonly BookingStatus[] = ['confirmed', 'checkedIn'];

/** Bookings per amenity and local month of their start, with how they ended; amenities in name order, months ascending. */
export function amenityUsage(bookings: readonly Booking[], amenities: readonly Pick<Amenity, 'id'>[], timeZone: string): AmenityUsageRow[] {
  const rows = new Map<string, AmenityUsageRow>();
  for (const booking of bookings) {
    const month = localDateOf(booking.start, timeZone).slice(0, 7);
    const key = `${booking.amenityId}|${month}`;
    const row = rows.get(key) ?? { amenityId: booking.amenityId, month, used: 0, checkedIn: 0, noShow: 0, cancelled: 0, hours: 0 };
    if (USED.includes(booking.status)) {
      row.used += 1;
      row.hours += (Date.parse(booking.end) - Date.parse(booking.start)) / 3_600_000;
    }
    if (booking.status === 'checkedIn') row.checkedIn += 1;
    if (booking.status === 'noShow') row.noShow += 1;
    if (booking.status === 'cancelled') row.cancelled += 1;
    rows.set(key, row);
  }
  const order = new Map(amenities.map((amenity, position) => [amenity.id, position]));
  return [...rows.values()].sort((a, b) => (order.get(a.amenityId) ?? 1e9) - (order.get(b.amenityId) ?? 1e9) || a.month.localeCompare(b.month));
}
