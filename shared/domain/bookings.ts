import { z } from 'zod';
import { Id, IsoInstant, Language } from './model';
import { lineText, noteText } from './text';

// Amenities, their rules and bookings (tracker issue 4). Times of day and dates are LOCAL to the
// building's IANA time zone (opening hours, slots, seasons); booked times are UTC instants. The
// rules engine (shared/bookings/) turns one into the other, daylight-saving days included.

/** A wall-clock time in the building's zone, "HH:MM"; "24:00" only as the end of a day. */
export const LocalTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'time.invalid' });
export type LocalTime = z.infer<typeof LocalTime>;

/** A calendar date in the building's zone, "YYYY-MM-DD". */
export const LocalDate = z.iso.date();
export type LocalDate = z.infer<typeof LocalDate>;

/** Text per language; the building's default language must be present where it is shown. */
export const LocalizedLine = z.partialRecord(Language, lineText(120)).refine((text) => Object.keys(text).length > 0, { message: 'text.required' });
export const LocalizedNote = z.partialRecord(Language, noteText(1000));
export type LocalizedLine = z.infer<typeof LocalizedLine>;

/**
 * One opening window of a weekday. `close` at or before `open` means the window ends the next
 * day (a lounge open 20:00–02:00); "00:00"–"24:00" is the whole day.
 */
export const OpeningWindow = z.object({ open: LocalTime, close: LocalTime });
export type OpeningWindow = z.infer<typeof OpeningWindow>;

/** How a booking's times are chosen: fixed slots of the day, or a free duration on a step grid. */
export const Slotting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), slots: z.array(z.object({ start: LocalTime, end: LocalTime })).min(1).max(48) }),
  z.object({
    kind: z.literal('free'),
    /** Durations are real elapsed minutes (a booking across a DST change lasts what the clock says it lasts), in multiples of the step. */
    minMinutes: z.number().int().min(5).max(24 * 60),
    maxMinutes: z.number().int().min(5).max(7 * 24 * 60),
    /** Start times fall on this grid from the window's opening (15: 18:00, 18:15…). */
    stepMinutes: z.number().int().min(5).max(240),
  }),
]);
export type Slotting = z.infer<typeof Slotting>;

export const QUOTA_PERIODS = ['day', 'week', 'month'] as const;
export const Quota = z.object({ period: z.enum(QUOTA_PERIODS), max: z.number().int().min(1).max(100) });
export type Quota = z.infer<typeof Quota>;

export const ELIGIBILITY = ['owner', 'tenant', 'both'] as const;

/**
 * The rules of an amenity for a season. `effectiveFrom`/`effectiveUntil` are inclusive local dates
 * (null: open-ended); a booking follows the rule set in effect on its start's local date.
 */
export const AmenityRules = z.object({
  id: Id,
  effectiveFrom: LocalDate.nullable(),
  effectiveUntil: LocalDate.nullable(),
  /** Seven entries, Sunday first (index = JavaScript's getDay()); an empty list is closed. */
  openingHours: z.array(z.array(OpeningWindow).max(4)).length(7),
  slotting: Slotting,
  /**
   * Kept free before and after each booking (cleaning), within opening hours or not. Two bookings
   * therefore need a gap of max(before, after) between them; with capacity above 1 the gap counts
   * against capacity like the booking itself (shared/bookings/evaluate.ts).
   */
  bufferBeforeMinutes: z.number().int().min(0).max(240),
  bufferAfterMinutes: z.number().int().min(0).max(240),
  minNoticeMinutes: z.number().int().min(0).max(60 * 24 * 60),
  maxDaysAhead: z.number().int().min(1).max(730),
  /** Per unit, counted across all desks; each period in the building's calendar (weeks start Monday). */
  quotas: z.array(Quota).max(3),
  /** "Once every N days" per unit: at least this many days between two bookings' start dates. */
  minDaysBetween: z.number().int().min(1).max(365).nullable(),
  approval: z.enum(['automatic', 'required']),
  /** Recorded against the unit; no payment is processed. In the currency's minor unit. */
  feeCents: z.number().int().min(0).max(10_000_000),
  depositCents: z.number().int().min(0).max(10_000_000),
  /** Cancelling less than this many hours before the start is refused (the fee stays due). */
  cancellationCutoffHours: z.number().int().min(0).max(24 * 30),
  /** Who may book: owners, tenants, or both (Resident.occupancy). */
  eligibility: z.enum(ELIGIBILITY),
});
export type AmenityRules = z.infer<typeof AmenityRules>;

export const Blackout = z.object({
  id: Id,
  start: IsoInstant,
  end: IsoInstant,
  reason: lineText(200),
});
export type Blackout = z.infer<typeof Blackout>;

export const Amenity = z.object({
  id: Id,
  name: LocalizedLine,
  description: LocalizedNote,
  /** How many bookings may overlap: 1 for a party room, N for a gym (each booking takes its party size). */
  capacity: z.number().int().min(1).max(500),
  /** A disabled amenity takes no new bookings; existing ones stay. */
  active: z.boolean(),
  /** ISO 4217 code of fees and deposits. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  rules: z.array(AmenityRules).min(1).max(12),
  blackouts: z.array(Blackout).max(200),
});
export type Amenity = z.infer<typeof Amenity>;

export const BOOKING_STATUSES = ['requested', 'confirmed', 'waitlisted', 'declined', 'cancelled', 'checkedIn', 'noShow'] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** Statuses that hold capacity: a slot taken by one of these is not free for another booking. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['requested', 'confirmed', 'checkedIn'];

export const StaffAct = z.object({ by: Id, at: IsoInstant, reason: noteText(300).nullable() });
export type StaffAct = z.infer<typeof StaffAct>;

export const Booking = z.object({
  id: Id,
  amenityId: Id,
  unitId: Id,
  residentId: Id,
  start: IsoInstant,
  end: IsoInstant,
  /** How much of the amenity's capacity the booking takes: 1 for a room booked whole, people for a gym. */
  partySize: z.number().int().min(1).max(500),
  status: BookingStatus,
  note: noteText(500).nullable(),
  requestedAt: IsoInstant,
  requestedBy: Id,
  requestedDeskId: Id,
  mutationId: Id,
  /** As recorded when booked (the rule set in effect), in the amenity's currency. */
  feeCents: z.number().int().min(0),
  depositCents: z.number().int().min(0),
  /** Approved or declined by a manager (approval: required). */
  decision: StaffAct.nullable(),
  cancellation: StaffAct.nullable(),
  checkIn: StaffAct.nullable(),
  /** Set when a cancellation or a decline freed the slot and this waitlisted request took it. */
  offeredFromWaitlistAt: IsoInstant.nullable(),
});
export type Booking = z.infer<typeof Booking>;
