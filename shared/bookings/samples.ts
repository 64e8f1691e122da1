// Small, readable amenities and bookings for tests and benchmarks of the rules engine and the
// booking mutators. Every helper takes overrides, so a test states only what it is about.

import type { Amenity, AmenityRules, Booking, OpeningWindow } from '../domain/bookings';

export const everyDay = (...windows: OpeningWindow[]): OpeningWindow[][] => Array.from({ length: 7 }, () => windows);

export function sampleRules(overrides: Partial<AmenityRules> = {}): AmenityRules {
  return {
    id: 'rules-1',
    effectiveFrom: null,
    effectiveUntil: null,
    openingHours: everyDay({ open: '08:00', close: '22:00' }),
    slotting: { kind: 'free', minMinutes: 30, maxMinutes: 120, stepMinutes: 30 },
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    maxDaysAhead: 365,
    quotas: [],
    minDaysBetween: null,
    approval: 'automatic',
    feeCents: 0,
    depositCents: 0,
    cancellationCutoffHours: 0,
    eligibility: 'both',
    ...overrides,
  };
}

export function sampleAmenity(overrides: Partial<Amenity> = {}, rules: Partial<AmenityRules> = {}): Amenity {
  return {
    id: 'gym',
    name: { en: 'Gym', es: 'Gimnasio', fr: 'Salle de sport' },
    description: {},
    capacity: 3,
    active: true,
    currency: 'USD',
    rules: [sampleRules(rules)],
    blackouts: [],
    ...overrides,
  };
}

/** The party room of the issue: two evening slots, one booking per unit per month, cleaning after. */
export function partyRoom(overrides: Partial<Amenity> = {}, rules: Partial<AmenityRules> = {}): Amenity {
  return sampleAmenity(
    { id: 'party', name: { en: 'Party room', es: 'Sala de fiestas', fr: 'Salle des fêtes' }, capacity: 1, ...overrides },
    {
      id: 'party-rules',
      openingHours: everyDay({ open: '18:00', close: '23:00' }),
      slotting: { kind: 'fixed', slots: [{ start: '18:00', end: '20:30' }, { start: '20:30', end: '23:00' }] },
      quotas: [{ period: 'month', max: 1 }],
      minNoticeMinutes: 60,
      feeCents: 5000,
      depositCents: 20000,
      cancellationCutoffHours: 48,
      ...rules,
    },
  );
}

let bookingSequence = 0;

export function sampleBooking(overrides: Partial<Booking> & Pick<Booking, 'start' | 'end'>): Booking {
  bookingSequence += 1;
  return {
    id: `bk-${bookingSequence}`,
    amenityId: 'gym',
    unitId: 'u1',
    residentId: 'r1',
    partySize: 1,
    status: 'confirmed',
    note: null,
    requestedAt: '2026-01-01T12:00:00.000Z',
    requestedBy: 's1',
    requestedDeskId: 'd1',
    mutationId: `m-bk-${bookingSequence}`,
    feeCents: 0,
    depositCents: 0,
    decision: null,
    cancellation: null,
    checkIn: null,
    offeredFromWaitlistAt: null,
    ...overrides,
  };
}
