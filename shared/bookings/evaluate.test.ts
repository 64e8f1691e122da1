import { describe, expect, it } from 'vitest';
import type { Amenity, Booking } from '../domain/bookings';
import { localToInstant } from '../time/zone';
import { evaluateBooking, type BookingRequest, type EvaluateBookingInput } from './evaluate';
import { everyDay, partyRoom, sampleAmenity, sampleBooking } from './samples';

const NY = 'America/New_York';
const NOW = '2026-01-10T12:00:00.000Z';

/** ISO instant of a local "YYYY-MM-DDTHH:MM" in a zone (New York unless told). */
function iso(local: string, timeZone = NY): string {
  const [date = '', time = ''] = local.split('T');
  const result = localToInstant(date, time, timeZone);
  if (!result.ok) throw new Error(`${local} does not exist in ${timeZone}`);
  return result.instant;
}

const request = (start: string, end: string, partySize = 1): BookingRequest => ({ start, end, partySize });

function evaluate(amenity: Amenity, asked: BookingRequest, extra: Partial<EvaluateBookingInput> = {}) {
  return evaluateBooking({ amenity, timeZone: NY, bookings: [], request: asked, now: NOW, resident: { unitId: 'u1', occupancy: 'owner' }, unitLabel: '12B', ...extra });
}

const codes = (result: { reasons: { code: string }[] }) => result.reasons.map((reason) => reason.code);

/** A confirmed booking given in local times. */
const booked = (start: string, end: string, extra: Partial<Booking> = {}) => sampleBooking({ start: iso(start), end: iso(end), ...extra });

describe('evaluateBooking: the basics', () => {
  it('allows a free fixed slot, returns the rule set in effect and the instants', () => {
    const result = evaluate(partyRoom(), request('2026-01-15T18:00', '2026-01-15T20:30'));
    expect(result).toMatchObject({ allowed: true, reasons: [], capacityOnly: false, start: '2026-01-15T23:00:00.000Z', end: '2026-01-16T01:30:00.000Z' });
    expect(result.ruleSet?.id).toBe('party-rules');
  });

  it('accepts ISO instants as well as local times', () => {
    expect(evaluate(partyRoom(), request('2026-01-15T23:00:00.000Z', '2026-01-16T01:30:00.000Z')).allowed).toBe(true);
  });

  it('refuses a disabled amenity, an end before the start and a date no season covers', () => {
    expect(codes(evaluate(partyRoom({ active: false }), request('2026-01-15T18:00', '2026-01-15T20:30')))).toEqual(['bookingAmenityInactive']);
    expect(codes(evaluate(partyRoom(), request('2026-01-15T20:30', '2026-01-15T18:00')))).toEqual(['bookingEndsBeforeStart']);
    const summerOnly = sampleAmenity({}, { effectiveFrom: '2026-06-01', effectiveUntil: '2026-08-31' });
    expect(evaluate(summerOnly, request('2026-01-15T10:00', '2026-01-15T11:00')).reasons).toEqual([{ code: 'bookingNoRules', params: { amenityId: 'gym', date: '2026-01-15' } }]);
  });

  it('follows the season in effect on the start date, the most specific one when seasons overlap', () => {
    const gym = sampleAmenity({
      rules: [
        sampleAmenity().rules[0] ?? expect.fail(),
        { ...(sampleAmenity({}, { id: 'summer', openingHours: everyDay({ open: '06:00', close: '23:00' }) }).rules[0] ?? expect.fail()), effectiveFrom: '2026-06-01', effectiveUntil: '2026-08-31' },
      ],
    });
    expect(evaluate(gym, request('2026-07-01T06:00', '2026-07-01T07:00'))).toMatchObject({ allowed: true, ruleSet: { id: 'summer' } });
    expect(codes(evaluate(gym, request('2026-09-01T06:00', '2026-09-01T07:00')))).toEqual(['bookingOutsideHours']);
  });
});

