// Amenities and their bookings, with the real schemas (shared/domain/bookings.ts). Every holding
// booking the fixture makes is one the rules engine accepts: on the amenity's start grid or fixed
// slots, inside its opening hours, clear of blackouts, within capacity with its cleaning gap, within
// the unit's quotas and "once every N days", for an eligible resident. So tests and benchmarks
// built on it start from a legal state (validate.ts checks it with the engine).
//
// Generation works in slots of the amenity's grid on the local calendar (amenities open at 05:00
// at the earliest, so no booking meets a daylight-saving change), which keeps 20,000 bookings fast.

import type { Amenity, AmenityRules, Blackout, Booking, BookingStatus, LocalizedLine, Quota } from '../domain/bookings';
import type { Resident, Staff } from '../domain/model';
import { MINUTES_PER_DAY, localTimeOfMinute, monthOfDay, weekOfDay } from '../time/civil';
import { isoAt, type HistoryContext } from './history';
import { sequentialId } from './ids';
import { weightedPicker, type Random } from './random';

interface AmenitySpec {
  readonly name: LocalizedLine & { en: string };
  readonly capacity: number;
  readonly slotMinutes: number;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly maxSlotsPerBooking: number;
  /** Fixed slots tile the opening hours; a booking takes exactly one. */
  readonly fixed?: boolean;
  /** Cleaning time after each booking, in slots. */
  readonly bufferSlots?: number;
  readonly quotas?: readonly Quota[];
  readonly minDaysBetween?: number;
  readonly approval?: AmenityRules['approval'];
  readonly feeCents?: number;
  readonly depositCents?: number;
  readonly cancellationCutoffHours?: number;
  readonly eligibility?: AmenityRules['eligibility'];
  /** A closure from `fromDay` to `toDay` days after today (whole local days). */
  readonly blackout?: { readonly fromDay: number; readonly toDay: number; readonly reason: string };
  readonly notes?: 'private' | 'elevator';
  /** Relative share of bookings. */
  readonly popularity: number;
}

const HOUR = 60;

