import { z } from 'zod';
import { Amenity, HOLDING_STATUSES, type Booking, type BookingStatus } from '../domain/bookings';
import { Id, IsoInstant } from '../domain/model';
import { noteText } from '../domain/text';
import { nearestAlternatives } from '../bookings/alternatives';
import { ruleSetForDate } from '../bookings/calendar';
import { evaluateBooking } from '../bookings/evaluate';
import { conflictsAfterRuleChange, type BookingPeople } from '../bookings/ruleChange';
import { isLocalDate } from '../time/civil';
import { instantToLocal } from '../time/zone';
import { ALL_ROLES, defineMutator } from './define';
import { recordEvent } from './events';
import { reject } from './rejection';
import type { MutationContext, MutationTx } from './tx';
import { buildingTimeZone, promoteFromWaitlist, recordBookingEvent } from './waitlist';

// Amenity bookings (tracker issue 4). Every rule lives in the engine (shared/bookings); these
// mutators load what it needs through the transaction, run it with the desk's clock of the action
// (context.at), and write the outcome. On the desk that is an optimistic guess; on the server,
// where writes to a building are serialized, it is the decision: two desks booking the last slot
// offline are settled in the order the server runs them, the second refused with alternatives.

export const BOOKING_MANAGER_ROLES = ['manager', 'admin'] as const;

/** A local wall-clock time "YYYY-MM-DDTHH:MM" in the building's zone, as staff pick it. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/)
  .refine((value) => isLocalDate(value.slice(0, 10)), { message: 'time.invalid' });

/** A booking's start or end: a UTC instant, or a local time the engine converts (and may find skipped by DST). */
export const BookingTime = z.union([IsoInstant, LocalDateTime]);

export const RequestBookingArgs = z.object({
  buildingId: Id,
  bookingId: Id,
  amenityId: Id,
  residentId: Id,
  start: BookingTime,
  end: BookingTime,
  partySize: z.number().int().min(1).max(500),
  note: noteText(500).nullable(),
  /** When only other bookings stand in the way, wait for a cancellation instead of being refused. */
  joinWaitlistIfFull: z.boolean(),
});
export type RequestBookingArgs = z.input<typeof RequestBookingArgs>;

const MAX_ALTERNATIVES = 3;

/**
 * Books an amenity for a resident. Allowed: confirmed, or requested when a manager must approve.
 * Refused only because others hold the room and the resident wants to wait: waitlisted. Otherwise
 * rejected with the first reason and the nearest free alternatives ("startISO/endISO,…").
 */
export const requestBooking = defineMutator({
  args: RequestBookingArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const timeZone = await buildingTimeZone(tx, args.buildingId);
    if (await tx.get('bookings', args.bookingId)) reject('bookingAlreadyExists', { bookingId: args.bookingId });
    const amenity = await tx.get('amenities', args.amenityId);
    if (!amenity) reject('amenityUnknown', { amenityId: args.amenityId });
    const resident = await tx.get('residents', args.residentId);
    if (!resident) reject('residentUnknown');
    const unit = await tx.get('units', resident.unitId);
    const input = {
      amenity,
      timeZone,
      bookings: await tx.queryByIndex('bookings', 'amenityId', amenity.id),
      request: { start: args.start, end: args.end, partySize: args.partySize },
      now: context.at,
      resident,
      unitLabel: unit?.label ?? resident.unitId,
    };
    const evaluation = evaluateBooking(input);
    const rules = evaluation.ruleSet;
    const status: BookingStatus | null = !rules
      ? null
      : evaluation.allowed
        ? rules.approval === 'automatic' ? 'confirmed' : 'requested'
        : evaluation.capacityOnly && args.joinWaitlistIfFull ? 'waitlisted' : null;
    if (!rules || !status) {
      const first = evaluation.reasons[0];
      const alternatives = nearestAlternatives({ ...input, limit: MAX_ALTERNATIVES }).map((slot) => `${slot.start}/${slot.end}`);
      reject(first?.code ?? 'bookingNoRules', { ...first?.params, alternatives: alternatives.join(',') });
    }
    const booking: Booking = {
      id: args.bookingId,
      amenityId: amenity.id,
      unitId: resident.unitId,
      residentId: resident.id,
      start: evaluation.start ?? args.start,
      end: evaluation.end ?? args.end,
      partySize: args.partySize,
      status,
      note: args.note && args.note.length > 0 ? args.note : null,
      requestedAt: context.at,
      requestedBy: context.staffId,
      requestedDeskId: context.deskId,
      mutationId: context.mutationId,
      feeCents: rules.feeCents,
      depositCents: rules.depositCents,
      decision: null,
      cancellation: null,
      checkIn: null,
      offeredFromWaitlistAt: null,
    };
    await tx.put('bookings', booking);
    const type = status === 'confirmed' ? 'booking.confirmed' : status === 'requested' ? 'booking.requested' : 'booking.waitlisted';
    await recordBookingEvent(tx, context, 0, type, booking, { ruleSetId: rules.id });
  },
});

