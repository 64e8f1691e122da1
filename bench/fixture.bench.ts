// Times generation of the standard fixture and prints its counts and the desk's working-set size.
//   npx tsx bench/fixture.bench.ts [--json] [--size large|small|demo] [--seed 1] [--runs 3]
// Fails (exit 1) only when the fixture is wrong: a count off, a row that does not parse (a sample
// of rows for 'large'), a broken reference, or two runs with the same seed that differ.

import { fixtureEvents, generateBuilding, workingSet, type BuildingFixture } from '../shared/demo/fixture';
import { SIZE_PROFILES } from '../shared/demo/profiles';
import { hashString } from '../shared/demo/random';
import { validateFixture } from '../shared/demo/validate';
import { parseBenchArgs } from './lib/args';
import { countOf, measureOf, printReport, type Measure } from './lib/report';
import { timeRuns } from './lib/timing';

// A fixed end of history, so every run (and every machine) generates the very same data.
const NOW = new Date('2025-06-01T16:00:00Z');

const args = parseBenchArgs(process.argv.slice(2), { runs: 3 });
const context = { bench: 'fixture', fixture: args.size, seed: args.seed };
const profile = SIZE_PROFILES[args.size];

/** A digest of every row, to prove that runs with the same seed produced identical data. */
function fingerprint(fixture: BuildingFixture): number {
  let hash = 0;
  const tables: readonly (readonly unknown[])[] = [fixture.units, fixture.residents, fixture.staff, fixture.packages, fixture.bookings, fixture.threads, fixture.messages];
  for (const rows of tables) for (const row of rows) hash = (Math.imul(hash, 31) + hashString(JSON.stringify(row))) >>> 0;
  return hash;
}

const generation = await timeRuns(args.runs, () => generateBuilding({ size: args.size, seed: args.seed, now: NOW }));
const fixture = generation.result;
// Determinism: one more, untimed generation with the same seed must produce the very same rows.
const sameSeedAgain = fingerprint(await generateBuilding({ size: args.size, seed: args.seed, now: NOW }));

const working = await timeRuns(args.runs, () => workingSet(fixture, NOW));
const lazyEvents = await timeRuns(args.runs, () => {
  let count = 0;
  for (const _event of fixtureEvents(fixture)) count++;
  return count;
});
const validation = await timeRuns(1, () => validateFixture(fixture, { sampleEvery: args.size === 'large' ? 20 : 1 }));

const problems = [...validation.result];
const expect = (what: string, actual: number, expected: number): void => {
  if (actual !== expected) problems.push(`${what}: ${actual}, expected ${expected}`);
};
const waiting = fixture.packages.filter((pkg) => pkg.status === 'waiting').length;
const released = fixture.packages.filter((pkg) => pkg.status === 'released').length;
expect('units', fixture.units.length, profile.floors * profile.unitsPerFloor);
expect('residents', fixture.residents.length, profile.residents);
expect('staff', fixture.staff.length, profile.staffRoles.length);
expect('amenities', fixture.amenities.length, profile.amenities);
expect('packages', fixture.packages.length, profile.packages);
expect('waiting packages', waiting, profile.waitingPackages);
expect('bookings', fixture.bookings.length, profile.bookings);
expect('threads', fixture.threads.length, profile.threads);
expect('messages', fixture.messages.length, profile.messages);
expect('events', lazyEvents.result, fixture.packages.length + released);
if (fingerprint(fixture) !== sameSeedAgain) problems.push('two generations with the same seed differ');

const set = working.result;
const measures: Measure[] = [
  measureOf({ ...context, measure: 'generate', unit: 'ms' }, generation.samples),
  measureOf({ ...context, measure: 'workingSet', unit: 'ms' }, working.samples),
  measureOf({ ...context, measure: 'events (lazy, all)', unit: 'ms' }, lazyEvents.samples),
  measureOf({ ...context, measure: 'validate (sample)', unit: 'ms' }, validation.samples),
  countOf({ ...context, measure: 'units' }, fixture.units.length),
  countOf({ ...context, measure: 'residents' }, fixture.residents.length),
  countOf({ ...context, measure: 'staff' }, fixture.staff.length),
  countOf({ ...context, measure: 'amenities' }, fixture.amenities.length),
  countOf({ ...context, measure: 'packages' }, fixture.packages.length),
  countOf({ ...context, measure: 'packages waiting' }, waiting),
  countOf({ ...context, measure: 'bookings' }, fixture.bookings.length),
  countOf({ ...context, measure: 'threads' }, fixture.threads.length),
  countOf({ ...context, measure: 'messages' }, fixture.messages.length),
  countOf({ ...context, measure: 'events' }, lazyEvents.result),
  ...Object.entries(set.counts).map(([table, count]) => countOf({ ...context, measure: `workingSet ${table}` }, count)),
  countOf({ ...context, measure: 'workingSet rows' }, set.rowCount),
];
printReport(measures, { json: args.json, chromium: args.chromium });

if (problems.length > 0) {
  process.stderr.write(`fixture is wrong:\n  ${problems.join('\n  ')}\n`);
  process.exitCode = 1;
}