describe('opening hours', () => {
  it('refuses times outside the day’s windows, naming them, and days without any', () => {
    expect(evaluate(sampleAmenity(), request('2026-01-15T21:30', '2026-01-15T22:30')).reasons).toEqual([
      { code: 'bookingOutsideHours', params: { amenityId: 'gym', date: '2026-01-15', start: '21:30', end: '22:30', hours: '08:00–22:00' } },
    ]);
    const closedSundays = sampleAmenity({}, { openingHours: [[], ...everyDay({ open: '08:00', close: '22:00' }).slice(1)] });
    expect(evaluate(closedSundays, request('2026-01-18T10:00', '2026-01-18T11:00')).reasons).toEqual([{ code: 'bookingClosed', params: { amenityId: 'gym', date: '2026-01-18' } }]);
  });

  it('handles windows that cross midnight, on both sides of it', () => {
    const lounge = sampleAmenity({ id: 'lounge', capacity: 1 }, { openingHours: everyDay({ open: '20:00', close: '02:00' }), slotting: { kind: 'free', minMinutes: 60, maxMinutes: 240, stepMinutes: 30 } });
    expect(evaluate(lounge, request('2026-01-15T23:00', '2026-01-16T01:00')).allowed).toBe(true);
    expect(evaluate(lounge, request('2026-01-16T00:30', '2026-01-16T01:30')).allowed).toBe(true);
    expect(codes(evaluate(lounge, request('2026-01-16T01:00', '2026-01-16T03:00')))).toEqual(['bookingOutsideHours']);
    expect(codes(evaluate(lounge, request('2026-01-15T19:00', '2026-01-15T21:00')))).toEqual(['bookingOutsideHours']);
  });

  it('treats 00:00–24:00 as the whole day and lets bookings run over several whole days', () => {
    const suite = sampleAmenity({ id: 'suite', capacity: 1 }, { openingHours: everyDay({ open: '00:00', close: '24:00' }), slotting: { kind: 'free', minMinutes: 1440, maxMinutes: 4320, stepMinutes: 240 } });
    expect(evaluate(suite, request('2026-01-15T00:00', '2026-01-17T00:00')).allowed).toBe(true);
    expect(evaluate(suite, request('2026-01-15T12:00', '2026-01-16T12:00')).allowed).toBe(true);
    expect(codes(evaluate(suite, request('2026-01-15T12:00', '2026-01-19T12:00')))).toEqual(['bookingTooLong']);
  });
});

describe('slots and durations', () => {
  it('refuses a time that is not one of the fixed slots, listing them', () => {
    expect(evaluate(partyRoom(), request('2026-01-15T19:00', '2026-01-15T21:00')).reasons).toEqual([
      { code: 'bookingNotASlot', params: { amenityId: 'party', date: '2026-01-15', start: '19:00', end: '21:00', slots: '18:00–20:30, 20:30–23:00' } },
    ]);
  });

  it('checks free durations against min, max and step, and starts against the grid from the opening', () => {
    const gym = sampleAmenity();
    expect(evaluate(gym, request('2026-01-15T08:00', '2026-01-15T08:15')).reasons).toEqual([
      { code: 'bookingTooShort', params: { amenityId: 'gym', minutes: 15, min: 30 } },
      { code: 'bookingDurationOffStep', params: { amenityId: 'gym', minutes: 15, step: 30 } },
    ]);
    expect(codes(evaluate(gym, request('2026-01-15T08:00', '2026-01-15T11:00')))).toEqual(['bookingTooLong']);
    expect(codes(evaluate(gym, request('2026-01-15T08:00', '2026-01-15T08:45')))).toEqual(['bookingDurationOffStep']);
    expect(evaluate(gym, request('2026-01-15T08:10', '2026-01-15T08:40')).reasons).toEqual([{ code: 'bookingOffGrid', params: { amenityId: 'gym', start: '08:10', step: 30, from: '08:00' } }]);
  });
});