async function bookingIn(tx: MutationTx, bookingId: string, allowed: readonly BookingStatus[]): Promise<Booking> {
  const booking = await tx.get('bookings', bookingId);
  if (!booking) reject('bookingUnknown', { bookingId });
  if (!allowed.includes(booking.status)) reject('bookingWrongStatus', { bookingId, status: booking.status });
  return booking;
}

const isHolding = (booking: Booking) => HOLDING_STATUSES.includes(booking.status);

export const BookingDecisionArgs = z.object({ bookingId: Id });
export type BookingDecisionArgs = z.input<typeof BookingDecisionArgs>;

/** A manager approves a request (approval: required); the booking already holds its room. */
export const approveBooking = defineMutator({
  args: BookingDecisionArgs,
  roles: BOOKING_MANAGER_ROLES,
  async apply(tx, args, context) {
    const booking = await bookingIn(tx, args.bookingId, ['requested']);
    const approved: Booking = { ...booking, status: 'confirmed', decision: { by: context.staffId, at: context.at, reason: null } };
    await tx.put('bookings', approved);
    await recordBookingEvent(tx, context, 0, 'booking.approved', approved);
  },
});

export const BookingReasonArgs = z.object({ buildingId: Id, bookingId: Id, reason: noteText(300).nullable() });
export type BookingReasonArgs = z.input<typeof BookingReasonArgs>;

/** A manager declines a request or a waitlisted one; room it held goes to the waitlist. */
export const declineBooking = defineMutator({
  args: BookingReasonArgs,
  roles: BOOKING_MANAGER_ROLES,
  async apply(tx, args, context) {
    const timeZone = await buildingTimeZone(tx, args.buildingId);
    const booking = await bookingIn(tx, args.bookingId, ['requested', 'waitlisted']);
    const declined: Booking = { ...booking, status: 'declined', decision: { by: context.staffId, at: context.at, reason: emptyToNull(args.reason) } };
    await tx.put('bookings', declined);
    await recordBookingEvent(tx, context, 0, 'booking.declined', declined);
    await freeRoom(tx, context, timeZone, booking, 1);
  },
});

/**
 * Cancels a booking, a request or a waitlisted request. Doorpersons may not cancel a booking that
 * holds room within the amenity's cancellation cutoff (the fee stays due); managers may.
 */
export const cancelBooking = defineMutator({
  args: BookingReasonArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const timeZone = await buildingTimeZone(tx, args.buildingId);
    const booking = await bookingIn(tx, args.bookingId, ['requested', 'confirmed', 'waitlisted']);
    const amenity = await tx.get('amenities', booking.amenityId);
    const rules = amenity ? ruleSetForDate(amenity, instantToLocal(booking.start, timeZone).date) : undefined;
    const cutoffMs = (rules?.cancellationCutoffHours ?? 0) * 3_600_000;
    const late = isHolding(booking) && Date.parse(booking.start) - Date.parse(context.at) < cutoffMs;
    if (late && context.staffRole === 'doorperson') {
      reject('bookingCancellationCutoff', {
        bookingId: booking.id,
        amenityId: booking.amenityId,
        hours: rules?.cancellationCutoffHours ?? 0,
        deadline: new Date(Date.parse(booking.start) - cutoffMs).toISOString(),
      });
    }
    const cancelled: Booking = { ...booking, status: 'cancelled', cancellation: { by: context.staffId, at: context.at, reason: emptyToNull(args.reason) } };
    await tx.put('bookings', cancelled);
    await recordBookingEvent(tx, context, 0, 'booking.cancelled', cancelled, { late, cause: 'request' });
    await freeRoom(tx, context, timeZone, booking, 1);
  },
});

