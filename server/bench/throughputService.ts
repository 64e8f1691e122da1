// Benchmark helper (bench/sync/server.bench.ts): the central service as `server/main.ts` wires it
// (buildApp, the local poke hub on SQLite, LISTEN/NOTIFY on PostgreSQL), on a database the bench
// names (a PostgreSQL schema of its own, or a SQLite data dir), seeded with many copies of a small
// building so simulated desks can enroll. Not used by the service.
//
//   npx tsx server/bench/throughputService.ts --db sqlite --data-dir /tmp/x --buildings 100 --codes-per-building 2
//   npx tsx server/bench/throughputService.ts --db postgres --pg-url postgres://… --pg-schema bench_1 --pool 10 …
//
// Each building: a copy of the "small" fixture's units, residents and active staff and its waiting
// packages (building ids bench-b-0001 …; row ids repeat across buildings, which the schema allows).
// Prints one JSON line when listening: { url, buildings: [{ id, codes }], staff, residentIds,
// takenShortCodes, seedMs }. Commands on stdin, one per line: `reset` starts a measuring window,
// `stats` prints one JSON line with the server-side time of each request since `reset` (from the
// HTTP request event to the last byte of the answer) by route, the process's CPU time and its
// event-loop delay. Exits on SIGTERM or when stdin closes.

import { AsyncLocalStorage } from 'node:async_hooks';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateBuilding, workingSet } from '../../shared/demo/fixture';
import { createDatabase, type DatabaseConfig } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { buildApp } from '../http/app';
import { issueEnrollmentCode } from '../identity/enrollment';
import { createLocalPokeHub, createPostgresPokeHub, type PokeHub } from '../realtime/pokes';
import { seedBuilding } from '../sync/seed';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    'data-dir': { type: 'string' },
    'pg-url': { type: 'string' },
    'pg-schema': { type: 'string' },
    pool: { type: 'string', default: '10' },
    buildings: { type: 'string', default: '1' },
    'codes-per-building': { type: 'string', default: '2' },
  },
  strict: true,
});

// SQL statements per request: each request runs in an AsyncLocalStorage context entered before
// Fastify sees it; the drivers' query entry points count into it (pg: Client#query, which pooled
// queries and LISTEN/NOTIFY go through; SQLite: Statement#all/run/iterate, since the service reuses
// prepared statements and Database#prepare no longer runs once per statement).
const requestContext = new AsyncLocalStorage<{ statements: number }>();
function countStatementsOf(prototype: object, method: string): void {
  const methods = prototype as Record<string, (...args: unknown[]) => unknown>;
  const original = methods[method];
  if (typeof original !== 'function') return;
  methods[method] = function (this: unknown, ...args: unknown[]) {
    const store = requestContext.getStore();
    if (store) store.statements += 1;
    return original.apply(this, args);
  };
}
countStatementsOf(pg.Client.prototype, 'query');
const sqliteStatement: object = Object.getPrototypeOf(new BetterSqlite3(':memory:').prepare('select 1')) as object;
for (const method of ['all', 'run', 'iterate']) countStatementsOf(sqliteStatement, method);

function percentiles(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
  const sorted = samples.slice().sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? 0, mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0 };
}

async function main(): Promise<void> {
  let config: DatabaseConfig;
  if (values.db === 'postgres') {
    if (!values['pg-url'] || !values['pg-schema']) throw new Error('--pg-url and --pg-schema are required with --db postgres');
    config = { kind: 'postgres', url: values['pg-url'], schema: values['pg-schema'], maxConnections: Number(values.pool) };
  } else {
    if (!values['data-dir']) throw new Error('--data-dir is required with --db sqlite');
    config = { kind: 'sqlite', dataDir: values['data-dir'] };
  }
  const db = createDatabase(config);
  await migrateToLatest(db);

  // One small building, copied: the fixture's generation (PIN verifiers) is paid once.
  const now = new Date();
  const fixture = await generateBuilding({ size: 'small', seed: 1, now });
  const set = workingSet(fixture, now);
  const waiting = set.packages.filter((pkg) => pkg.status === 'waiting');
  const staff = set.staff.find((member) => member.role === 'doorperson');
  const manager = set.staff.find((member) => member.role !== 'doorperson');
  if (!staff || !manager) throw new Error('the small fixture has no doorperson or manager');
  const buildingCount = Math.max(1, Number(values.buildings));
  const codesPerBuilding = Math.max(1, Number(values['codes-per-building']));
  const buildings: { id: string; codes: string[] }[] = [];
  const seedStart = performance.now();
  for (let i = 1; i <= buildingCount; i++) {
    const id = `bench-b-${String(i).padStart(4, '0')}`;
    await seedBuilding(db, { building: { ...set.building, id, name: `${set.building.name} ${i}` }, units: set.units, residents: set.residents, staff: set.staff, packages: waiting, events: [] });
    const codes: string[] = [];
    for (let c = 0; c < codesPerBuilding; c++) codes.push((await issueEnrollmentCode(db, { buildingId: id, createdBy: manager.id })).code);
    buildings.push({ id, codes });
  }
  const seedMs = performance.now() - seedStart;

  let pokes: PokeHub;
  let listenPool: pg.Pool | null = null;
  if (config.kind === 'postgres') {
    listenPool = new pg.Pool({ connectionString: config.url, max: 2 });
    pokes = await createPostgresPokeHub(listenPool, (error) => process.stderr.write(`poke listener: ${error.message}\n`));
  } else {
    pokes = createLocalPokeHub();
  }
  const app = await buildApp({ db, pokes, logger: false });

  // Server-side request times, from Node's request event to the answer's last byte.
  let timings: Record<string, number[]> = {};
  let statements: Record<string, number[]> = {};
  let statuses: Record<string, number> = {};
  app.server.prependListener('request', (request, response) => {
    const start = performance.now();
    const route = (request.url ?? '').split('?')[0] ?? '';
    if (route === '/api/sync/poke') return;
    const store = { statements: 0 };
    requestContext.enterWith(store);
    response.once('finish', () => {
      (timings[route] ??= []).push(performance.now() - start);
      (statements[route] ??= []).push(store.statements);
      const key = `${route} ${response.statusCode}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let cpuAtReset = process.cpuUsage();
  let wallAtReset = performance.now();

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url, buildings, staff: { id: staff.id, role: staff.role }, residentIds: set.residents.map((resident) => resident.id), takenShortCodes: waiting.map((pkg) => pkg.shortCode), seedMs })}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(0), 5_000).unref();
    await app.close().catch(() => undefined);
    await pokes.close().catch(() => undefined);
    await listenPool?.end().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  const commands = createInterface({ input: process.stdin });
  commands.on('close', () => void shutdown());
  commands.on('line', (line) => {
    const command = line.trim();
    if (command === 'reset') {
      timings = {};
      statements = {};
      statuses = {};
      loopDelay.reset();
      cpuAtReset = process.cpuUsage();
      wallAtReset = performance.now();
      process.stdout.write(`${JSON.stringify({ reset: true })}\n`);
    } else if (command === 'stats') {
      const cpu = process.cpuUsage(cpuAtReset);
      const wallMs = performance.now() - wallAtReset;
      process.stdout.write(
        `${JSON.stringify({
          stats: {
            routes: Object.fromEntries(Object.entries(timings).map(([route, samples]) => [route, percentiles(samples)])),
            statements: Object.fromEntries(Object.entries(statements).map(([route, samples]) => [route, percentiles(samples)])),
            statuses,
            cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
            wallMs,
            eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
          },
        })}\n`,
      );
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`throughputService failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