// The first entries are what a small building has; big buildings add the rest.
const AMENITY_CATALOG: readonly AmenitySpec[] = [
  {
    name: { en: 'Party Room', es: 'Salón de fiestas', fr: 'Salle des fêtes' }, capacity: 1, slotMinutes: HOUR, opensAt: 10 * HOUR, closesAt: 23 * HOUR, maxSlotsPerBooking: 5,
    bufferSlots: 1, quotas: [{ period: 'month', max: 1 }], approval: 'required', feeCents: 5000, depositCents: 20000, cancellationCutoffHours: 48, notes: 'private', popularity: 8,
  },
  { name: { en: 'Gym', es: 'Gimnasio', fr: 'Salle de sport' }, capacity: 12, slotMinutes: HOUR, opensAt: 5 * HOUR, closesAt: 23 * HOUR, maxSlotsPerBooking: 2, quotas: [{ period: 'day', max: 1 }], popularity: 14 },
  {
    name: { en: 'Rooftop Terrace', es: 'Terraza', fr: 'Toit-terrasse' }, capacity: 1, slotMinutes: 2 * HOUR, opensAt: 10 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 1, fixed: true,
    quotas: [{ period: 'week', max: 1 }], feeCents: 2500, cancellationCutoffHours: 24, blackout: { fromDay: 20, toDay: 24, reason: 'Waterproofing works' }, notes: 'private', popularity: 7,
  },
  {
    name: { en: 'Moving Elevator', es: 'Ascensor de mudanzas', fr: 'Ascenseur de déménagement' }, capacity: 1, slotMinutes: 2 * HOUR, opensAt: 8 * HOUR, closesAt: 18 * HOUR, maxSlotsPerBooking: 1, fixed: true,
    minDaysBetween: 30, approval: 'required', depositCents: 10000, cancellationCutoffHours: 24, notes: 'elevator', popularity: 5,
  },
  { name: { en: 'Guest Lounge', es: 'Sala de invitados', fr: 'Salon des invités' }, capacity: 1, slotMinutes: HOUR, opensAt: 9 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 4, quotas: [{ period: 'week', max: 2 }], notes: 'private', popularity: 4 },
  { name: { en: 'BBQ Grill North', es: 'Parrilla norte', fr: 'Barbecue nord' }, capacity: 1, slotMinutes: 90, opensAt: 11 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, quotas: [{ period: 'week', max: 1 }], popularity: 5 },
  { name: { en: 'BBQ Grill South', es: 'Parrilla sur', fr: 'Barbecue sud' }, capacity: 1, slotMinutes: 90, opensAt: 11 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, quotas: [{ period: 'week', max: 1 }], popularity: 4 },
  { name: { en: 'Tennis Court', es: 'Pista de tenis', fr: 'Court de tennis' }, capacity: 1, slotMinutes: HOUR, opensAt: 7 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, quotas: [{ period: 'day', max: 1 }], popularity: 6 },
  {
    name: { en: 'Pool Lane', es: 'Calle de piscina', fr: 'Couloir de piscine' }, capacity: 4, slotMinutes: 45, opensAt: 6 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2,
    quotas: [{ period: 'day', max: 1 }], blackout: { fromDay: 40, toDay: 47, reason: 'Pool maintenance' }, popularity: 6,
  },
  { name: { en: 'Yoga Studio', es: 'Sala de yoga', fr: 'Studio de yoga' }, capacity: 8, slotMinutes: HOUR, opensAt: 6 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 1, popularity: 5 },
  {
    name: { en: 'Screening Room', es: 'Sala de proyección', fr: 'Salle de projection' }, capacity: 1, slotMinutes: 3 * HOUR, opensAt: 12 * HOUR, closesAt: 24 * HOUR, maxSlotsPerBooking: 1, fixed: true,
    quotas: [{ period: 'month', max: 2 }], feeCents: 1500, notes: 'private', popularity: 4,
  },
  { name: { en: 'Co-working Room', es: 'Sala de cotrabajo', fr: 'Espace de coworking' }, capacity: 6, slotMinutes: HOUR, opensAt: 7 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 4, popularity: 5 },
  { name: { en: 'Conference Room', es: 'Sala de reuniones', fr: 'Salle de réunion' }, capacity: 1, slotMinutes: 30, opensAt: 8 * HOUR, closesAt: 20 * HOUR, maxSlotsPerBooking: 6, quotas: [{ period: 'day', max: 2 }], notes: 'private', popularity: 3 },
  { name: { en: 'Game Room', es: 'Sala de juegos', fr: 'Salle de jeux' }, capacity: 1, slotMinutes: HOUR, opensAt: 10 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 3, notes: 'private', popularity: 3 },
  { name: { en: 'Sauna', es: 'Sauna', fr: 'Sauna' }, capacity: 2, slotMinutes: 30, opensAt: 7 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, bufferSlots: 1, quotas: [{ period: 'day', max: 1 }], popularity: 3 },
  { name: { en: "Kids' Playroom", es: 'Sala infantil', fr: 'Salle de jeux des enfants' }, capacity: 3, slotMinutes: HOUR, opensAt: 8 * HOUR, closesAt: 20 * HOUR, maxSlotsPerBooking: 2, popularity: 3 },
  { name: { en: 'Music Room', es: 'Sala de música', fr: 'Salle de musique' }, capacity: 1, slotMinutes: HOUR, opensAt: 9 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, quotas: [{ period: 'week', max: 3 }], notes: 'private', popularity: 2 },
  { name: { en: 'Dog Wash Station', es: 'Lavadero de perros', fr: 'Station de lavage pour chiens' }, capacity: 1, slotMinutes: 30, opensAt: 7 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, bufferSlots: 1, popularity: 2 },
  { name: { en: 'Bike Workshop', es: 'Taller de bicicletas', fr: 'Atelier vélo' }, capacity: 2, slotMinutes: HOUR, opensAt: 8 * HOUR, closesAt: 20 * HOUR, maxSlotsPerBooking: 2, popularity: 1 },
  {
    name: { en: 'Wine Lounge', es: 'Sala de vinos', fr: 'Salon œnologique' }, capacity: 1, slotMinutes: 2 * HOUR, opensAt: 16 * HOUR, closesAt: 24 * HOUR, maxSlotsPerBooking: 2,
    quotas: [{ period: 'month', max: 2 }], eligibility: 'owner', feeCents: 3000, notes: 'private', popularity: 2,
  },
];

