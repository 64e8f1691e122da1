import { describe, expect, it } from 'vitest';
import type { Booking } from '../domain/bookings';
import { localToInstant } from '../time/zone';
import { nearestAlternatives } from './alternatives';
import { availabilityForDay, availabilityForMonth } from './availability';
import { indexBookings } from './bookingIndex';
import { evaluateBooking } from './evaluate';
import { conflictsAfterRuleChange } from './ruleChange';
import { everyDay, partyRoom, sampleAmenity, sampleBooking } from './samples';

const NY = 'America/New_York';
const NOW = '2026-01-10T12:00:00.000Z';

function iso(local: string, timeZone = NY): string {
  const [date = '', time = ''] = local.split('T');
  const result = localToInstant(date, time, timeZone);
  if (!result.ok) throw new Error(`${local} does not exist`);
  return result.instant;
}

const booked = (start: string, end: string, extra: Partial<Booking> = {}) => sampleBooking({ start: iso(start), end: iso(end), ...extra });

describe('availabilityForDay', () => {
  it('lists the fixed slots with the room left and why a taken one is blocked', () => {
    const room = partyRoom();
    const bookings = [booked('2026-01-15T18:00', '2026-01-15T20:30', { amenityId: 'party', unitId: 'u2' })];
    const day = availabilityForDay(room, NY, bookings, '2026-01-15', NOW);
    expect(day).toMatchObject({ date: '2026-01-15', ruleSetId: 'party-rules', capacity: 1 });
    expect(day.slots).toEqual([
      {
        start: iso('2026-01-15T18:00'), end: iso('2026-01-15T20:30'), startTime: '18:00', endTime: '20:30', free: 0, available: false,
        reasons: [{ code: 'bookingCapacityFull', params: { amenityId: 'party', capacity: 1, taken: 1, partySize: 1 } }],
      },
      { start: iso('2026-01-15T20:30'), end: iso('2026-01-15T23:00'), startTime: '20:30', endTime: '23:00', free: 1, available: true, reasons: [] },
    ]);
  });

  it('tiles free-duration amenities with the shortest booking from the opening, and marks past slots', () => {
    const gym = sampleAmenity(); // 08:00–22:00, 30-minute minimum, capacity 3
    const bookings = [booked('2026-01-15T09:00', '2026-01-15T10:00', { partySize: 2 })];
    const day = availabilityForDay(gym, NY, bookings, '2026-01-15', iso('2026-01-15T08:45'));
    expect(day.slots).toHaveLength(28);
    expect(day.slots.slice(0, 4).map((slot) => [slot.startTime, slot.free, slot.available, slot.reasons.map((reason) => reason.code)])).toEqual([
      ['08:00', 3, false, ['bookingInPast']],
      ['08:30', 3, false, ['bookingInPast']],
      ['09:00', 1, true, []],
      ['09:30', 1, true, []],
    ]);
    expect(day.slots.at(-1)).toMatchObject({ startTime: '21:30', endTime: '22:00' });
  });

  it('says when there are no rules that day, and is empty when closed', () => {
    const summerOnly = sampleAmenity({}, { effectiveFrom: '2026-06-01', effectiveUntil: null });
    expect(availabilityForDay(summerOnly, NY, [], '2026-01-15', NOW)).toEqual({ date: '2026-01-15', ruleSetId: null, capacity: 3, slots: [] });
  });

  it('on the spring-forward day skips grid times that do not exist and flags a fixed slot that starts in the gap', () => {
    const studio = sampleAmenity({ id: 'studio' }, { openingHours: everyDay({ open: '00:00', close: '24:00' }), slotting: { kind: 'free', minMinutes: 60, maxMinutes: 60, stepMinutes: 60 } });
    const spring = availabilityForDay(studio, NY, [], '2026-03-08', NOW);
    expect(spring.slots).toHaveLength(23);
    expect(spring.slots.map((slot) => slot.startTime).slice(0, 3)).toEqual(['00:00', '01:00', '03:00']);
    const fall = availabilityForDay(studio, NY, [], '2026-11-01', NOW);
    expect(fall.slots).toHaveLength(24);
    // 01:00 (the first one) lasts an hour of real time, like every other slot.
    expect(fall.slots[1]).toMatchObject({ start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T06:00:00.000Z', startTime: '01:00', endTime: '01:00' });

    const night = sampleAmenity({ id: 'night' }, { openingHours: everyDay({ open: '00:00', close: '24:00' }), slotting: { kind: 'fixed', slots: [{ start: '02:00', end: '04:00' }, { start: '10:00', end: '12:00' }] } });
    const slots = availabilityForDay(night, NY, [], '2026-03-08', NOW).slots;
    expect(slots[0]).toMatchObject({ startTime: '02:00', available: false, reasons: [{ code: 'bookingNonexistentTime', params: { amenityId: 'night', date: '2026-03-08', time: '02:00' } }] });
    expect(slots[1]).toMatchObject({ available: true, startTime: '10:00' });
  });
});

describe('availabilityForMonth', () => {
  it('summarizes each day of the month, leap day included', () => {
    const room = partyRoom({}, { maxDaysAhead: 730 });
    const bookings = [
      booked('2028-02-29T18:00', '2028-02-29T20:30', { amenityId: 'party' }),
      booked('2028-02-29T20:30', '2028-02-29T23:00', { amenityId: 'party', unitId: 'u2' }),
      booked('2028-02-10T18:00', '2028-02-10T20:30', { amenityId: 'party', unitId: 'u3' }),
    ];
    const month = availabilityForMonth(room, NY, indexBookings(bookings, NY), '2028-02', '2028-01-01T12:00:00.000Z');
    expect(month.days).toHaveLength(29);
    expect(month.days.at(-1)).toEqual({ date: '2028-02-29', freeSlots: 0, totalSlots: 2 });
    expect(month.days[9]).toEqual({ date: '2028-02-10', freeSlots: 1, totalSlots: 2 });
    expect(month.days.filter((day) => day.freeSlots === 2)).toHaveLength(27);
  });

  it('agrees with evaluateBooking slot by slot', () => {
    const gym = sampleAmenity({}, { bufferAfterMinutes: 30 });
    const bookings = [booked('2026-02-03T10:00', '2026-02-03T11:00', { partySize: 3 }), booked('2026-02-03T15:00', '2026-02-03T16:00', { partySize: 1 })];
    const day = availabilityForDay(gym, NY, bookings, '2026-02-03', NOW);
    for (const slot of day.slots) {
      const evaluation = evaluateBooking({ amenity: gym, timeZone: NY, bookings, request: { start: slot.start, end: slot.end, partySize: 1 }, now: NOW, resident: { unitId: 'u9', occupancy: 'owner' }, unitLabel: '9A' });
      expect(evaluation.reasons).toEqual(slot.reasons);
    }
    expect(day.slots.filter((slot) => !slot.available).map((slot) => slot.startTime)).toEqual(['09:30', '10:00', '10:30', '11:00']);
  });
});

describe('nearestAlternatives', () => {
  const room = partyRoom({}, { maxDaysAhead: 730, minNoticeMinutes: 0 });
  const resident = { unitId: 'u1', occupancy: 'owner' as const };

  it('offers the nearest free slots around a taken one, each bookable by the resident', () => {
    const bookings = [booked('2026-03-20T18:00', '2026-03-20T20:30', { amenityId: 'party', unitId: 'u2' })];
    const input = { amenity: room, timeZone: NY, bookings, request: { start: '2026-03-20T18:00', end: '2026-03-20T20:30', partySize: 1 }, now: NOW, resident, unitLabel: '12B' };
    const alternatives = nearestAlternatives(input);
    expect(alternatives).toEqual([
      { start: iso('2026-03-20T20:30'), end: iso('2026-03-20T23:00') },
      { start: iso('2026-03-19T20:30'), end: iso('2026-03-19T23:00') },
      { start: iso('2026-03-19T18:00'), end: iso('2026-03-19T20:30') }, // as near as the 21st: the earlier wins
    ]);
    for (const slot of alternatives) expect(evaluateBooking({ ...input, request: { ...slot, partySize: 1 } }).allowed).toBe(true);
  });

  it('respects the resident’s quota: a unit with a March booking is offered April', () => {
    const bookings = [booked('2026-03-03T18:00', '2026-03-03T20:30', { amenityId: 'party' })];
    const alternatives = nearestAlternatives({ amenity: room, timeZone: NY, bookings, request: { start: '2026-03-25T18:00', end: '2026-03-25T20:30', partySize: 1 }, now: NOW, resident, unitLabel: '12B' });
    expect(alternatives.map((slot) => slot.start)).toEqual([iso('2026-04-01T18:00'), iso('2026-04-01T20:30'), iso('2026-04-02T18:00')]);
  });

  it('keeps the requested duration on a free grid, and finds nothing when nothing is free', () => {
    const lane = sampleAmenity({ id: 'lane', capacity: 1 });
    const bookings = [booked('2026-01-15T10:00', '2026-01-15T12:00', { amenityId: 'lane', unitId: 'u2' })];
    const alternatives = nearestAlternatives({ amenity: lane, timeZone: NY, bookings, request: { start: '2026-01-15T10:30', end: '2026-01-15T11:30', partySize: 1 }, now: NOW, resident, unitLabel: '12B', limit: 2 });
    expect(alternatives).toEqual([
      { start: iso('2026-01-15T09:00'), end: iso('2026-01-15T10:00') },
      { start: iso('2026-01-15T12:00'), end: iso('2026-01-15T13:00') },
    ]);
    const closed = sampleAmenity({ id: 'lane', capacity: 1, active: false });
    expect(nearestAlternatives({ amenity: closed, timeZone: NY, bookings, request: { start: '2026-01-15T10:30', end: '2026-01-15T11:30', partySize: 1 }, now: NOW, resident, unitLabel: '12B' })).toEqual([]);
  });
});

describe('conflictsAfterRuleChange', () => {
  const gym = sampleAmenity({}, { maxDaysAhead: 730 });
  const bookings = [
    booked('2026-02-03T10:00', '2026-02-03T11:00', { id: 'a', unitId: 'u1' }),
    booked('2026-02-03T10:30', '2026-02-03T11:30', { id: 'b', unitId: 'u2' }),
    booked('2026-02-03T20:00', '2026-02-03T21:00', { id: 'evening', unitId: 'u3' }),
    booked('2026-01-05T10:00', '2026-01-05T11:00', { id: 'past', unitId: 'u1' }),
    booked('2026-01-05T10:00', '2026-01-05T11:00', { id: 'past-too', unitId: 'u2' }),
  ];

  it('lists the future bookings the new rules refuse, with the reasons', () => {
    const smaller = { ...gym, capacity: 1, rules: [{ ...(gym.rules[0] ?? expect.fail()), openingHours: everyDay({ open: '08:00', close: '20:00' }) }] };
    const conflicts = conflictsAfterRuleChange(gym, smaller, bookings, NY, NOW);
    expect(conflicts.map((conflict) => [conflict.booking.id, conflict.reasons.map((reason) => reason.code)])).toEqual([
      ['a', ['bookingCapacityFull']],
      ['b', ['bookingCapacityFull']],
      ['evening', ['bookingOutsideHours']],
    ]);
  });

  it('does not count request-time rules, disabling, or what the old rules already refused', () => {
    const stricter = { ...gym, active: false, rules: [{ ...(gym.rules[0] ?? expect.fail()), minNoticeMinutes: 60 * 24 * 60, maxDaysAhead: 1 }] };
    expect(conflictsAfterRuleChange(gym, stricter, bookings, NY, NOW)).toEqual([]);
    const tiny = { ...gym, capacity: 1 };
    expect(conflictsAfterRuleChange(tiny, { ...tiny, name: { en: 'Fitness' } }, bookings, NY, NOW)).toEqual([]);
  });

  it('checks eligibility when it knows the residents, and names units by label', () => {
    const ownersOnly = { ...gym, rules: [{ ...(gym.rules[0] ?? expect.fail()), eligibility: 'owner' as const, quotas: [{ period: 'month' as const, max: 1 }] }] };
    const extra = booked('2026-02-20T10:00', '2026-02-20T11:00', { id: 'c', unitId: 'u3' });
    const conflicts = conflictsAfterRuleChange(gym, ownersOnly, [...bookings, extra], NY, NOW, {
      residents: new Map([['r1', { occupancy: 'tenant' as const }]]),
      unitLabels: new Map([['u3', '7C']]),
    });
    expect(conflicts.find((conflict) => conflict.booking.id === 'evening')?.reasons).toEqual([
      { code: 'bookingNotEligible', params: { amenityId: 'gym', eligibility: 'owner', occupancy: 'tenant' } },
      { code: 'bookingQuotaReached', params: { amenityId: 'gym', max: 1, period: 'month', unit: '7C', existingDate: '2026-02-20', existingCount: 1 } },
    ]);
  });
});
