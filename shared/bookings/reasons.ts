// Why a booking cannot be made. Every reason is a code and the parameters a sentence needs; the
// codes are also rejection codes (shared/mutations/rejection.ts) and i18n keys (`bookingRule.*`
// for the booking form, `rejection.*` for the sync panel). Parameters are strings and numbers
// only: the amenity's id (the desk shows its name in the staff member's language), local dates
// "YYYY-MM-DD" and times "HH:MM" in the building's zone, or ISO instants.

export const BOOKING_REASON_CODES = [
  /** { amenityId } — disabled by a manager: no new bookings. */
  'bookingAmenityInactive',
  /** { amenityId, date, time } — that local time is skipped when clocks spring forward. */
  'bookingNonexistentTime',
  /** { amenityId } */
  'bookingEndsBeforeStart',
  /** { amenityId, date } — no rule set (season) covers that date. */
  'bookingNoRules',
  /** { amenityId } */
  'bookingInPast',
  /** { amenityId, eligibility, occupancy } */
  'bookingNotEligible',
  /** { amenityId, date } — no opening hours at all that day. */
  'bookingClosed',
  /** { amenityId, date, start, end, hours } — hours: "18:00–23:00, …" of that day. */
  'bookingOutsideHours',
  /** { amenityId, date, start, end, slots } — slots: "18:00–20:30, 20:30–23:00". */
  'bookingNotASlot',
  /** { amenityId, minutes, min } */
  'bookingTooShort',
  /** { amenityId, minutes, max } */
  'bookingTooLong',
  /** { amenityId, start, step, from } — start times run every `step` minutes from `from`. */
  'bookingOffGrid',
  /** { amenityId, minutes, step } */
  'bookingDurationOffStep',
  /** { amenityId, minNoticeMinutes, earliest } — earliest: ISO instant. */
  'bookingTooShortNotice',
  /** { amenityId, maxDaysAhead, latestDate } */
  'bookingTooFarAhead',
  /** { amenityId, blackoutId, from, until, reason } — from/until: ISO instants. */
  'bookingBlackout',
  /** { amenityId, max, period, unit, existingDate, existingCount } — existingCount: bookings the unit already has then. */
  'bookingQuotaReached',
  /** { amenityId, days, unit, existingDate } — "once every N days" per unit; the nearest booking it is too close to. */
  'bookingTooSoonAfterLast',
  /** { amenityId, partySize, capacity } — larger than the amenity can ever hold. */
  'bookingPartyTooLarge',
  /** { amenityId, minutes, otherStart, otherEnd } — too close to another booking (cleaning time). */
  'bookingBufferConflict',
  /** { amenityId, capacity, taken, partySize } — taken: the most already booked at once. */
  'bookingCapacityFull',
] as const;

export type BookingReasonCode = (typeof BOOKING_REASON_CODES)[number];
export type BookingReasonParams = Record<string, string | number>;

export interface BookingReason {
  code: BookingReasonCode;
  params: BookingReasonParams;
}

/**
 * Reasons that only other bookings cause: a cancellation can make the slot bookable again, so a
 * request refused for these alone may wait on the waitlist. Cleaning time next to another booking
 * counts, since it goes away with that booking.
 */
export const TAKEN_BY_OTHERS: ReadonlySet<BookingReasonCode> = new Set(['bookingCapacityFull', 'bookingBufferConflict']);

/** Reasons about the moment of the request, not the booking itself (see conflictsAfterRuleChange). */
export const REQUEST_TIME_REASONS: ReadonlySet<BookingReasonCode> = new Set(['bookingInPast', 'bookingTooShortNotice', 'bookingTooFarAhead']);