async function freeRoom(tx: MutationTx, context: MutationContext, timeZone: string, before: Booking, ordinal: number): Promise<void> {
  if (!isHolding(before)) return;
  const amenity = await tx.get('amenities', before.amenityId);
  if (amenity) await promoteFromWaitlist(tx, context, amenity, timeZone, [before], ordinal);
}

/** How early before the start a party may be checked in. */
export const CHECK_IN_EARLY_MINUTES = 60;

export const BookingActArgs = z.object({ bookingId: Id });
export type BookingActArgs = z.input<typeof BookingActArgs>;

/** The party arrived: from an hour before the start until the end. */
export const checkInBooking = defineMutator({
  args: BookingActArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const booking = await bookingIn(tx, args.bookingId, ['confirmed']);
    const fromMs = Date.parse(booking.start) - CHECK_IN_EARLY_MINUTES * 60_000;
    const at = Date.parse(context.at);
    if (at < fromMs || at > Date.parse(booking.end)) {
      reject('bookingCheckInWindow', { bookingId: booking.id, amenityId: booking.amenityId, from: new Date(fromMs).toISOString(), until: booking.end });
    }
    const checkedIn: Booking = { ...booking, status: 'checkedIn', checkIn: { by: context.staffId, at: context.at, reason: null } };
    await tx.put('bookings', checkedIn);
    await recordBookingEvent(tx, context, 0, 'booking.checkedIn', checkedIn);
  },
});

/**
 * Nobody came. Only once the booking has started. The room it frees is not offered to the
 * waitlist: the time is already running, and a waiting resident could not be told in time.
 */
export const markNoShow = defineMutator({
  args: BookingActArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const booking = await bookingIn(tx, args.bookingId, ['confirmed']);
    if (Date.parse(context.at) < Date.parse(booking.start)) reject('bookingNotStarted', { bookingId: booking.id, amenityId: booking.amenityId, start: booking.start });
    const noShow: Booking = { ...booking, status: 'noShow' };
    await tx.put('bookings', noShow);
    await recordBookingEvent(tx, context, 0, 'booking.noShow', noShow);
  },
});

const duplicates = (ids: readonly string[]) => new Set(ids).size !== ids.length;

/** The amenity as a manager saves it: the row schema plus the consistency a form must have. */
export const AmenityArgs = Amenity.superRefine((amenity, issues) => {
  amenity.rules.forEach((rules, index) => {
    if (rules.slotting.kind === 'free' && rules.slotting.minMinutes > rules.slotting.maxMinutes) {
      issues.addIssue({ code: 'custom', path: ['rules', index, 'slotting', 'maxMinutes'], message: 'bookingRule.invalid.minAboveMax' });
    }
    if (rules.effectiveFrom !== null && rules.effectiveUntil !== null && rules.effectiveUntil < rules.effectiveFrom) {
      issues.addIssue({ code: 'custom', path: ['rules', index, 'effectiveUntil'], message: 'bookingRule.invalid.seasonEndsBeforeStart' });
    }
  });
  amenity.blackouts.forEach((blackout, index) => {
    if (blackout.end <= blackout.start) issues.addIssue({ code: 'custom', path: ['blackouts', index, 'end'], message: 'bookingRule.invalid.blackoutEndsBeforeStart' });
  });
  if (duplicates(amenity.rules.map((rules) => rules.id))) issues.addIssue({ code: 'custom', path: ['rules'], message: 'bookingRule.invalid.duplicateId' });
  if (duplicates(amenity.blackouts.map((blackout) => blackout.id))) issues.addIssue({ code: 'custom', path: ['blackouts'], message: 'bookingRule.invalid.duplicateId' });
});