describe('capacity and cleaning buffers', () => {
  it('sums party sizes of holding bookings at the busiest moment, back to back not overlapping', () => {
    const gym = sampleAmenity(); // capacity 3
    const bookings = [booked('2026-01-15T10:00', '2026-01-15T11:00', { partySize: 2 }), booked('2026-01-15T11:00', '2026-01-15T12:00', { partySize: 2 })];
    expect(evaluate(gym, request('2026-01-15T10:00', '2026-01-15T12:00'), { bookings }).allowed).toBe(true);
    const full = evaluate(gym, request('2026-01-15T10:30', '2026-01-15T11:30', 2), { bookings });
    expect(full).toMatchObject({ allowed: false, capacityOnly: true, reasons: [{ code: 'bookingCapacityFull', params: { amenityId: 'gym', capacity: 3, taken: 2, partySize: 2 } }] });
    expect(evaluate(gym, request('2026-01-15T09:00', '2026-01-15T10:00', 3), { bookings }).allowed).toBe(true);
  });

  it('ignores cancelled, declined, waitlisted and no-show bookings, and the booking being re-checked', () => {
    const room = partyRoom();
    const others = (['cancelled', 'declined', 'waitlisted', 'noShow'] as const).map((status) => booked('2026-01-15T18:00', '2026-01-15T20:30', { amenityId: 'party', unitId: 'u2', status }));
    expect(evaluate(room, request('2026-01-15T18:00', '2026-01-15T20:30'), { bookings: others }).allowed).toBe(true);
    const mine = booked('2026-01-15T18:00', '2026-01-15T20:30', { amenityId: 'party', id: 'mine' });
    expect(evaluate(room, request('2026-01-15T18:00', '2026-01-15T20:30'), { bookings: [mine], ignoreBookingId: 'mine' }).allowed).toBe(true);
    expect(codes(evaluate(room, request('2026-01-15T18:00', '2026-01-15T20:30'), { bookings: [mine] }))).toEqual(['bookingQuotaReached', 'bookingCapacityFull']);
  });

  it('refuses a party larger than the amenity, which waiting cannot fix', () => {
    expect(evaluate(sampleAmenity(), request('2026-01-15T10:00', '2026-01-15T11:00', 4))).toMatchObject({
      capacityOnly: false,
      reasons: [{ code: 'bookingPartyTooLarge', params: { amenityId: 'gym', partySize: 4, capacity: 3 } }],
    });
  });

  it('keeps the cleaning gap free after and before other bookings', () => {
    const lounge = sampleAmenity({ id: 'lounge', capacity: 1 }, { bufferAfterMinutes: 30, bufferBeforeMinutes: 15 });
    const bookings = [booked('2026-01-15T12:00', '2026-01-15T13:00', { amenityId: 'lounge' })];
    const after = evaluate(lounge, request('2026-01-15T13:00', '2026-01-15T14:00'), { bookings });
    expect(after).toMatchObject({
      capacityOnly: true,
      reasons: [{ code: 'bookingBufferConflict', params: { amenityId: 'lounge', minutes: 30, otherStart: iso('2026-01-15T12:00'), otherEnd: iso('2026-01-15T13:00') } }],
    });
    expect(evaluate(lounge, request('2026-01-15T13:30', '2026-01-15T14:30'), { bookings }).allowed).toBe(true);
    expect(codes(evaluate(lounge, request('2026-01-15T11:00', '2026-01-15T12:00'), { bookings }))).toEqual(['bookingBufferConflict']);
    expect(evaluate(lounge, request('2026-01-15T10:30', '2026-01-15T11:30'), { bookings }).allowed).toBe(true);
  });
});