export const MAX_AMENITIES = AMENITY_CATALOG.length;

/** Bookable this far ahead: the fixture holds a year of future bookings, all legal when made. */
const MAX_DAYS_AHEAD = 400;
const MIN_NOTICE_MINUTES = 60;

function rulesOf(spec: AmenitySpec, id: string): AmenityRules {
  const window = { open: localTimeOfMinute(spec.opensAt), close: localTimeOfMinute(spec.closesAt) };
  const slots = Array.from({ length: Math.floor((spec.closesAt - spec.opensAt) / spec.slotMinutes) }, (_, index) => ({
    start: localTimeOfMinute(spec.opensAt + index * spec.slotMinutes),
    end: localTimeOfMinute(spec.opensAt + (index + 1) * spec.slotMinutes),
  }));
  return {
    id: `${id}-r1`,
    effectiveFrom: null,
    effectiveUntil: null,
    openingHours: Array.from({ length: 7 }, () => [window]),
    slotting: spec.fixed
      ? { kind: 'fixed', slots }
      : { kind: 'free', minMinutes: spec.slotMinutes, maxMinutes: spec.slotMinutes * spec.maxSlotsPerBooking, stepMinutes: spec.slotMinutes },
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: (spec.bufferSlots ?? 0) * spec.slotMinutes,
    minNoticeMinutes: MIN_NOTICE_MINUTES,
    maxDaysAhead: MAX_DAYS_AHEAD,
    quotas: [...(spec.quotas ?? [])],
    minDaysBetween: spec.minDaysBetween ?? null,
    approval: spec.approval ?? 'automatic',
    feeCents: spec.feeCents ?? 0,
    depositCents: spec.depositCents ?? 0,
    cancellationCutoffHours: spec.cancellationCutoffHours ?? 0,
    eligibility: spec.eligibility ?? 'both',
  };
}

export function generateAmenities(count: number, context: HistoryContext): Amenity[] {
  if (count > AMENITY_CATALOG.length) throw new RangeError(`at most ${AMENITY_CATALOG.length} amenities`);
  return AMENITY_CATALOG.slice(0, count).map((spec, index) => {
    const id = sequentialId('a', index + 1, 2);
    const blackouts: Blackout[] = spec.blackout
      ? [{
          id: `${id}-x1`,
          start: isoAt(context.calendar.instantOf(context.today + spec.blackout.fromDay, 0)),
          end: isoAt(context.calendar.instantOf(context.today + spec.blackout.toDay, 0)),
          reason: spec.blackout.reason,
        }]
      : [];
    return { id, name: { ...spec.name }, description: {}, capacity: spec.capacity, active: true, currency: 'USD', rules: [rulesOf(spec, id)], blackouts };
  });
}

const CANCELLED_SHARE = 0.07;
const NO_SHOW_SHARE = 0.04;
const DECLINED_SHARE = 0.05;
const PENDING_SHARE = 0.3;
const WEEKDAY_FACTOR = [1.6, 0.8, 0.8, 0.85, 0.9, 1.2, 1.8]; // Sunday first: weekends are busy
// Notes only make sense for rooms a resident has to themselves; the elevator gets its own.
const PRIVATE_ROOM_NOTES = ['Birthday party, about 20 guests', 'Cumpleaños infantil', 'Réunion de famille', 'Caterer arrives 30 min early', 'Guests will ask for me at the desk'];
const ELEVATOR_NOTES = ['Moving in: please pad the elevator', 'Furniture delivery', 'Mudanza: salida'];
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

function noteFor(random: Random, spec: AmenitySpec): string | null {
  if (!spec.notes || !random.chance(0.08)) return null;
  return random.pick(spec.notes === 'elevator' ? ELEVATOR_NOTES : PRIVATE_ROOM_NOTES);
}

