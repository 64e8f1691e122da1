// Central-service throughput: many simulated desks (Node, no browser) holding their poke streams
// and pushing receivePackage mutations against the real HTTP service, on SQLite and on PostgreSQL.
//
//   npx tsx bench/sync/server.bench.ts [--json] [--seed 1] [--db both|sqlite|postgres]
//       [--desks 200] [--desks-per-building 2] [--duration 30] [--rate 0.3×desks] [--saturate 10]
//       [--pool 10] [--pg-url postgres://…] [--skip-pulls]
//   The target scenario (1,000 desks, 300 mutations/s on PostgreSQL, p95 < 50 ms):
//   npx tsx bench/sync/server.bench.ts --db postgres --desks 1000 --rate 300 --duration 60
//
// The service: server/bench/throughputService.ts in its own process (buildApp wired as
// server/main.ts wires it: the local poke hub on SQLite, LISTEN/NOTIFY on PostgreSQL), on loopback,
// on a fresh SQLite data dir or a fresh PostgreSQL schema of its own (dropped afterwards), with
// desks ÷ desks-per-building copies of the small fixture building. Each simulated desk
// (lib/simDesk.ts) enrolls with a one-time code, pulls the building, holds its poke stream (SSE read
// with fetch) and pulls on every poke, as the desk app does (--skip-pulls: pokes are only counted).
// Phases, each bounded in time:
//   1. open loop, `--duration` s: mutations arrive as a Poisson process of `--rate` per second
//      (seeded), each on a desk picked at random; a desk pushes what it has queued (≤ 100 per push,
//      one push at a time). Latency is measured per push request and per mutation (queued → its
//      push answered), so a service that falls behind shows as growing queues, not as a lower rate;
//   2. saturation (closed loop), `--saturate` s: every desk pushes one mutation, waits for the
//      answer, pushes the next: the service's maximum rate with that many concurrent desks.
// After each phase the queues drain (at most 120 s) and the service reports its own request times
// (server-side, from the request event to the answer's last byte), CPU and event-loop delay.
// Fails only on wrong work: a mutation not acknowledged, the service's mutation_log not holding
// exactly the acknowledged mutations (each once, applied), a package pushed in a building that did
// not reach every desk of that building by pull.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createRandom } from '../../shared/demo/random';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';
import { intOption, parseSyncArgs } from './lib/args';
import { packageFactory } from './lib/packages';
import { tempDir } from './lib/service';
import { SimDesk, type SimDeskStats } from './lib/simDesk';