describe('blackouts, notice and horizon', () => {
  it('refuses times in a blackout, with its reason', () => {
    const gym = sampleAmenity({ blackouts: [{ id: 'paint', start: iso('2026-01-15T09:00'), end: iso('2026-01-15T12:00'), reason: 'Painting' }] });
    expect(evaluate(gym, request('2026-01-15T11:30', '2026-01-15T12:30')).reasons).toEqual([
      { code: 'bookingBlackout', params: { amenityId: 'gym', blackoutId: 'paint', from: iso('2026-01-15T09:00'), until: iso('2026-01-15T12:00'), reason: 'Painting' } },
    ]);
    expect(evaluate(gym, request('2026-01-15T12:00', '2026-01-15T13:00')).allowed).toBe(true);
  });

  it('needs the minimum notice, refuses the past, and looks no further than allowed', () => {
    const now = iso('2026-01-15T17:30');
    expect(evaluate(partyRoom(), request('2026-01-15T18:00', '2026-01-15T20:30'), { now }).reasons).toEqual([
      { code: 'bookingTooShortNotice', params: { amenityId: 'party', minNoticeMinutes: 60, earliest: iso('2026-01-15T18:30') } },
    ]);
    expect(codes(evaluate(sampleAmenity(), request('2026-01-15T08:00', '2026-01-15T09:00'), { now }))).toEqual(['bookingInPast']);
    const nearHorizon = sampleAmenity({}, { maxDaysAhead: 30 });
    expect(evaluate(nearHorizon, request('2026-02-09T10:00', '2026-02-09T11:00')).allowed).toBe(true);
    expect(evaluate(nearHorizon, request('2026-02-10T10:00', '2026-02-10T11:00')).reasons).toEqual([
      { code: 'bookingTooFarAhead', params: { amenityId: 'gym', maxDaysAhead: 30, latestDate: '2026-02-09' } },
    ]);
  });
});

describe('quotas per unit, across desks, in the building’s calendar', () => {
  const room = partyRoom({}, { maxDaysAhead: 730, minNoticeMinutes: 0 });
  const march3 = booked('2026-03-03T18:00', '2026-03-03T20:30', { amenityId: 'party', requestedDeskId: 'desk-mailroom' });

  it('names the unit and the date of the booking it already has (the issue’s example)', () => {
    expect(evaluate(room, request('2026-03-20T18:00', '2026-03-20T20:30'), { bookings: [march3] }).reasons).toEqual([
      { code: 'bookingQuotaReached', params: { amenityId: 'party', max: 1, period: 'month', unit: '12B', existingDate: '2026-03-03', existingCount: 1 } },
    ]);
    expect(evaluate(room, request('2026-03-20T18:00', '2026-03-20T20:30'), { bookings: [march3], resident: { unitId: 'u2', occupancy: 'tenant' } }).allowed).toBe(true);
    expect(evaluate(room, request('2026-04-01T18:00', '2026-04-01T20:30'), { bookings: [march3] }).allowed).toBe(true);
  });

  it('counts by the local date: 22:00 on March 31 in New York is April in UTC but March here', () => {
    const late = sampleAmenity({ id: 'late' }, { openingHours: everyDay({ open: '08:00', close: '24:00' }), quotas: [{ period: 'month', max: 1 }], maxDaysAhead: 730 });
    const lastNight = booked('2026-03-31T22:00', '2026-03-31T23:00', { amenityId: 'late' });
    expect(lastNight.start.startsWith('2026-04-01')).toBe(true);
    expect(evaluate(late, request('2026-04-15T10:00', '2026-04-15T11:00'), { bookings: [lastNight] }).allowed).toBe(true);
    expect(codes(evaluate(late, request('2026-03-15T10:00', '2026-03-15T11:00'), { bookings: [lastNight] }))).toEqual(['bookingQuotaReached']);
  });

  it('starts weeks on Monday and counts days and weeks too', () => {
    const weekly = sampleAmenity({}, { quotas: [{ period: 'week', max: 1 }, { period: 'day', max: 1 }], maxDaysAhead: 730 });
    const sunday = [booked('2026-03-08T10:00', '2026-03-08T11:00')];
    expect(evaluate(weekly, request('2026-03-09T10:00', '2026-03-09T11:00'), { bookings: sunday }).allowed).toBe(true); // Monday
    expect(evaluate(weekly, request('2026-03-02T10:00', '2026-03-02T11:00'), { bookings: sunday }).reasons).toEqual([
      { code: 'bookingQuotaReached', params: { amenityId: 'gym', max: 1, period: 'week', unit: '12B', existingDate: '2026-03-08', existingCount: 1 } },
    ]);
    expect(codes(evaluate(weekly, request('2026-03-08T14:00', '2026-03-08T15:00'), { bookings: sunday }))).toEqual(['bookingQuotaReached', 'bookingQuotaReached']);
  });

  it('does not count bookings that hold no room, nor the booking being re-checked', () => {
    const cancelled = { ...march3, status: 'cancelled' as const };
    expect(evaluate(room, request('2026-03-20T18:00', '2026-03-20T20:30'), { bookings: [cancelled] }).allowed).toBe(true);
    expect(evaluate(room, request('2026-03-03T18:00', '2026-03-03T20:30'), { bookings: [march3], ignoreBookingId: march3.id }).allowed).toBe(true);
  });

  it('counts the leap day in its month', () => {
    const leapDay = booked('2028-02-29T18:00', '2028-02-29T20:30', { amenityId: 'party' });
    const now = '2028-01-10T12:00:00.000Z';
    expect(evaluate(room, request('2028-02-29T20:30', '2028-02-29T23:00'), { now }).allowed).toBe(true);
    expect(evaluate(room, request('2028-02-01T18:00', '2028-02-01T20:30'), { now, bookings: [leapDay] }).reasons[0]?.params).toMatchObject({ existingDate: '2028-02-29' });
    expect(evaluate(room, request('2028-03-01T18:00', '2028-03-01T20:30'), { now, bookings: [leapDay] }).allowed).toBe(true);
  });

  it('keeps "once every N days" between a unit’s bookings, before or after', () => {
    const everyWeek = sampleAmenity({}, { minDaysBetween: 7, maxDaysAhead: 730 });
    const bookings = [booked('2026-03-03T10:00', '2026-03-03T11:00')];
    expect(evaluate(everyWeek, request('2026-03-08T10:00', '2026-03-08T11:00'), { bookings }).reasons).toEqual([
      { code: 'bookingTooSoonAfterLast', params: { amenityId: 'gym', days: 7, unit: '12B', existingDate: '2026-03-03' } },
    ]);
    expect(codes(evaluate(everyWeek, request('2026-02-27T10:00', '2026-02-27T11:00'), { bookings }))).toEqual(['bookingTooSoonAfterLast']);
    expect(evaluate(everyWeek, request('2026-03-10T10:00', '2026-03-10T11:00'), { bookings }).allowed).toBe(true);
  });

  it('lets only owners or only tenants book when the rules say so', () => {
    const ownersOnly = sampleAmenity({}, { eligibility: 'owner' });
    const asked = request('2026-01-15T10:00', '2026-01-15T11:00');
    expect(evaluate(ownersOnly, asked).allowed).toBe(true);
    expect(evaluate(ownersOnly, asked, { resident: { unitId: 'u1', occupancy: 'tenant' } }).reasons).toEqual([
      { code: 'bookingNotEligible', params: { amenityId: 'gym', eligibility: 'owner', occupancy: 'tenant' } },
    ]);
  });
});

