// Amenities and their bookings (provisional types, see provisional.ts). Bookings sit on the
// amenity's slot grid in the building's local time and never overbook an amenity: the fixture
// obeys the same rule the server enforces, so tests built on it start from a legal state.

import type { Resident } from '../domain/model';
import { isoAt, type HistoryContext } from './history';
import { sequentialId } from './ids';
import type { Amenity, Booking } from './provisional';
import { weightedPicker, type Random } from './random';

interface AmenitySpec {
  readonly name: string;
  readonly capacity: number;
  readonly slotMinutes: number;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly maxSlotsPerBooking: number;
  /** Relative share of bookings. */
  readonly popularity: number;
}

const HOUR = 60;
const MINUTE_MS = 60_000;

// The first entries are what a small building has; big buildings add the rest.
const AMENITY_CATALOG: readonly AmenitySpec[] = [
  { name: 'Party Room', capacity: 1, slotMinutes: HOUR, opensAt: 10 * HOUR, closesAt: 23 * HOUR, maxSlotsPerBooking: 5, popularity: 8 },
  { name: 'Gym', capacity: 12, slotMinutes: HOUR, opensAt: 5 * HOUR, closesAt: 23 * HOUR, maxSlotsPerBooking: 2, popularity: 14 },
  { name: 'Rooftop Terrace', capacity: 1, slotMinutes: 2 * HOUR, opensAt: 10 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, popularity: 7 },
  { name: 'Moving Elevator', capacity: 1, slotMinutes: 2 * HOUR, opensAt: 8 * HOUR, closesAt: 18 * HOUR, maxSlotsPerBooking: 2, popularity: 5 },
  { name: 'Guest Lounge', capacity: 1, slotMinutes: HOUR, opensAt: 9 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 4, popularity: 4 },
  { name: 'BBQ Grill North', capacity: 1, slotMinutes: 90, opensAt: 11 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, popularity: 5 },
  { name: 'BBQ Grill South', capacity: 1, slotMinutes: 90, opensAt: 11 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, popularity: 4 },
  { name: 'Tennis Court', capacity: 1, slotMinutes: HOUR, opensAt: 7 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, popularity: 6 },
  { name: 'Pool Lane', capacity: 4, slotMinutes: 45, opensAt: 6 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, popularity: 6 },
  { name: 'Yoga Studio', capacity: 8, slotMinutes: HOUR, opensAt: 6 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 1, popularity: 5 },
  { name: 'Screening Room', capacity: 1, slotMinutes: 3 * HOUR, opensAt: 12 * HOUR, closesAt: 24 * HOUR, maxSlotsPerBooking: 1, popularity: 4 },
  { name: 'Co-working Room', capacity: 6, slotMinutes: HOUR, opensAt: 7 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 4, popularity: 5 },
  { name: 'Conference Room', capacity: 1, slotMinutes: 30, opensAt: 8 * HOUR, closesAt: 20 * HOUR, maxSlotsPerBooking: 6, popularity: 3 },
  { name: 'Game Room', capacity: 1, slotMinutes: HOUR, opensAt: 10 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 3, popularity: 3 },
  { name: 'Sauna', capacity: 2, slotMinutes: 30, opensAt: 7 * HOUR, closesAt: 22 * HOUR, maxSlotsPerBooking: 2, popularity: 3 },
  { name: "Kids' Playroom", capacity: 3, slotMinutes: HOUR, opensAt: 8 * HOUR, closesAt: 20 * HOUR, maxSlotsPerBooking: 2, popularity: 3 },
  { name: 'Music Room', capacity: 1, slotMinutes: HOUR, opensAt: 9 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, popularity: 2 },
  { name: 'Dog Wash Station', capacity: 1, slotMinutes: 30, opensAt: 7 * HOUR, closesAt: 21 * HOUR, maxSlotsPerBooking: 2, popularity: 2 },
  { name: 'Bike Workshop', capacity: 2, slotMinutes: HOUR, opensAt: 8 * HOUR, closesAt: 20 * HOUR, maxSlotsPerBooking: 2, popularity: 1 },
  { name: 'Wine Lounge', capacity: 1, slotMinutes: 2 * HOUR, opensAt: 16 * HOUR, closesAt: 24 * HOUR, maxSlotsPerBooking: 2, popularity: 2 },
];

export const MAX_AMENITIES = AMENITY_CATALOG.length;

