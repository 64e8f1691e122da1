import type { Amenity, AmenityRules } from '../../shared/domain/bookings';
import type { BuildingSeed } from '../../server/sync/seed';
import { tinyBuilding } from '../../server/testing/buildings';

// The simulated building: the tiny test building (2 units, 3 residents of which two share unit u1,
// a doorperson s1, a manager s2, an inactive doorperson s3; America/New_York) plus two amenities
// chosen so that desks collide on them:
//  - a party room: capacity 1, two fixed evening slots, per-unit quotas (one a day, two a week),
//    manager approval required, a 24 h cancellation cutoff (doorpersons cannot cancel late);
//  - a gym: capacity 3 with party sizes, free 30/60-minute bookings on a 30-minute grid, a
//    15-minute cleaning gap that counts against capacity, a per-unit daily quota, automatic
//    approval, 15 minutes' notice, one day ahead at most, a 1 h cancellation cutoff.
// The server is seeded with it, and the invariants' serial model starts from it.

const everyDay = (open: string, close: string): AmenityRules['openingHours'] => Array.from({ length: 7 }, () => [{ open, close }]);

function baseRules(id: string): AmenityRules {
  return {
    id,
    effectiveFrom: null,
    effectiveUntil: null,
    openingHours: everyDay('06:00', '22:00'),
    slotting: { kind: 'free', minMinutes: 30, maxMinutes: 60, stepMinutes: 30 },
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    maxDaysAhead: 14,
    quotas: [],
    minDaysBetween: null,
    approval: 'automatic',
    feeCents: 0,
    depositCents: 0,
    cancellationCutoffHours: 0,
    eligibility: 'both',
  };
}

export function simRoom(buildingId: string): Amenity {
  return {
    id: `${buildingId}-room`,
    name: { en: 'Party room', es: 'Salón de fiestas' },
    description: {},
    capacity: 1,
    active: true,
    currency: 'USD',
    rules: [
      {
        ...baseRules(`${buildingId}-room-r1`),
        openingHours: everyDay('18:00', '23:00'),
        slotting: { kind: 'fixed', slots: [{ start: '18:00', end: '20:30' }, { start: '20:30', end: '23:00' }] },
        minNoticeMinutes: 60,
        quotas: [{ period: 'day', max: 1 }, { period: 'week', max: 2 }],
        approval: 'required',
        feeCents: 5000,
        depositCents: 20000,
        cancellationCutoffHours: 24,
      },
    ],
    blackouts: [],
  };
}

export function simGym(buildingId: string): Amenity {
  return {
    id: `${buildingId}-gym`,
    name: { en: 'Gym', es: 'Gimnasio' },
    description: {},
    capacity: 3,
    active: true,
    currency: 'USD',
    rules: [
      {
        ...baseRules(`${buildingId}-gym-r1`),
        bufferAfterMinutes: 15,
        minNoticeMinutes: 15,
        maxDaysAhead: 1,
        quotas: [{ period: 'day', max: 2 }],
        cancellationCutoffHours: 1,
      },
    ],
    blackouts: [],
  };
}

export function simBuilding(buildingId: string): BuildingSeed {
  return { ...tinyBuilding(buildingId), amenities: [simRoom(buildingId), simGym(buildingId)] };
}