interface Draft {
  amenity: Amenity;
  spec: AmenitySpec;
  startsMs: number;
  endsMs: number;
  resident: Resident;
  partySize: number;
  status: BookingStatus;
}

/** What the rules count per unit, kept while drafting so that no holding booking breaks them. */
class UnitLedger {
  private readonly periodCounts = new Map<string, number>();
  private readonly days = new Map<string, number[]>();

  fits(amenityIndex: number, spec: AmenitySpec, unitId: string, day: number): boolean {
    for (const quota of spec.quotas ?? []) {
      if ((this.periodCounts.get(periodKey(amenityIndex, unitId, quota, day)) ?? 0) >= quota.max) return false;
    }
    const minDays = spec.minDaysBetween;
    return minDays === undefined || !(this.days.get(`${amenityIndex}|${unitId}`) ?? []).some((other) => Math.abs(other - day) < minDays);
  }

  add(amenityIndex: number, spec: AmenitySpec, unitId: string, day: number): void {
    for (const quota of spec.quotas ?? []) {
      const key = periodKey(amenityIndex, unitId, quota, day);
      this.periodCounts.set(key, (this.periodCounts.get(key) ?? 0) + 1);
    }
    if (spec.minDaysBetween !== undefined) {
      const key = `${amenityIndex}|${unitId}`;
      this.days.set(key, [...(this.days.get(key) ?? []), day]);
    }
  }
}

function periodKey(amenityIndex: number, unitId: string, quota: Quota, day: number): string {
  const period = quota.period === 'day' ? day : quota.period === 'week' ? weekOfDay(day) : monthOfDay(day);
  return `${amenityIndex}|${unitId}|${quota.period}|${period}`;
}

