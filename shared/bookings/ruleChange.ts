// "Changing a rule never silently breaks existing bookings": before an amenity's new rules are
// saved, the future bookings they would refuse are listed with the reasons, and the manager
// decides for each one whether to cancel or keep it (upsertAmenity refuses to save otherwise).
//
// What counts: a booking that has not started yet and still holds room, checked under the new
// rules against every other holding booking. Rules about the moment a request is made (notice,
// days ahead) are not re-applied: the booking was made when they allowed it. Disabling the amenity
// is not a conflict either (existing bookings stay). A reason the booking already had under the
// old rules is not new, so a conflict the manager once decided to keep is not asked again.

import type { Amenity, Booking } from '../domain/bookings';
import type { Resident } from '../domain/model';
import { zoneClock } from '../time/zone';
import { indexOf, type IndexedBooking } from './bookingIndex';
import { SlotChecker, toMs, type BookingParty } from './evaluate';
import type { BookingReason } from './reasons';

export interface RuleChangeConflict {
  booking: Booking;
  /** What the new rules refuse, which the old rules did not. */
  reasons: BookingReason[];
}

/** Who booked, when known: residents' occupancy (eligibility) and units' labels (for sentences). */
export interface BookingPeople {
  residents?: ReadonlyMap<string, Pick<Resident, 'occupancy'>>;
  unitLabels?: ReadonlyMap<string, string>;
}

export function conflictsAfterRuleChange(
  before: Amenity | null,
  after: Amenity,
  bookings: readonly Booking[],
  timeZone: string,
  now: string | Date,
  people: BookingPeople = {},
): RuleChangeConflict[] {
  const clock = zoneClock(timeZone);
  const index = indexOf(bookings, timeZone);
  const nowMs = toMs(now);
  const afterChecker = new SlotChecker(after, clock, index);
  const beforeChecker = before ? new SlotChecker(before, clock, index) : null;
  const conflicts: RuleChangeConflict[] = [];
  for (const item of index.ofAmenity(after.id)) {
    if (item.startMs <= nowMs) continue;
    const options = { party: partyOf(item, people), ignoreBookingId: item.booking.id, requestTime: false, nowMs };
    const refused = afterChecker.check(item.startMs, item.endMs, item.booking.partySize, options).reasons.filter((reason) => reason.code !== 'bookingAmenityInactive');
    if (refused.length === 0) continue;
    const already = new Set(beforeChecker?.check(item.startMs, item.endMs, item.booking.partySize, options).reasons.map((reason) => reason.code) ?? []);
    const fresh = refused.filter((reason) => !already.has(reason.code));
    if (fresh.length > 0) conflicts.push({ booking: item.booking, reasons: fresh });
  }
  return conflicts;
}

function partyOf(item: IndexedBooking, people: BookingPeople): BookingParty {
  const { unitId, residentId } = item.booking;
  return { unitId, unitLabel: people.unitLabels?.get(unitId) ?? unitId, occupancy: people.residents?.get(residentId)?.occupancy ?? null };
}
