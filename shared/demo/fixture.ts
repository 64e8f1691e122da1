// Deterministic building fixtures for demos, tests and benchmarks (see ../../../shared/BENCHMARKS.md
// beside the repository). Same options (seed, size, now, time zone) -> deep-equal output, in Node
// and in the browser alike: all randomness comes from ./random, ids are sequential, PIN salts are
// seeded. The only outside input is the IANA time-zone database that Intl uses.
//
//   const fixture = await generateBuilding({ size: 'small', seed: 1, now: new Date('2025-06-01T12:00:00Z') });
//
// Demo staff and their PINs: see DEMO_STAFF in ./people.

import type { Building, DomainEvent, Package, Resident, Staff, Unit } from '../domain/model';
import { generateBookings, generateAmenities } from './bookings';
import { collectPackageEvents, packageEvents } from './events';
import type { HistoryContext } from './history';
import { generateConversations } from './messages';
import { generatePackages } from './packages';
import { generateResidents, generateStaff, generateUnits } from './people';
import { SIZE_PROFILES, type FixtureSize } from './profiles';
import type { Amenity, Booking } from '../domain/bookings';
import type { Message, MessageThread } from '../domain/messaging';
import { createRandom } from './random';
import { createDutyRoster } from './roster';
import { createZoneCalendar } from './zone';

export type { FixtureSize } from './profiles';
export { DEMO_STAFF } from './people';
export { workingSet, type WorkingSet } from './workingSet';

export interface GenerateBuildingOptions {
  size: FixtureSize;
  /** Default 1, the standard seed of BENCHMARKS.md. */
  seed?: number;
  /** History ends here. Defaults to the current time, which makes the output depend on the clock. */
  now?: Date;
  /** IANA zone of the building. Default America/New_York. */
  timeZone?: string;
  /** PBKDF2 iterations for PIN verifiers: default 210,000 for 'demo', 10,000 otherwise. */
  pinIterations?: number;
  /** Materialize the package events in `events` (about 200,000 for 'large'). Default false. */
  includeEvents?: boolean;
}

export interface BuildingFixture {
  size: FixtureSize;
  seed: number;
  /** ISO instant the history ends at. */
  now: string;
  building: Building;
  units: Unit[];
  residents: Resident[];
  staff: Staff[];
  /** Plain PINs by staff id, so demos and tests can sign in. Never shipped anywhere else. */
  staffPins: Record<string, string>;
  deskIds: string[];
  amenities: Amenity[];
  bookings: Booking[];
  threads: MessageThread[];
  messages: Message[];
  /** Oldest first; ids p-000001 … follow arrival order. */
  packages: Package[];
  /** Oldest first, or null unless `includeEvents` was set; `fixtureEvents` works either way. */
  events: DomainEvent[] | null;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_TIME_ZONE = 'America/New_York';

export async function generateBuilding(options: GenerateBuildingOptions): Promise<BuildingFixture> {
  const profile = SIZE_PROFILES[options.size];
  if (!profile) throw new RangeError(`unknown fixture size ${String(options.size)}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const nowMs = (options.now ?? new Date()).getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date');
  const calendar = createZoneCalendar(options.timeZone ?? DEFAULT_TIME_ZONE);
  // Each part draws from its own stream, so changing one generator leaves the others' output alone.
  const random = createRandom(seed);

  const units = generateUnits(profile);
  const residents = generateResidents(random.fork('residents'), units, profile.residents);
  const { staff, staffPins } = await generateStaff(random.fork('staff'), profile, options.size === 'demo', options.pinIterations ?? profile.pinIterations);
  const context: HistoryContext = {
    calendar,
    nowMs,
    today: calendar.dayOf(nowMs),
    historyDays: profile.historyDays,
    roster: createDutyRoster(staff, nowMs),
    deskIds: profile.deskIds,
  };
  const packages = generatePackages(
    random.fork('packages'),
    context,
    { total: profile.packages, waiting: profile.waitingPackages, returned: profile.returnedPackages },
    units,
    residents,
  );
  const amenities = generateAmenities(profile.amenities, context);
  const bookings = generateBookings(random.fork('bookings'), context, amenities, residents, staff, profile.bookings, profile.bookingDaysAhead);
  const { threads, messages } = generateConversations(random.fork('messages'), context, residents, profile.threads, profile.messages);

  return {
    size: options.size,
    seed,
    now: new Date(nowMs).toISOString(),
    building: { id: `b-${options.size}-${seed}`.replace(/[^A-Za-z0-9_-]/g, '_'), name: profile.buildingName, timeZone: calendar.timeZone, defaultLanguage: 'en' },
    units,
    residents,
    staff,
    staffPins,
    deskIds: [...profile.deskIds],
    amenities,
    bookings,
    threads,
    messages,
    packages,
    events: options.includeEvents ? collectPackageEvents(packages) : null,
  };
}

/** The fixture's package events: the materialized list if there is one, else produced lazily. */
export function fixtureEvents(fixture: BuildingFixture): Iterable<DomainEvent> {
  return fixture.events ?? packageEvents(fixture.packages);
}
