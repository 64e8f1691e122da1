import { describe, expect, it } from 'vitest';
import { testDatabaseTargets } from '../../server/testing/databases';
import { formatResult, runSimulation, type SimResult } from './simulator';

// The short run of the seeded sync simulator (README.md in this folder): a few seeds of a few
// hundred steps, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set. The long run
// with many seeds is `npm run bench:chaos`; a failure here prints the seed, the trace and the
// command that replays it.

// PostgreSQL is slower per request (a round trip per query): fewer steps there, to keep the file near 30 s.
const RUNS = { sqlite: { seeds: [1, 2, 3], steps: 150 }, postgres: { seeds: [1, 2], steps: 100 } } as const;
const targets = testDatabaseTargets();
const sqlite = targets.find((target) => target.dialect === 'sqlite');

function assertOk(result: SimResult): void {
  if (!result.ok) expect.fail(`\n${formatResult(result)}`);
}

for (const target of targets) {
  describe(`seeded sync simulator on ${target.dialect}`, () => {
    const { seeds, steps } = RUNS[target.dialect];
    it.each(seeds)(
      `seed %i, ${steps} steps: nothing lost or duplicated, one result per mutation, no double release or overbooking, desks converge`,
      async (seed) => {
        const result = await runSimulation({ seed, steps, target });
        assertOk(result);
        // The run did what it is for: mutations from several desks, through faults.
        expect(result.stats.mutations).toBeGreaterThan(20);
        expect(Object.values(result.stats.faults).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(5);
        expect(Object.values(result.stats.bookings).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(3);
      },
      60_000,
    );
  });
}

describe('the seeded sync simulator itself', () => {
  if (!sqlite) throw new Error('SQLite is always a target');

  it('replays a seed exactly: the same operations, faults and answers', async () => {
    const runs = [await runSimulation({ seed: 11, steps: 60, target: sqlite }), await runSimulation({ seed: 11, steps: 60, target: sqlite })];
    for (const run of runs) assertOk(run);
    // Desk ids are drawn by the server (node:crypto), not from the seed.
    const [first, second] = runs.map((run) => run.trace.filter((line) => !line.includes(' enrolled as ')));
    expect(second).toEqual(first);
    expect(runs[1]?.stats).toEqual(runs[0]?.stats);
  }, 60_000);

  it('fails when a desk loses its outbox in a crash (the invariants catch a lost mutation)', async () => {
    const result = await runSimulation({ seed: 5, steps: 60, target: sqlite, sabotage: 'loseOutboxOnCrash', weights: { crashAfterCommit: 25, revive: 25 } });
    expect(result.ok).toBe(false);
    const report = result.failures.join('\n');
    expect(report).toMatch(/LOST: committed on a desk, never processed by the server/);
    expect(report).toMatch(/READ-YOUR-WRITES/);
    expect(result.replay).toBe('npm run bench:chaos -- --seed 5 --steps 60');
  }, 60_000);

  it('fails when the server stops re-checking bookings against the others (the invariants catch an overbooking)', async () => {
    // The server's mutators see no other bookings of an amenity: it accepts whatever each desk
    // accepted on its own view. Desks that book the same contested slots while apart collide.
    const result = await runSimulation({ seed: 2, steps: 60, target: sqlite, sabotage: 'serverSkipsBookingRules', weights: { book: 40, toggleNetwork: 10 } });
    expect(result.ok).toBe(false);
    const report = result.failures.join('\n');
    expect(report).toMatch(/OVERBOOKED on the server \(final state\): capacity/);
    expect(report).toMatch(/OVERBOOKED on the server \(history\): (capacity|quota)/);
    expect(report).toMatch(/OVERBOOKED on a desk \(final state\)/);
  }, 60_000);
});