const { bench: args, values } = parseSyncArgs(process.argv.slice(2), {
  db: { type: 'string' },
  desks: { type: 'string' },
  'desks-per-building': { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  saturate: { type: 'string' },
  pool: { type: 'string' },
  'pg-url': { type: 'string' },
  'skip-pulls': { type: 'boolean', default: false },
});
const DESKS = intOption(values, 'desks', 200);
const PER_BUILDING = intOption(values, 'desks-per-building', 2);
const DURATION_S = intOption(values, 'duration', 30);
const RATE = values.rate === undefined ? 0.3 * DESKS : Number(values.rate);
if (!(RATE > 0)) throw new RangeError('--rate must be a positive number of mutations per second');
const SATURATE_S = intOption(values, 'saturate', 10, 0);
const POOL = intOption(values, 'pool', 10);
const PG_URL = String(values['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://conserje_test:conserje_test@127.0.0.1:5432/conserje_test');
const DATABASES = values.db === 'sqlite' ? ['sqlite'] : values.db === 'postgres' ? ['postgres'] : ['sqlite', 'postgres'];
if (values.db !== undefined && !['both', 'sqlite', 'postgres'].includes(String(values.db))) throw new RangeError('--db must be both, sqlite or postgres');
const PULLS = values['skip-pulls'] !== true;
/** How long queues may take to drain after a phase, and pulls to catch up at the end. */
const DRAIN_MS = Math.max(120_000, 2 * DURATION_S * 1000);
const fixtureLabel = `${DESKS} desks`;

const measures: Measure[] = [];
const problems: string[] = [];
const notes: string[] = [];
const progress = (text: string) => process.stderr.write(`[sync-server] ${text}\n`);
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

interface RouteStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}
interface ServiceStats {
  routes: Record<string, RouteStats>;
  /** SQL statements per request, by route. */
  statements: Record<string, RouteStats>;
  statuses: Record<string, number>;
  cpuPercent: number;
  wallMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}
interface Ready {
  url: string;
  buildings: { id: string; codes: string[] }[];
  staff: { id: string; role: string };
  residentIds: string[];
  takenShortCodes: string[];
  seedMs: number;
}

class ServiceProcess {
  private readonly lines: string[] = [];
  private waiters: Array<() => void> = [];
  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static start(argv: string[]): ServiceProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/bench/throughputService.ts', ...argv], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new ServiceProcess(child);
  }

  async next<T>(key: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.lines.findIndex((line) => line.startsWith('{') && key in (JSON.parse(line) as Record<string, unknown>));
      if (index >= 0) {
        const [line] = this.lines.splice(index, 1);
        return JSON.parse(line ?? '{}') as T;
      }
      if (this.child.exitCode !== null) throw new Error(`the service exited with ${this.child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`the service did not answer "${key}" within ${timeoutMs} ms`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }

  async command<T>(command: 'reset' | 'stats'): Promise<T> {
    this.child.stdin.write(`${command}\n`);
    return this.next<T>(command === 'reset' ? 'reset' : 'stats', 30_000);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolveStop) => {
      this.child.once('exit', () => resolveStop());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 10_000).unref();
    });
  }
}

/** CPU time (ms) of every process named `name` (Linux /proc; 0 elsewhere), to see what PostgreSQL spent. */
function cpuMsOf(name: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
        const fields = stat.slice(close + 2).split(' ');
        total += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 ticks per second
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return total;
}

async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

function merged(desks: readonly SimDesk[], pick: (stats: SimDeskStats) => number[]): number[] {
  return desks.flatMap((desk) => pick(desk.stats));
}

async function waitDrained(desks: readonly SimDesk[]): Promise<boolean> {
  const deadline = Date.now() + DRAIN_MS;
  while (desks.some((desk) => desk.queued > 0)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Push sent → the poke at each other desk of the building (first poke after the push was sent). */
function pokeDelays(desks: readonly SimDesk[]): number[] {
  const byBuilding = new Map<string, SimDesk[]>();
  for (const desk of desks) byBuilding.set(desk.buildingId, [...(byBuilding.get(desk.buildingId) ?? []), desk]);
  const delays: number[] = [];
  for (const desk of desks) {
    const others = (byBuilding.get(desk.buildingId) ?? []).filter((other) => other !== desk);
    for (const push of desk.stats.pushes) {
      if (push.applied === 0) continue;
      for (const other of others) {
        const poke = other.stats.pokes.find((t) => t >= push.sent);
        if (poke !== undefined && poke - push.answered < 10_000) delays.push(poke - push.sent);
      }
    }
  }
  return delays;
}

async function runOn(db: 'sqlite' | 'postgres'): Promise<void> {
  const label = db === 'sqlite' ? 'SQLite' : `PostgreSQL (pool ${POOL})`;
  const context = { bench: 'sync-server', fixture: fixtureLabel, seed: args.seed };
  const ms = (measure: string, samples: readonly number[]) => {
    if (samples.length > 0) measures.push(measureOf({ ...context, measure: `${label}: ${measure}`, unit: 'ms' }, samples));
  };
  const count = (measure: string, value: number, unit: string) => measures.push(countOf({ ...context, measure: `${label}: ${measure}`, unit }, value));
  const buildings = Math.ceil(DESKS / PER_BUILDING);
  const data = db === 'sqlite' ? tempDir('conserje-sync-bench-server-') : null;
  const schema = db === 'postgres' ? `conserje_bench_${process.pid}_${Date.now().toString(36)}` : null;
  const admin = schema ? new pg.Client({ connectionString: PG_URL }) : null;
  let service: ServiceProcess | null = null;
  const desks: SimDesk[] = [];
  try {
    if (admin && schema) {
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
    }
    progress(`${label}: seeding ${buildings} buildings and starting the service`);
    service = ServiceProcess.start([
      '--db',
      db,
      ...(data ? ['--data-dir', data.dir] : ['--pg-url', PG_URL, '--pg-schema', schema ?? '', '--pool', String(POOL)]),
      '--buildings',
      String(buildings),
      '--codes-per-building',
      String(PER_BUILDING),
    ]);
    const ready = await service.next<Ready>('url', 10 * 60_000);
    notes.push(`${label}: ${buildings} buildings seeded in ${(ready.seedMs / 1000).toFixed(1)} s`);

    let index = 0;
    for (const building of ready.buildings) {
      building.codes.forEach((_code, slot) => {
        if (index >= DESKS) return;
        const factory = packageFactory({ tag: `d${index}`, seed: args.seed, residentIds: ready.residentIds, takenShortCodes: ready.takenShortCodes, slot });
        desks.push(new SimDesk(ready.url, index, factory, ready.staff, PULLS));
        index += 1;
      });
    }
    const codeOf = new Map<SimDesk, string>();
    index = 0;
    for (const building of ready.buildings) for (const code of building.codes) if (index < desks.length) codeOf.set(desks[index++] as SimDesk, code);

    progress(`${label}: ${desks.length} desks enroll, pull their building and open their poke streams`);
    const setupStart = performance.now();
    await inBatches(desks, 20, (desk) => desk.enroll(codeOf.get(desk) ?? ''));
    await inBatches(desks, 20, (desk) => desk.pull());
    await inBatches(desks, 50, (desk) => desk.openPokes());
    await sleep(2_000);
    notes.push(`${label}: setup (enroll + first pull + poke stream for ${desks.length} desks) ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

    // 1. Open loop at the offered rate.
    for (const desk of desks) desk.resetStats();
    await service.command('reset');
    const benchLoop = monitorEventLoopDelay({ resolution: 10 });
    benchLoop.enable();
    progress(`${label}: open loop, ${RATE} mutations/s for ${DURATION_S} s`);
    const random = createRandom(args.seed).fork(`sync-server-${db}`);
    const postgresCpuAtStart = cpuMsOf('postgres');
    const benchCpuAtStart = process.cpuUsage();
    const start = performance.now();
    const end = start + DURATION_S * 1000;
    let nextArrival = start;
    let offered = 0;
    while (nextArrival < end) {
      const now = performance.now();
      while (nextArrival <= now && nextArrival < end) {
        const desk = desks[random.int(0, desks.length - 1)] as SimDesk;
        void desk.enqueue();
        offered += 1;
        const u = (random.uint32() + 1) / 4294967297;
        nextArrival += (-Math.log(u) / RATE) * 1000;
      }
      await sleep(Math.max(0, Math.min(5, nextArrival - performance.now())));
    }
    const drained = await waitDrained(desks);
    let abandoned = 0;
    if (!drained) {
      // The service fell too far behind: send nothing more, let the pushes in flight finish.
      for (const desk of desks) desk.stopPushing();
      await Promise.all(desks.map((desk) => desk.pushIdle(60_000)));
      abandoned = desks.reduce((n, desk) => n + desk.queued, 0);
      notes.push(`${label}: open loop: queues not drained ${DRAIN_MS / 1000} s after the phase; ${abandoned} mutations never sent (the service fell behind the offered rate)`);
    }
    const lastAck = desks.reduce((latest, desk) => desk.stats.pushes.reduce((at, push) => Math.max(at, push.answered), latest), start);
    await sleep(1_000);
    const openStats = await service.command<{ stats: ServiceStats }>('stats');
    const openWall = performance.now() - start;
    const postgresCpu = ((cpuMsOf('postgres') - postgresCpuAtStart) / openWall) * 100;
    const benchCpu = process.cpuUsage(benchCpuAtStart);
    benchLoop.disable();
    const acked = merged(desks, (stats) => stats.mutation).length;
    count('open loop: offered rate', offered / DURATION_S, 'mutations/s');
    count('open loop: mutations still queued after the drain bound (not sent)', abandoned, 'mutations');
    count('open loop: achieved rate (acknowledged ÷ (phase + drain))', acked / ((lastAck - start) / 1000), 'mutations/s');
    ms('open loop: push request (client: sent → answer)', merged(desks, (stats) => stats.push));
    ms('open loop: mutation queued → acknowledged', merged(desks, (stats) => stats.mutation));
    const servicePush = openStats.stats.routes['/api/sync/push'];
    const servicePull = openStats.stats.routes['/api/sync/pull'];
    if (servicePush) {
      count('open loop: service push time p50 (server-side)', servicePush.p50, 'ms');
      count('open loop: service push time p95 (server-side)', servicePush.p95, 'ms');
    }
    const pushStatements = openStats.stats.statements['/api/sync/push'];
    const pushedResults = desks.reduce((n, desk) => n + Object.values(desk.stats.results).reduce((a, b) => a + b, 0), 0);
    if (pushStatements && pushedResults > 0) count('open loop: SQL statements per pushed mutation (incl. auth, BEGIN/COMMIT)', (pushStatements.mean * pushStatements.n) / pushedResults, 'statements');
    const pullStatements = openStats.stats.statements['/api/sync/pull'];
    if (pullStatements) count('open loop: SQL statements per pull request (mean)', pullStatements.mean, 'statements');
    ms('open loop: pull request (client)', merged(desks, (stats) => stats.pull));
    if (servicePull) count('open loop: service pull time p95 (server-side)', servicePull.p95, 'ms');
    ms('open loop: push sent → poke at the other desk of the building', pokeDelays(desks));
    count('open loop: push requests', merged(desks, (stats) => stats.push).length, 'requests');
    count('open loop: pull requests', merged(desks, (stats) => stats.pull).length, 'requests');
    count('open loop: mutations per push (mean)', acked / Math.max(1, merged(desks, (stats) => stats.push).length), 'mutations');
    count('open loop: service CPU (of one core)', openStats.stats.cpuPercent, '%');
    count('open loop: service event-loop delay p99', openStats.stats.eventLoopDelayMs.p99, 'ms');
    count('open loop: bench process event-loop delay p99', benchLoop.percentile(99) / 1e6, 'ms');
    count('open loop: bench process CPU (the desks, of one core)', ((benchCpu.user + benchCpu.system) / 1000 / openWall) * 100, '%');
    if (db === 'postgres') count('open loop: PostgreSQL processes CPU (of one core)', postgresCpu, '%');
    const errors = (stats: readonly SimDesk[]) => stats.reduce((n, desk) => n + Object.values(desk.stats.errors).reduce((a, b) => a + b, 0), 0);
    count('open loop: request errors (retried)', errors(desks), 'errors');
    notes.push(`${label}: open loop service statuses ${JSON.stringify(openStats.stats.statuses)}; errors ${JSON.stringify(Object.assign({}, ...desks.map((desk) => desk.stats.errors)))}`);

    // 2. Saturation: every desk closed-loop.
    if (SATURATE_S > 0 && abandoned === 0) {
      for (const desk of desks) desk.resetStats();
      await service.command('reset');
      progress(`${label}: saturation, ${desks.length} desks closed-loop for ${SATURATE_S} s`);
      const satPostgresCpu = cpuMsOf('postgres');
      const satStart = performance.now();
      const satEnd = satStart + SATURATE_S * 1000;
      await Promise.all(
        desks.map(async (desk) => {
          while (performance.now() < satEnd) await desk.enqueue();
        }),
      );
      const satDone = performance.now();
      const satStats = await service.command<{ stats: ServiceStats }>('stats');
      const satAcked = merged(desks, (stats) => stats.mutation).length;
      count('saturation: mutations/s', satAcked / ((satDone - satStart) / 1000), 'mutations/s');
      ms('saturation: push request (client, 1 mutation)', merged(desks, (stats) => stats.push));
      const satPush = satStats.stats.routes['/api/sync/push'];
      if (satPush) count('saturation: service push time p95 (server-side)', satPush.p95, 'ms');
      ms('saturation: pull request (client)', merged(desks, (stats) => stats.pull));
      count('saturation: service CPU (of one core)', satStats.stats.cpuPercent, '%');
      count('saturation: service event-loop delay p99', satStats.stats.eventLoopDelayMs.p99, 'ms');
      if (db === 'postgres') count('saturation: PostgreSQL processes CPU (of one core)', ((cpuMsOf('postgres') - satPostgresCpu) / (performance.now() - satStart)) * 100, '%');
      count('saturation: request errors (retried)', errors(desks), 'errors');
    }

    // Correctness: every desk catches up; every package pushed in a building reached all its desks;
    // the service logged exactly the acknowledged mutations, once each, applied.
    progress(`${label}: verifying`);
    await sleep(1_000);
    let behind = 0;
    await inBatches(desks, 20, async (desk) => {
      if (!(await desk.catchUp(DRAIN_MS))) behind++;
    });
    if (behind > 0) notes.push(`${label}: ${behind} desks still pulling ${DRAIN_MS / 1000} s after the end`);
    const pushedIn = new Map<string, string[]>();
    for (const desk of desks) pushedIn.set(desk.buildingId, [...(pushedIn.get(desk.buildingId) ?? []), ...desk.acknowledged]);
    let missing = 0;
    for (const desk of desks) for (const id of pushedIn.get(desk.buildingId) ?? []) if (!desk.pulledPackages.has(id)) missing++;
    if (missing > 0) problems.push(`${label}: ${missing} (package, desk) pairs: a package pushed in the building never reached that desk by pull`);
    const rejected = desks.reduce((n, desk) => n + (desk.stats.results.rejected ?? 0), 0);
    if (rejected > 0) problems.push(`${label}: ${rejected} mutations rejected in the last phase`);
    const expectedPerDesk = new Map(desks.map((desk) => [desk.deskId, desk.acknowledged.length]));
    let rows: { desk_id: string; n: number; applied: number; seqs: number }[];
    const logQuery = `select desk_id, count(*) as n, sum(case when status = 'applied' then 1 else 0 end) as applied, count(distinct seq) as seqs from mutation_log where name = 'receivePackage' group by desk_id`;
    if (data) {
      const reader = new BetterSqlite3(join(data.dir, 'conserje.sqlite'), { fileMustExist: true });
      rows = reader.prepare(logQuery).all() as typeof rows;
      reader.close();
    } else {
      const result = await (admin as pg.Client).query(logQuery.replace('from mutation_log', `from ${schema}.mutation_log`));
      rows = result.rows.map((row: Record<string, unknown>) => ({ desk_id: String(row.desk_id), n: Number(row.n), applied: Number(row.applied), seqs: Number(row.seqs) }));
    }
    let logWrong = 0;
    const logged = new Map(rows.map((row) => [row.desk_id, row]));
    for (const desk of desks) {
      const expected = expectedPerDesk.get(desk.deskId) ?? 0;
      const row = logged.get(desk.deskId);
      const n = row?.n ?? 0;
      // A push whose answer was lost may have been processed: at most the still-queued ones more.
      const inRange = n >= expected && n <= expected + desk.queued;
      if (!inRange || (row?.applied ?? 0) !== n || (row?.seqs ?? 0) !== n) logWrong++;
    }
    if (logWrong > 0) problems.push(`${label}: the mutation_log of ${logWrong} desks does not hold exactly their acknowledged mutations`);
    const total = desks.reduce((n, desk) => n + desk.acknowledged.length, 0);
    count('mutations acknowledged and verified in mutation_log (all phases)', logWrong === 0 ? total : 0, 'mutations');
    count('poke streams held', desks.length, 'connections');
  } finally {
    for (const desk of desks) desk.close();
    await service?.stop();
    if (admin && schema) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((error: unknown) => problems.push(`dropping schema ${schema} failed: ${String(error)}`));
      await admin.end();
    }
    data?.remove();
  }
}

async function main(): Promise<void> {
  notes.push(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')} (a shared VM; the service, PostgreSQL and the desks share its 2 cores)`);
  notes.push(`${DESKS} desks, ${PER_BUILDING} per building, open loop ${RATE} mutations/s for ${DURATION_S} s, saturation ${SATURATE_S} s, pulls on poke ${PULLS ? 'on' : 'off'}`);
  for (const db of DATABASES) await runOn(db as 'sqlite' | 'postgres');
  notes.push(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  printReport(measures, { json: args.json, chromium: args.chromium });
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (problems.length > 0) {
    process.stderr.write(`sync-server bench: the measured work is wrong:\n  ${problems.slice(0, 30).join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`sync-server bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