export function generateAmenities(count: number): Amenity[] {
  if (count > AMENITY_CATALOG.length) throw new RangeError(`at most ${AMENITY_CATALOG.length} amenities`);
  return AMENITY_CATALOG.slice(0, count).map(({ popularity: _popularity, ...spec }, index) => ({
    id: sequentialId('a', index + 1, 2),
    ...spec,
    active: true,
  }));
}

const CANCELLED_SHARE = 0.07;
const WEEKDAY_FACTOR = [1.6, 0.8, 0.8, 0.85, 0.9, 1.2, 1.8]; // Sunday first: weekends are busy
// Notes only make sense for rooms a resident has to themselves; the elevator gets its own.
const PRIVATE_ROOM_NOTES = ['Birthday party, about 20 guests', 'Cumpleaños infantil', 'Réunion de famille', 'Caterer arrives 30 min early', 'Guests will ask for me at the desk'];
const ELEVATOR_NOTES = ['Moving in: please pad the elevator', 'Furniture delivery', 'Mudanza: salida'];

function noteFor(random: Random, amenity: Amenity): string | null {
  if (amenity.capacity > 1 || !random.chance(0.08)) return null;
  return random.pick(amenity.name === 'Moving Elevator' ? ELEVATOR_NOTES : PRIVATE_ROOM_NOTES);
}

interface Draft {
  amenity: Amenity;
  startsMs: number;
  endsMs: number;
  resident: Resident;
  cancelled: boolean;
}

export function generateBookings(
  random: Random,
  context: HistoryContext,
  amenities: readonly Amenity[],
  residents: readonly Resident[],
  count: number,
  daysAhead: number,
): Booking[] {
  if (count === 0) return [];
  const popularity = new Map(AMENITY_CATALOG.map((spec) => [spec.name, spec.popularity]));
  const amenityPicker = weightedPicker(amenities.map((amenity) => [amenity, popularity.get(amenity.name) ?? 1] as const));
  const firstDay = context.today - context.historyDays;
  const lastDay = context.today + daysAhead;
  // Confirmed bookings per amenity slot: "amenityId day slot" -> count, checked against capacity.
  const occupancy = new Map<string, number>();
  const drafts: Draft[] = [];
  const maxAttempts = count * 50;
  for (let attempt = 0; drafts.length < count; attempt++) {
    if (attempt > maxAttempts) throw new RangeError('cannot place that many bookings without overbooking');
    const amenity = amenityPicker.pick(random);
    const day = random.int(firstDay, lastDay);
    if (random.next() * 1.8 >= (WEEKDAY_FACTOR[context.calendar.weekday(day)] ?? 1)) continue;
    const slotsPerDay = Math.floor((amenity.closesAt - amenity.opensAt) / amenity.slotMinutes);
    const firstSlot = random.int(0, slotsPerDay - 1);
    const length = Math.min(random.int(1, amenity.maxSlotsPerBooking), slotsPerDay - firstSlot);
    const cancelled = random.chance(CANCELLED_SHARE);
    const keys = Array.from({ length }, (_, offset) => `${amenity.id} ${day} ${firstSlot + offset}`);
    if (!cancelled) {
      if (keys.some((key) => (occupancy.get(key) ?? 0) >= amenity.capacity)) continue;
      for (const key of keys) occupancy.set(key, (occupancy.get(key) ?? 0) + 1);
    }
    const startMinute = amenity.opensAt + firstSlot * amenity.slotMinutes;
    drafts.push({
      amenity,
      startsMs: context.calendar.instantOf(day, startMinute),
      endsMs: context.calendar.instantOf(day, startMinute + length * amenity.slotMinutes),
      resident: random.pick(residents),
      cancelled,
    });
  }
  drafts.sort((a, b) => a.startsMs - b.startsMs);
  return drafts.map((draft, index): Booking => {
    // Booked two hours to six weeks ahead, and never after `now`.
    const leadMs = random.int(2 * 60, 6 * 7 * 24 * 60) * MINUTE_MS;
    const createdMs = Math.min(draft.startsMs - leadMs, context.nowMs - random.int(30, 72 * 60) * MINUTE_MS);
    return {
      id: sequentialId('bk', index + 1, 5),
      amenityId: draft.amenity.id,
      unitId: draft.resident.unitId,
      residentId: draft.resident.id,
      startsAt: isoAt(draft.startsMs),
      endsAt: isoAt(draft.endsMs),
      status: draft.cancelled ? 'cancelled' : 'confirmed',
      createdAt: isoAt(createdMs),
      createdBy: context.roster.pick(random, createdMs),
      note: noteFor(random, draft.amenity),
    };
  });
}
