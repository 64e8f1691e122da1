// The three fixture sizes. "large" is the standard building of BENCHMARKS.md; "small" is the same
// shape at 5% for quick runs and unit tests; "demo" is a believable building for showing the app,
// with a short, recent history so every screen has something current to show.

import type { StaffRole } from '../domain/model';

export type FixtureSize = 'demo' | 'small' | 'large';
export const FIXTURE_SIZES: readonly FixtureSize[] = ['demo', 'small', 'large'];

export interface SizeProfile {
  readonly buildingName: string;
  readonly floors: number;
  readonly unitsPerFloor: number;
  readonly residents: number;
  /** Roles of the generated staff, in id order; the last `inactiveStaff` of them have left. */
  readonly staffRoles: readonly StaffRole[];
  readonly inactiveStaff: number;
  readonly deskIds: readonly string[];
  readonly amenities: number;
  /** Days of history before `now` (packages, bookings, messages). */
  readonly historyDays: number;
  /** All packages, including the waiting and returned ones. */
  readonly packages: number;
  readonly waitingPackages: number;
  readonly returnedPackages: number;
  readonly bookings: number;
  readonly bookingDaysAhead: number;
  readonly threads: number;
  readonly messages: number;
  /** PBKDF2 iterations for staff PIN verifiers unless the caller overrides them. */
  readonly pinIterations: number;
}

const DOORPERSON = 'doorperson' as const;

export const SIZE_PROFILES: Readonly<Record<FixtureSize, SizeProfile>> = {
  large: {
    buildingName: 'Harbour View Towers',
    floors: 25,
    unitsPerFloor: 40,
    residents: 2_500,
    staffRoles: ['admin', 'manager', 'manager', ...Array<StaffRole>(9).fill(DOORPERSON)],
    inactiveStaff: 1,
    deskIds: ['desk-lobby', 'desk-mailroom'],
    amenities: 20,
    historyDays: 3 * 365,
    packages: 100_000,
    waitingPackages: 300,
    returnedPackages: 120,
    bookings: 20_000,
    bookingDaysAhead: 365,
    threads: 8_000,
    messages: 30_000,
    // Low on purpose: generation must stay fast, and these verifiers protect nothing real.
    pinIterations: 10_000,
  },
  small: {
    buildingName: 'Maple Court',
    floors: 5,
    unitsPerFloor: 10,
    residents: 125,
    staffRoles: ['admin', 'manager', DOORPERSON, DOORPERSON],
    inactiveStaff: 0,
    deskIds: ['desk-lobby'],
    amenities: 3,
    historyDays: 3 * 365,
    packages: 1_000,
    waitingPackages: 30,
    returnedPackages: 3,
    bookings: 1_000,
    bookingDaysAhead: 365,
    threads: 400,
    messages: 1_500,
    pinIterations: 10_000,
  },
  demo: {
    buildingName: 'Edificio Alameda',
    floors: 6,
    unitsPerFloor: 10,
    residents: 140,
    staffRoles: [DOORPERSON, DOORPERSON, 'manager', 'admin'],
    inactiveStaff: 0,
    deskIds: ['desk-lobby'],
    amenities: 4,
    historyDays: 60,
    packages: 226,
    waitingPackages: 25,
    returnedPackages: 1,
    bookings: 160,
    bookingDaysAhead: 60,
    threads: 40,
    messages: 130,
    // The demo signs in like production does, so it uses the production cost.
    pinIterations: 210_000,
  },
};