describe('every reason at once', () => {
  it('lists all the rules a request breaks, the most fundamental first', () => {
    const room = partyRoom({ active: false }, { eligibility: 'owner', maxDaysAhead: 730 });
    const bookings = [booked('2026-03-03T18:00', '2026-03-03T20:30', { amenityId: 'party', unitId: 'u2' }), booked('2026-03-10T18:00', '2026-03-10T20:30', { amenityId: 'party' })];
    const result = evaluate(room, request('2026-03-03T19:00', '2026-03-03T21:00'), { bookings, resident: { unitId: 'u1', occupancy: 'tenant' }, now: iso('2026-03-03T18:30') });
    expect(codes(result)).toEqual(['bookingAmenityInactive', 'bookingTooShortNotice', 'bookingNotEligible', 'bookingNotASlot', 'bookingQuotaReached', 'bookingCapacityFull']);
    expect(result.capacityOnly).toBe(false);
  });
});

describe('daylight-saving days', () => {
  const wholeDay = (timeZone: string, rules = {}) => ({
    amenity: sampleAmenity({ id: 'studio' }, { openingHours: everyDay({ open: '00:00', close: '24:00' }), slotting: { kind: 'free', minMinutes: 60, maxMinutes: 180, stepMinutes: 30 }, ...rules }),
    timeZone,
  });

  it('refuses a local time skipped when New York springs forward (2026-03-08), naming it', () => {
    const { amenity } = wholeDay(NY);
    expect(evaluate(amenity, request('2026-03-08T02:30', '2026-03-08T03:30')).reasons).toEqual([
      { code: 'bookingNonexistentTime', params: { amenityId: 'studio', date: '2026-03-08', time: '02:30' } },
    ]);
    // 01:00–04:00 on the wall is two real hours.
    expect(evaluate(amenity, request('2026-03-08T01:00', '2026-03-08T04:00'))).toMatchObject({ allowed: true, start: '2026-03-08T06:00:00.000Z', end: '2026-03-08T08:00:00.000Z' });
    expect(evaluate(amenity, request('2026-03-08T01:00', '2026-03-08T05:00')).allowed).toBe(true); // three real hours, the maximum
    expect(evaluate(amenity, request('2026-03-08T01:00', '2026-03-08T05:30')).reasons).toEqual([{ code: 'bookingTooLong', params: { amenityId: 'studio', minutes: 210, max: 180 } }]);
  });

  it('counts the repeated hour when New York falls back (2026-11-01): 01:00–02:00 on the wall is two real hours', () => {
    const { amenity } = wholeDay(NY);
    const result = evaluate(amenity, request('2026-11-01T01:00', '2026-11-01T02:00'), { now: '2026-10-01T12:00:00.000Z' });
    expect(result).toMatchObject({ allowed: true, start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T07:00:00.000Z' });
    const short = sampleAmenity({ id: 'studio' }, { openingHours: everyDay({ open: '00:00', close: '24:00' }), slotting: { kind: 'free', minMinutes: 30, maxMinutes: 60, stepMinutes: 30 } });
    expect(evaluate(short, request('2026-11-01T01:00', '2026-11-01T02:00'), { now: '2026-10-01T12:00:00.000Z' }).reasons).toEqual([{ code: 'bookingTooLong', params: { amenityId: 'studio', minutes: 120, max: 60 } }]);
  });

  it('does the same in Paris (2026-03-29 and 2026-10-25)', () => {
    const { amenity } = wholeDay('Europe/Paris');
    const paris = (asked: BookingRequest, now = NOW) => evaluateBooking({ amenity, timeZone: 'Europe/Paris', bookings: [], request: asked, now, resident: { unitId: 'u1', occupancy: 'owner' }, unitLabel: '12B' });
    expect(codes(paris(request('2026-03-29T02:00', '2026-03-29T03:00')))).toEqual(['bookingNonexistentTime']);
    expect(paris(request('2026-03-29T01:00', '2026-03-29T04:00'))).toMatchObject({ allowed: true, start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T02:00:00.000Z' });
    expect(paris(request('2026-10-25T02:00', '2026-10-25T03:00'), '2026-10-01T12:00:00.000Z')).toMatchObject({ allowed: true, start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T02:00:00.000Z' });
  });

  it('has no gap in Montevideo, which keeps UTC-3 all year since 2015', () => {
    const { amenity } = wholeDay('America/Montevideo');
    const result = evaluateBooking({ amenity, timeZone: 'America/Montevideo', bookings: [], request: request('2026-03-08T02:30', '2026-03-08T03:30'), now: NOW, resident: { unitId: 'u1', occupancy: 'owner' }, unitLabel: '12B' });
    expect(result).toMatchObject({ allowed: true, start: '2026-03-08T05:30:00.000Z' });
  });

  it('lets a fixed slot cross midnight and the spring-forward night', () => {
    const night = sampleAmenity({ id: 'night', capacity: 1 }, { openingHours: everyDay({ open: '22:00', close: '06:00' }), slotting: { kind: 'fixed', slots: [{ start: '22:00', end: '06:00' }] } });
    const result = evaluate(night, request('2026-03-07T22:00', '2026-03-08T06:00'));
    expect(result).toMatchObject({ allowed: true, start: '2026-03-08T03:00:00.000Z', end: '2026-03-08T10:00:00.000Z' });
  });
});
