import type { Amenity, AmenityRules } from '../../shared/domain/bookings';
import type { Resident } from '../../shared/domain/model';
import type { BuildingSeed } from '../../server/sync/seed';
import { tinyBuilding } from '../../server/testing/buildings';

// The simulated building: the tiny test building (units u1 and u2, residents r1 and r3 in u1 and r2
// in u2, a doorperson s1, a manager s2, an inactive doorperson s3; America/New_York), two more
// units with a resident each (per-unit quotas fill up less quickly with four units, so more
// bookings reach the server), and two amenities chosen so that desks collide on them:
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
  const tiny = tinyBuilding(buildingId);
  const [template] = tiny.residents;
  if (!template) throw new Error('the tiny building has residents');
  const more = [
    { unit: 'u3', label: '7C', resident: 'r4', firstName: 'Marta' },
    { unit: 'u4', label: '9D', resident: 'r5', firstName: 'Omar' },
  ];
  const residents: Resident[] = more.map(({ unit, resident, firstName }) => ({ ...template, id: `${buildingId}-${resident}`, unitId: `${buildingId}-${unit}`, firstName, occupancy: 'tenant' }));
  return {
    ...tiny,
    units: [...tiny.units, ...more.map(({ unit, label }, index) => ({ id: `${buildingId}-${unit}`, label, floor: 7 + 2 * index }))],
    residents: [...tiny.residents, ...residents],
    amenities: [simRoom(buildingId), simGym(buildingId)],
  };
}
