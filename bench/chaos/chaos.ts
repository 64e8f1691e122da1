// `npm run bench:chaos [-- --seeds 50] [--steps 500] [--from 1|random] [--seed N] [--postgres]
//   [--desks N] [--fault-rate R] [--verbose] [--strict]`
//
// The long run of the seeded sync simulator (tests/sim/, see its README): many seeds, each with
// 3–4 in-process desks against the real central service through a faulty network, then heal,
// quiesce and check the invariants. Prints every seed it tried with its outcome, the faults
// injected, mutations and rejections, and the time; exits 1 when any invariant broke. A failing
// seed prints its trace and the command that replays it (`--seed N --steps S`). Findings (business
// rules the mutators themselves break, not sync) are printed and counted; with --strict they fail too.
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import { testDatabaseTargets, type TestDatabaseTarget } from '../../server/testing/databases';
import { FAULT_KINDS, type FaultKind } from '../../tests/sim/network';
import { formatResult, runSimulation, type SimResult } from '../../tests/sim/simulator';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seeds: { type: 'string' },
    steps: { type: 'string' },
    from: { type: 'string' },
    seed: { type: 'string' },
    postgres: { type: 'boolean', default: false },
    desks: { type: 'string' },
    'fault-rate': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
  strict: true,
});

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`--${name} must be an integer ≥ ${min}`);
  return value;
}

const steps = integer('steps', values.steps, 500, 1);
const desks = values.desks === undefined ? undefined : integer('desks', values.desks, 3, 1);
const faultRate = values['fault-rate'] === undefined ? undefined : Number(values['fault-rate']);
if (faultRate !== undefined && !(faultRate >= 0 && faultRate <= 1)) throw new RangeError('--fault-rate must be between 0 and 1');
let seeds: number[];
if (values.seed !== undefined) {
  seeds = [integer('seed', values.seed, 1, 0)];
} else {
  const count = integer('seeds', values.seeds, 50, 1);
  const from = values.from === 'random' ? Math.floor(Math.random() * 1_000_000) : integer('from', values.from, 1, 0);
  seeds = Array.from({ length: count }, (_, index) => from + index);
}

function chooseTarget(): TestDatabaseTarget {
  if (!values.postgres) {
    const sqlite = testDatabaseTargets({}).find((target) => target.dialect === 'sqlite');
    if (!sqlite) throw new Error('no SQLite target');
    return sqlite;
  }
  const url = process.env.TEST_DATABASE_URL ?? '';
  const postgres = testDatabaseTargets({ TEST_DATABASE_URL: url }).find((target) => target.dialect === 'postgres');
  if (!postgres) throw new Error('--postgres needs TEST_DATABASE_URL (see server/README.md)');
  return postgres;
}

const target = chooseTarget();
const single = seeds.length === 1;
console.log(`chaos: ${seeds.length} seed(s) ${single ? String(seeds[0]) : `${seeds[0]}..${seeds.at(-1)}`}, ${steps} steps each, on ${target.dialect}${desks ? `, ${desks} desks` : ''}${faultRate !== undefined ? `, fault rate ${faultRate}` : ''}`);

const started = performance.now();
const results: SimResult[] = [];
for (const seed of seeds) {
  const result = await runSimulation({
    seed,
    steps,
    target,
    desks,
    faultRate,
    traceSize: single ? 400 : 80,
    onTrace: values.verbose ? (line) => console.log(`    ${line}`) : undefined,
  });
  results.push(result);
  if (single || !result.ok) console.log(formatResult(result, { trace: !values.verbose }));
  else {
    const { stats } = result;
    const faults = FAULT_KINDS.reduce((sum, kind) => sum + stats.faults[kind], 0);
    const findings = findingKinds(result);
    console.log(
      `seed ${seed}: ok  ${stats.desks} desks, fault rate ${stats.faultRate}, ${stats.mutations} mutations (${stats.rejected} rejected), ${faults} faults, ${stats.kills} kills, ${stats.serverRestarts} restarts, ${(result.elapsedMs / 1000).toFixed(1)} s${findings.length ? `; findings: ${findings.join('; ')}` : ''}`,
    );
  }
}

/** The category lines of a result's findings ("SHELF CODE TWICE: …: 2 case(s)"). */
function findingKinds(result: SimResult): string[] {
  return result.findings.filter((line) => !line.startsWith(' '));
}

const failed = results.filter((result) => !result.ok);
const sum = (pick: (result: SimResult) => number) => results.reduce((total, result) => total + pick(result), 0);
const faultTotals = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, sum((result) => result.stats.faults[kind])])) as Record<FaultKind, number>;
const rejectionCodes: Record<string, number> = {};
for (const result of results) for (const [code, count] of Object.entries(result.stats.rejectionCodes)) rejectionCodes[code] = (rejectionCodes[code] ?? 0) + count;
console.log('');
console.log(`seeds tried: ${seeds.join(' ')}`);
console.log(`${results.length - failed.length}/${results.length} seeds ok on ${target.dialect}, ${steps} steps each, ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`mutations ${sum((result) => result.stats.mutations)} (applied ${sum((result) => result.stats.applied)}, rejected ${sum((result) => result.stats.rejected)}), refused locally ${sum((result) => result.stats.localRejections)}`);
console.log(`rejections by code: ${Object.entries(rejectionCodes).map(([code, count]) => `${code} ${count}`).join(', ') || 'none'}`);
const bookingStatuses: Record<string, number> = {};
for (const result of results) for (const [status, count] of Object.entries(result.stats.bookings)) bookingStatuses[status] = (bookingStatuses[status] ?? 0) + count;
console.log(`bookings at the end by status: ${Object.entries(bookingStatuses).map(([status, count]) => `${status} ${count}`).join(', ') || 'none'}`);
console.log(`requests: push ${sum((result) => result.stats.requests.push)}, pull ${sum((result) => result.stats.requests.pull)}`);
console.log(`faults injected: ${FAULT_KINDS.map((kind) => `${kind} ${faultTotals[kind]}`).join(', ')}`);
console.log(`desk kills ${sum((result) => result.stats.kills)}, service restarts ${sum((result) => result.stats.serverRestarts)}`);
const withFindings = results.filter((result) => result.findings.length > 0);
if (withFindings.length > 0) {
  const kinds = new Map<string, number>();
  for (const result of withFindings) for (const line of findingKinds(result)) kinds.set(line.replace(/: \d+ case\(s\)$/, ''), (kinds.get(line.replace(/: \d+ case\(s\)$/, '')) ?? 0) + 1);
  console.log(`findings (business rules, not sync) in ${withFindings.length} seed(s): ${withFindings.map((result) => result.seed).join(' ')}`);
  for (const [kind, seedCount] of kinds) console.log(`  ${kind}: in ${seedCount} seed(s)`);
  if (values.strict) process.exitCode = 1;
}
if (failed.length > 0) {
  console.log(`FAILED seeds: ${failed.map((result) => result.seed).join(' ')}`);
  for (const result of failed) console.log(`  replay: ${result.replay}`);
  process.exitCode = 1;
}
// Dexie's live-query cache keeps 3 s timers around after the last database closed: do not wait for them.
process.exit();
