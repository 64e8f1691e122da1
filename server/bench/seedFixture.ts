// Benchmark helper (bench/sync): seeds one standard fixture building (shared/demo, BENCHMARKS.md)
// into a central-service database and issues desk enrollment codes, then exits, so the real
// service (`server/main.ts`, same DATA_DIR) can start on it afterwards. Not used by the service.
//
//   DATA_DIR=/tmp/x npx tsx server/bench/seedFixture.ts --size large --seed 1 --content working-set --codes 2
//
// --content working-set: what a desk keeps (shared/demo/workingSet.ts, the sync issue's working
//   set): the building, units, residents, active staff, waiting packages and those released in the
//   last 30 days, and the events of the last 30 days.
// --content full-history: everything the fixture has that the server stores: all staff, every
//   package of the three years and every package event (about 100,000 and 200,000 for "large").
// --now ISO: the instant the history ends (default: now); the working set is cut relative to it.
// Database: DATABASE_URL (PostgreSQL, with --pg-schema, default public) or DATA_DIR (SQLite).
// Prints one JSON line on stdout: building id and version, rows per table, the codes, and a
// doorperson (display name and fixture PIN, which protect nothing) for signing in on a desk.

import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fixtureEvents, generateBuilding, workingSet, type FixtureSize } from '../../shared/demo/fixture';
import type { DomainEvent } from '../../shared/domain/model';
import { historySince, inWorkingSet } from '../../shared/sync/workingSet';
import { createDatabase, databaseConfigFromEnv, type DatabaseConfig, type ServerDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { issueEnrollmentCode } from '../identity/enrollment';
import { seedBuilding, type BuildingSeed } from '../sync/seed';

export type SeedContent = 'working-set' | 'full-history';

/** How much later than the seeding's `now` the service may pull (see deskRows). */
export const SERVICE_CLOCK_MARGIN_MS = 30 * 60_000;

export interface SeededFixture {
  buildingId: string;
  /** The building's version after seeding: a desk that pulled everything has this cursor. */
  version: number;
  content: SeedContent;
  size: FixtureSize;
  seed: number;
  now: string;
  /** Rows written per synced table (buildings counts the building row). */
  rows: Record<'buildings' | 'units' | 'residents' | 'staff' | 'packages' | 'events', number>;
  totalRows: number;
  /**
   * The rows a desk holds after its first sync from this service (the working set; settled
   * history older than the window stays on the service), for a service clock between `now` and
   * SERVICE_CLOCK_MARGIN_MS later: rows settled within that margin of the window's start may go
   * either way.
   */
  deskRows: Record<'buildings' | 'units' | 'residents' | 'staff' | 'packages' | 'events', { min: number; max: number }>;
  codes: string[];
  doorperson: { id: string; displayName: string; role: string; pin: string };
  seedMs: number;
}

export async function seedFixtureBuilding(
  db: ServerDb,
  options: { size: FixtureSize; seed: number; now: Date; content: SeedContent; codes: number },
): Promise<SeededFixture> {
  const fixture = await generateBuilding({ size: options.size, seed: options.seed, now: options.now });
  // Events are produced lazily for the full history (about 200,000 for "large"), counted on the way.
  let events = 0;
  // What a desk keeps depends on the service's clock at the pull (the working set's window), a
  // little after `now`: count what falls in the window for both ends of that margin.
  const windowStart = historySince(options.now);
  const windowStartLater = historySince(new Date(options.now.getTime() + SERVICE_CLOCK_MARGIN_MS));
  const eventsKept = { max: 0, min: 0 };
  const counted = function* (source: Iterable<DomainEvent>): Iterable<DomainEvent> {
    for (const event of source) {
      events += 1;
      if (inWorkingSet('events', event, windowStart)) eventsKept.max += 1;
      if (inWorkingSet('events', event, windowStartLater)) eventsKept.min += 1;
      yield event;
    }
  };
  let seed: BuildingSeed;
  if (options.content === 'working-set') {
    const set = workingSet(fixture, options.now);
    seed = { building: set.building, units: set.units, residents: set.residents, staff: set.staff, packages: set.packages, events: counted(set.events) };
  } else {
    seed = { building: fixture.building, units: fixture.units, residents: fixture.residents, staff: fixture.staff, packages: fixture.packages, events: counted(fixtureEvents(fixture)) };
  }
  const started = performance.now();
  const { buildingId, version } = await seedBuilding(db, seed, { now: () => options.now });
  const seedMs = performance.now() - started;

  const manager = fixture.staff.find((member) => member.active && member.role !== 'doorperson') ?? fixture.staff[0];
  const doorperson = fixture.staff.find((member) => member.active && member.role === 'doorperson');
  const pin = doorperson ? fixture.staffPins[doorperson.id] : undefined;
  if (!manager || !doorperson || !pin) throw new Error('the fixture has no active manager or doorperson with a PIN');
  const codes: string[] = [];
  for (let i = 0; i < options.codes; i++) codes.push((await issueEnrollmentCode(db, { buildingId, createdBy: manager.id, lifetimeHours: 24 })).code);
  const rows = {
    buildings: 1,
    units: seed.units.length,
    residents: seed.residents.length,
    staff: seed.staff.length,
    packages: seed.packages?.length ?? 0,
    events,
  };
  const packages = seed.packages ?? [];
  const deskRows: SeededFixture['deskRows'] = {
    buildings: { min: 1, max: 1 },
    units: { min: rows.units, max: rows.units },
    residents: { min: rows.residents, max: rows.residents },
    staff: { min: rows.staff, max: rows.staff },
    packages: {
      min: packages.filter((pkg) => inWorkingSet('packages', pkg, windowStartLater)).length,
      max: packages.filter((pkg) => inWorkingSet('packages', pkg, windowStart)).length,
    },
    events: eventsKept,
  };
  return {
    buildingId,
    version,
    deskRows,
    content: options.content,
    size: options.size,
    seed: options.seed,
    now: options.now.toISOString(),
    rows,
    totalRows: Object.values(rows).reduce((sum, count) => sum + count, 0),
    codes,
    doorperson: { id: doorperson.id, displayName: doorperson.displayName, role: doorperson.role, pin },
    seedMs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'large' },
      seed: { type: 'string', default: '1' },
      content: { type: 'string', default: 'working-set' },
      codes: { type: 'string', default: '1' },
      now: { type: 'string' },
      'pg-schema': { type: 'string' },
    },
    strict: true,
  });
  const size = values.size as FixtureSize;
  if (!['demo', 'small', 'large'].includes(size)) throw new RangeError('--size must be demo, small or large');
  const content = values.content as SeedContent;
  if (content !== 'working-set' && content !== 'full-history') throw new RangeError('--content must be working-set or full-history');
  const now = values.now ? new Date(values.now) : new Date();
  if (!Number.isFinite(now.getTime())) throw new RangeError('--now is not a date');
  let config: DatabaseConfig = databaseConfigFromEnv(process.env);
  if (config.kind === 'postgres' && values['pg-schema']) config = { ...config, schema: values['pg-schema'] };
  const db = createDatabase(config);
  try {
    await migrateToLatest(db);
    const seeded = await seedFixtureBuilding(db, { size, seed: Number(values.seed), now, content, codes: Math.max(0, Number(values.codes) || 0) });
    process.stdout.write(`${JSON.stringify(seeded)}\n`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`seedFixture failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