export function generateBookings(
  random: Random,
  context: HistoryContext,
  amenities: readonly Amenity[],
  residents: readonly Resident[],
  staff: readonly Staff[],
  count: number,
  daysAhead: number,
): Booking[] {
  if (count === 0) return [];
  const specs = amenities.map((amenity) => {
    const spec = AMENITY_CATALOG.find((candidate) => candidate.name.en === amenity.name.en);
    if (!spec) throw new RangeError(`amenity ${amenity.id} is not in the catalog`);
    return spec;
  });
  const amenityPicker = weightedPicker(amenities.map((amenity, index) => [index, specs[index]?.popularity ?? 1] as const));
  const deciders = staff.filter((member) => member.active && member.role !== 'doorperson').map((member) => member.id);
  const firstDay = context.today - context.historyDays;
  const lastDay = context.today + daysAhead;
  // Party sizes holding each slot of the local grid: key = slot number since 1970 × 32 + amenity.
  const occupancy = new Map<number, number>();
  const ledger = new UnitLedger();
  const drafts: Draft[] = [];
  const maxAttempts = count * 50;
  for (let attempt = 0; drafts.length < count; attempt++) {
    if (attempt > maxAttempts) throw new RangeError('cannot place that many bookings within the amenities’ rules');
    const amenityIndex = amenityPicker.pick(random);
    const amenity = amenities[amenityIndex];
    const spec = specs[amenityIndex];
    if (!amenity || !spec) continue;
    const day = random.int(firstDay, lastDay);
    if (random.next() * 1.8 >= (WEEKDAY_FACTOR[context.calendar.weekday(day)] ?? 1)) continue;
    const slotsPerDay = Math.floor((spec.closesAt - spec.opensAt) / spec.slotMinutes);
    const firstSlot = random.int(0, slotsPerDay - 1);
    const length = spec.fixed ? 1 : Math.min(random.int(1, spec.maxSlotsPerBooking), slotsPerDay - firstSlot);
    const resident = random.pick(residents);
    if (spec.eligibility && spec.eligibility !== 'both' && resident.occupancy !== spec.eligibility) continue;
    const startMinute = spec.opensAt + firstSlot * spec.slotMinutes;
    const startsMs = context.calendar.instantOf(day, startMinute);
    const endsMs = context.calendar.instantOf(day, startMinute + length * spec.slotMinutes);
    if (amenity.blackouts.some((blackout) => Date.parse(blackout.start) < endsMs && Date.parse(blackout.end) > startsMs)) continue;
    const partySize = amenity.capacity > 1 && random.chance(0.2) ? 2 : 1;
    const status = draftStatus(random, spec, startsMs, context.nowMs);
    if (isHolding(status)) {
      // Occupied from the start to the end of the cleaning gap, in grid slots of the local day.
      const gridStart = (day * MINUTES_PER_DAY + startMinute) / spec.slotMinutes;
      const keys = Array.from({ length: length + (spec.bufferSlots ?? 0) }, (_, offset) => (gridStart + offset) * 32 + amenityIndex);
      if (keys.some((key) => (occupancy.get(key) ?? 0) + partySize > amenity.capacity)) continue;
      if (!ledger.fits(amenityIndex, spec, resident.unitId, day)) continue;
      for (const key of keys) occupancy.set(key, (occupancy.get(key) ?? 0) + partySize);
      ledger.add(amenityIndex, spec, resident.unitId, day);
    }
    drafts.push({ amenity, spec, startsMs, endsMs, resident, partySize, status });
  }
  drafts.sort((a, b) => a.startsMs - b.startsMs);
  return drafts.map((draft, index): Booking => {
    const id = sequentialId('bk', index + 1, 5);
    // Booked two hours to six weeks ahead, and never after `now`.
    const leadMs = random.int(2 * 60, 6 * 7 * 24 * 60) * MINUTE_MS;
    const requestedMs = Math.min(draft.startsMs - leadMs, context.nowMs - random.int(30, 72 * 60) * MINUTE_MS);
    // Staff act between the request and the start (or now, for what has not started yet).
    const actMs = (latestMs: number) => Math.min(latestMs, requestedMs + random.int(10, 24 * 60) * MINUTE_MS);
    const settledBy = Math.min(draft.startsMs, context.nowMs);
    const rules = draft.amenity.rules[0];
    const decided = draft.status !== 'requested' && rules?.approval === 'required' && draft.status !== 'cancelled';
    return {
      id,
      amenityId: draft.amenity.id,
      unitId: draft.resident.unitId,
      residentId: draft.resident.id,
      start: isoAt(draft.startsMs),
      end: isoAt(draft.endsMs),
      partySize: draft.partySize,
      status: draft.status,
      note: noteFor(random, draft.spec),
      requestedAt: isoAt(requestedMs),
      requestedBy: context.roster.pick(random, requestedMs),
      requestedDeskId: random.pick(context.deskIds),
      mutationId: `m-${id}`,
      feeCents: rules?.feeCents ?? 0,
      depositCents: rules?.depositCents ?? 0,
      decision: decided && deciders.length > 0 ? { by: random.pick(deciders), at: isoAt(actMs(settledBy)), reason: null } : null,
      cancellation: draft.status === 'cancelled' ? { by: context.roster.pick(random, settledBy), at: isoAt(actMs(settledBy)), reason: null } : null,
      checkIn: draft.status === 'checkedIn' ? { by: context.roster.pick(random, draft.startsMs), at: isoAt(draft.startsMs - random.int(0, 15) * MINUTE_MS), reason: null } : null,
      offeredFromWaitlistAt: null,
    };
  });
}

const isHolding = (status: BookingStatus) => status === 'requested' || status === 'confirmed' || status === 'checkedIn';

function draftStatus(random: Random, spec: AmenitySpec, startsMs: number, nowMs: number): BookingStatus {
  if (random.chance(CANCELLED_SHARE)) return 'cancelled';
  if (spec.approval === 'required' && random.chance(DECLINED_SHARE)) return 'declined';
  // What has started was used (checked in up to 15 minutes early), or nobody came.
  if (startsMs <= nowMs) return random.chance(NO_SHOW_SHARE) ? 'noShow' : 'checkedIn';
  if (spec.approval === 'required' && startsMs - nowMs > 2 * HOUR_MS && random.chance(PENDING_SHARE)) return 'requested';
  return 'confirmed';
}
