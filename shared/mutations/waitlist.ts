// Shared steps of the booking mutators: the building's zone, the facts about a booking that its
// events carry, and the waitlist, which moves up when a cancellation or a decline frees room.

import type { Amenity, Booking } from '../domain/bookings';
import type { DomainEvent } from '../domain/model';
import { evaluateBooking, requestOf } from '../bookings/evaluate';
import { isValidTimeZone } from '../time/zone';
import { recordEvent } from './events';
import { reject } from './rejection';
import type { MutationContext, MutationTx } from './tx';

/**
 * The building's IANA zone, which every booking rule is computed in. Mutations name their building
 * because the transaction interface has no "current building": the server's transaction finds only
 * the building the desk is enrolled in, so a wrong id is refused, never another building's zone.
 */
export async function buildingTimeZone(tx: MutationTx, buildingId: string): Promise<string> {
  const building = await tx.get('buildings', buildingId);
  if (!building) reject('buildingUnknown');
  if (!isValidTimeZone(building.timeZone)) reject('buildingTimeZoneInvalid', { timeZone: building.timeZone });
  return building.timeZone;
}

/** Ids and instants only: events never carry notes or names. */
export function bookingEventData(booking: Booking, extra: DomainEvent['data'] = {}): DomainEvent['data'] {
  return { bookingId: booking.id, amenityId: booking.amenityId, start: booking.start, end: booking.end, partySize: booking.partySize, status: booking.status, ...extra };
}

export async function recordBookingEvent(
  tx: MutationTx,
  context: MutationContext,
  ordinal: number,
  type: DomainEvent['type'],
  booking: Booking,
  extra: DomainEvent['data'] = {},
): Promise<void> {
  await recordEvent(tx, context, ordinal, type, { unitId: booking.unitId, residentId: booking.residentId, data: bookingEventData(booking, extra) });
}

const MS_PER_MINUTE = 60_000;

/**
 * After `freed` stopped holding room: the waitlisted requests of the amenity that overlap the freed
 * time (cleaning gaps included), oldest request first, are offered the room when they now pass
 * every rule for their unit. Each promotion counts for the next, so a small opening is given once.
 * Returns the next free event ordinal.
 */
export async function promoteFromWaitlist(
  tx: MutationTx,
  context: MutationContext,
  amenity: Amenity,
  timeZone: string,
  freed: readonly Booking[],
  firstOrdinal: number,
): Promise<number> {
  let ordinal = firstOrdinal;
  if (freed.length === 0) return ordinal;
  const gapMs = Math.max(0, ...amenity.rules.map((rules) => Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes))) * MS_PER_MINUTE;
  const nowMs = Date.parse(context.at);
  const touchesFreed = (booking: Booking) =>
    freed.some((gone) => Date.parse(booking.start) < Date.parse(gone.end) + gapMs && Date.parse(booking.end) > Date.parse(gone.start) - gapMs);
  let current = await tx.queryByIndex('bookings', 'amenityId', amenity.id);
  const waiting = current
    .filter((booking) => booking.status === 'waitlisted' && Date.parse(booking.start) > nowMs && touchesFreed(booking))
    .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id < b.id ? -1 : 1));
  for (const candidate of waiting) {
    const resident = await tx.get('residents', candidate.residentId);
    if (!resident) continue;
    const unit = await tx.get('units', candidate.unitId);
    const evaluation = evaluateBooking({
      amenity,
      timeZone,
      bookings: current,
      request: requestOf(candidate),
      now: context.at,
      resident: { unitId: candidate.unitId, occupancy: resident.occupancy },
      unitLabel: unit?.label ?? candidate.unitId,
      ignoreBookingId: candidate.id,
    });
    if (!evaluation.allowed || !evaluation.ruleSet) continue;
    const promoted: Booking = {
      ...candidate,
      status: evaluation.ruleSet.approval === 'automatic' ? 'confirmed' : 'requested',
      offeredFromWaitlistAt: context.at,
      feeCents: evaluation.ruleSet.feeCents,
      depositCents: evaluation.ruleSet.depositCents,
    };
    await tx.put('bookings', promoted);
    current = current.map((booking) => (booking.id === promoted.id ? promoted : booking));
    await recordBookingEvent(tx, context, ordinal++, 'booking.offeredFromWaitlist', promoted);
  }
  return ordinal;
}