export const UpsertAmenityArgs = z.object({
  buildingId: Id,
  amenity: AmenityArgs,
  /** The manager's answer for each booking the new rules would refuse (see conflictsAfterRuleChange). */
  conflictDecision: z
    .object({
      cancel: z.array(Id).max(10_000),
      keep: z.array(Id).max(10_000),
      /** Recorded on each booking cancelled this way. */
      reason: noteText(300).nullable().optional(),
    })
    .refine((decision) => !decision.cancel.some((id) => decision.keep.includes(id)), { message: 'bookingRule.invalid.cancelAndKeep', path: ['keep'] }),
});
export type UpsertAmenityArgs = z.input<typeof UpsertAmenityArgs>;

/**
 * Creates an amenity or changes its rules. Changing a rule never silently breaks a booking: each
 * future booking the new rules refuse must be listed, to cancel or to keep, or nothing is saved.
 * Listed bookings that are no conflict (another desk changed things meanwhile) are left alone.
 */
export const upsertAmenity = defineMutator({
  args: UpsertAmenityArgs,
  roles: BOOKING_MANAGER_ROLES,
  async apply(tx, args, context) {
    const timeZone = await buildingTimeZone(tx, args.buildingId);
    const after = args.amenity;
    const before = (await tx.get('amenities', after.id)) ?? null;
    const bookings = await tx.queryByIndex('bookings', 'amenityId', after.id);
    const conflicts = conflictsAfterRuleChange(before, after, bookings, timeZone, context.at, await peopleOf(tx, after, bookings, Date.parse(context.at)));
    const cancel = new Set(args.conflictDecision.cancel);
    const decided = new Set([...cancel, ...args.conflictDecision.keep]);
    const undecided = conflicts.filter((conflict) => !decided.has(conflict.booking.id));
    if (undecided.length > 0) {
      reject('amenityChangeConflicts', { amenityId: after.id, count: undecided.length, bookingIds: undecided.slice(0, 20).map((conflict) => conflict.booking.id).join(',') });
    }
    await tx.put('amenities', after);
    const toCancel = conflicts.filter((conflict) => cancel.has(conflict.booking.id)).map((conflict) => conflict.booking);
    await recordEvent(tx, context, 0, 'amenity.updated', {
      data: { amenityId: after.id, created: before === null, active: after.active, conflicts: conflicts.length, cancelled: toCancel.length, kept: conflicts.length - toCancel.length },
    });
    let ordinal = 1;
    for (const booking of toCancel) {
      const cancelled: Booking = { ...booking, status: 'cancelled', cancellation: { by: context.staffId, at: context.at, reason: emptyToNull(args.conflictDecision.reason ?? null) } };
      await tx.put('bookings', cancelled);
      await recordBookingEvent(tx, context, ordinal++, 'booking.cancelled', cancelled, { late: false, cause: 'ruleChange' });
    }
    await promoteFromWaitlist(tx, context, after, timeZone, toCancel, ordinal);
  },
});

/**
 * Occupancy of the residents behind the future bookings, read only when the new rules restrict who
 * may book (each is a read on the server). Unit labels only word the reasons, which this mutation
 * does not keep, so they are not read.
 */
async function peopleOf(tx: MutationTx, amenity: Amenity, bookings: readonly Booking[], nowMs: number): Promise<BookingPeople> {
  if (amenity.rules.every((rules) => rules.eligibility === 'both')) return {};
  const residents = new Map<string, { occupancy: 'owner' | 'tenant' }>();
  for (const booking of bookings) {
    if (!isHolding(booking) || Date.parse(booking.start) <= nowMs || residents.has(booking.residentId)) continue;
    const resident = await tx.get('residents', booking.residentId);
    if (resident) residents.set(resident.id, { occupancy: resident.occupancy });
  }
  return { residents };
}

function emptyToNull(text: string | null): string | null {
  return text && text.length > 0 ? text : null;
}
