// Initial sync of the standard building (BENCHMARKS.md, "large": 1,000 units) into a fresh desk in
// real Chromium, through the real central service.
//
//   npm run build:renderer                  # the service serves dist/renderer (a private copy of it)
//   npx tsx bench/sync/initialSync.bench.ts [--json] [--size large] [--seed 1] [--runs 3]
//                                           [--content both|working-set|full-history]
//
// Per run: a fresh SQLite data dir seeded by server/bench/seedFixture.ts, `server/main.ts` in its
// own process on loopback, a fresh desk (Debian Chromium, a new on-disk profile, so IndexedDB's
// strict durability hits the disk) that opens `<service>/?enroll=CODE` as a person would. Measured
// in the page (inPage.ts): from the enrollment request to the commit of the rebase transaction of
// the last pulled page (the desk's cursor equals the building's version), split into enrollment,
// pull requests, the rebase transactions and what lies between (parsing and validating pages).
// Baseline, same run, same Chromium: the rows the desk ended with, put with the raw IndexedDB API
// (one strict transaction per table, same stores and indexes) into a fresh origin's database.
// Two service contents:
//   - working-set: the service holds only what a desk keeps (shared/demo workingSet), `--runs` runs;
//   - full-history: the service holds the whole fixture (all packages, all events), 1 run. The
//     service sends a new desk only the working set (shared/sync/workingSet.ts): the run measures
//     what skipping three years of history costs the service and the desk.
// Fails (exit 1) only on wrong work: a table of the desk that does not hold exactly the working set
// of the rows the service was seeded with, rows received twice, quarantined rows.

import { loadavg } from 'node:os';
import type { Response } from 'playwright-core';
import type { SeedContent, SeededFixture } from '../../server/bench/seedFixture';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';
import { intOption, parseSyncArgs } from './lib/args';
import { bundle } from './lib/bundle';
import { APP_DB, SYNCED, enroll, isRebaseTx, openDesk, pageLog, tableCounts, waitForCursor, type Desk } from './lib/desk';
import { seedSqlite, snapshotRenderer, startService, tempDir, type RunningService } from './lib/service';
import type { BulkBaselineResult, StoreSchema } from './inPage';

const { bench: args, values } = parseSyncArgs(process.argv.slice(2), { content: { type: 'string' }, 'full-history-runs': { type: 'string' } }, { runs: 3 });
const CONTENTS: SeedContent[] = values.content === 'working-set' ? ['working-set'] : values.content === 'full-history' ? ['full-history'] : ['working-set', 'full-history'];
if (values.content !== undefined && !['both', 'working-set', 'full-history'].includes(String(values.content))) throw new RangeError('--content must be both, working-set or full-history');
const FULL_HISTORY_RUNS = intOption(values, 'full-history-runs', 1);
const context = { bench: 'sync-initial', fixture: args.size, seed: args.seed };
const SEEDED_TABLES = ['buildings', 'units', 'residents', 'staff', 'packages', 'events'] as const;
const SLICE = 5_000;
/** The desk's pull page size (renderer/sync/SyncClient.ts pullLimit default). */
const PULL_PAGE = 500;

const measures: Measure[] = [];
const problems: string[] = [];
const notes: string[] = [];
const progress = (text: string) => process.stderr.write(`[sync-initial] ${text}\n`);
const median = (samples: readonly number[]) => [...samples].sort((a, b) => a - b)[Math.floor((samples.length - 1) / 2)] ?? Number.NaN;
const sum = (samples: readonly number[]) => samples.reduce((total, sample) => total + sample, 0);

interface PulledPage {
  changes: number;
  perTable: Record<string, number>;
  ids: string[];
  bytes: number;
  /** Time to first byte of the answer (browser's resource timing): the service's work + loopback. */
  ttfbMs: number;
  cursor: number;
  hasMore: boolean;
}

interface RunResult {
  seeded: SeededFixture;
  enrollToDone: number;
  firstPullToDone: number;
  navToEnroll: number;
  enrollRequest: number;
  enrollToFirstPull: number;
  pullRequests: number[];
  rebaseTx: number[];
  answerToRebase: number[];
  pages: PulledPage[];
  counts: Record<string, number>;
  baseline: BulkBaselineResult;
  pagedBaseline: BulkBaselineResult;
  chromium: string;
}

async function oneRun(content: SeedContent, run: number, instrumentation: string, staticDir: string): Promise<RunResult> {
  const data = tempDir('conserje-sync-bench-data-');
  let service: RunningService | null = null;
  let desk: Desk | null = null;
  try {
    progress(`${content} run ${run}: seeding a fresh service database`);
    const seeded = await seedSqlite(data.dir, { size: args.size, seed: args.seed, content, codes: 1, now: new Date() });
    const code = seeded.codes[0];
    if (!code) throw new Error('no enrollment code');
    progress(`${content} run ${run}: ${seeded.totalRows.toLocaleString('en')} rows seeded in ${(seeded.seedMs / 1000).toFixed(1)} s; starting server/main.ts`);
    service = await startService(data.dir, staticDir);
    desk = await openDesk(`initial-${content}-${run}`, instrumentation);
    const page = desk.page;

    const pages: PulledPage[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (response: Response) => {
      if (!response.url().endsWith('/api/sync/pull')) return;
      pending.push(
        (async () => {
          const body = await response.body();
          const parsed = JSON.parse(body.toString('utf8')) as { changes: { table: string; id: string }[]; cursor: number; hasMore: boolean };
          const timing = response.request().timing();
          const perTable: Record<string, number> = {};
          for (const change of parsed.changes) perTable[change.table] = (perTable[change.table] ?? 0) + 1;
          pages.push({
            changes: parsed.changes.length,
            perTable,
            ids: parsed.changes.map((change) => `${change.table}:${change.id}`),
            bytes: body.length,
            ttfbMs: timing.responseStart - timing.requestStart,
            cursor: parsed.cursor,
            hasMore: parsed.hasMore,
          });
        })().catch((error: unknown) => {
          problems.push(`reading a pull answer failed: ${String(error)}`);
        }),
      );
    });

    progress(`${content} run ${run}: enrolling a fresh desk and waiting for cursor ${seeded.version}`);
    await enroll(desk, service.url, code);
    await waitForCursor(page, seeded.version, 20 * 60_000, content === 'full-history' ? 1_000 : 250);
    await Promise.all(pending);
    // Only the pages of the initial sync: the slow timer (60 s) pulls again, empty, while the
    // baseline runs.
    const lastPage = pages.findIndex((one) => !one.hasMore && one.cursor >= seeded.version);
    if (lastPage < 0) problems.push(`${content} run ${run}: no pulled page ended at version ${seeded.version}`);
    else pages.splice(lastPage + 1);
    page.removeAllListeners('response');
    const log = await pageLog(page);
    const counts = await tableCounts(page);

    const enrollFetch = log.fetches.find((fetch) => fetch.path === '/api/enroll');
    const pulls = log.fetches.filter((fetch) => fetch.path === '/api/sync/pull' && fetch.method === 'POST');
    const rebases = log.tx.filter((tx) => isRebaseTx(tx) && tx.end !== null && !tx.aborted);
    const lastRebase = rebases.at(-1);
    const firstPull = pulls[0];
    if (!enrollFetch || !firstPull || !lastRebase?.end) throw new Error('the log misses the enrollment, a pull or a rebase');
    const done = lastRebase.end;
    const answerToRebase: number[] = [];
    for (const pull of pulls) {
      if (pull.headers === null) continue;
      const rebase = rebases.find((tx) => tx.start >= (pull.headers ?? 0));
      if (rebase && rebase.start - pull.headers < 60_000) answerToRebase.push(rebase.start - pull.headers);
    }
    const navigationStart = await page.evaluate(() => performance.timeOrigin);

    // Correctness: exactly the working set of the seeded rows, each received once, none quarantined.
    for (const table of SEEDED_TABLES) {
      const { min, max } = seeded.deskRows[table];
      const held = counts[table] ?? -1;
      if (held < min || held > max) problems.push(`${content} run ${run}: the desk holds ${held} ${table}; the working set of the ${seeded.rows[table]} seeded is ${min === max ? min : `${min}–${max}`}`);
    }
    if ((counts.quarantine ?? 0) > 0) problems.push(`${content} run ${run}: ${counts.quarantine} rows quarantined`);
    const received = pages.reduce((total, one) => total + one.changes, 0);
    const distinct = new Set(pages.flatMap((one) => one.ids)).size;
    if (received !== distinct) problems.push(`${content} run ${run}: ${received - distinct} rows received more than once`);
    const expectedMin = SEEDED_TABLES.reduce((total, table) => total + seeded.deskRows[table].min, 0);
    const expectedMax = SEEDED_TABLES.reduce((total, table) => total + seeded.deskRows[table].max, 0);
    if (distinct < expectedMin || distinct > expectedMax) problems.push(`${content} run ${run}: ${distinct} distinct rows received, the working set is ${expectedMin}–${expectedMax} of ${seeded.totalRows} seeded`);
    if (pages.length !== pulls.length) notes.push(`${content} run ${run}: ${pulls.length} pull requests, ${pages.length} answers read`);
    const pulledLogs = log.syncLog.filter((entry) => entry.code === 'sync.pulled').length;
    if (pulledLogs !== rebases.length) notes.push(`${content} run ${run}: ${rebases.length} rebase transactions, ${pulledLogs} sync.pulled log lines`);

    // Baseline: the rows the desk holds, raw API, fresh origin (its own, empty backing store).
    progress(`${content} run ${run}: raw IndexedDB baselines with the same ${SYNCED.reduce((total, table) => total + (counts[table] ?? 0), 0).toLocaleString('en')} rows on a fresh origin`);
    const { schema, counts: stagedCounts } = await page.evaluate(
      ({ db, tables }) => {
        const api = window.__syncBench;
        if (!api) throw new Error('sync bench instrumentation missing');
        return api.stageExport(db, tables);
      },
      { db: APP_DB, tables: [...SYNCED] },
    );
    const origin = `http://raw-baseline-${run}.conserje.test`;
    const baselinePage = await desk.context.newPage();
    await baselinePage.route(`${origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>raw IndexedDB baseline</title>' }));
    await baselinePage.goto(`${origin}/`);
    for (const [table, total] of Object.entries(stagedCounts)) {
      for (let from = 0; from < total; from += SLICE) {
        const rows = await page.evaluate(({ name, start, end }) => window.__syncBench?.stagedSlice(name, start, end) ?? [], { name: table, start: from, end: from + SLICE });
        await baselinePage.evaluate(({ name, slice }) => window.__syncBench?.stage(name, slice), { name: table, slice: rows });
      }
      if (total === 0) await baselinePage.evaluate((name) => window.__syncBench?.stage(name, []), table);
    }
    await page.evaluate(() => window.__syncBench?.dropStaged());
    const rawBulk = (pageSize: number | undefined) =>
      baselinePage.evaluate(
        ({ target, stores, size }: { target: string; stores: StoreSchema[]; size: number | null }) => {
          const api = window.__syncBench;
          if (!api) throw new Error('sync bench instrumentation missing');
          return api.rawBulkBaseline(target, stores, size ?? undefined);
        },
        { target: 'conserje-raw-baseline', stores: schema, size: pageSize ?? null },
      );
    const baseline: BulkBaselineResult = await rawBulk(undefined);
    // The same again in transactions of one pull page each (500 rows), on a fresh database of the
    // same origin: what the page-per-transaction shape costs without the rebase's per-row work.
    const pagedBaseline: BulkBaselineResult = await rawBulk(PULL_PAGE);
    await baselinePage.evaluate(() => window.__syncBench?.dropStaged());
    await baselinePage.evaluate(() => window.__syncBench?.deleteDatabase('conserje-raw-baseline'));
    await baselinePage.close();
    const heldRows = SYNCED.reduce((total, table) => total + (counts[table] ?? 0), 0);
    if (baseline.rows !== heldRows) problems.push(`${content} run ${run}: the baseline put ${baseline.rows} rows, the desk holds ${heldRows}`);
    if (desk.errors.length > 0) notes.push(`${content} run ${run}: page errors: ${desk.errors.slice(0, 3).join(' | ')}`);

    return {
      seeded,
      enrollToDone: done - enrollFetch.start,
      firstPullToDone: done - firstPull.start,
      navToEnroll: enrollFetch.start - navigationStart,
      enrollRequest: (enrollFetch.headers ?? Number.NaN) - enrollFetch.start,
      enrollToFirstPull: firstPull.start - enrollFetch.start,
      pullRequests: pulls.filter((pull) => pull.headers !== null).map((pull) => (pull.headers ?? 0) - pull.start),
      rebaseTx: rebases.map((tx) => (tx.end ?? 0) - tx.start),
      answerToRebase,
      pages,
      counts,
      baseline,
      pagedBaseline,
      chromium: desk.chromiumVersion,
    };
  } finally {
    await desk?.close();
    await service?.stop();
    data.remove();
  }
}

function report(content: SeedContent, results: RunResult[]): void {
  const label = content === 'working-set' ? 'working-set service' : 'full-history service';
  const ms = (measure: string, samples: readonly number[], baseline?: { measure: string; samples: readonly number[] }) => {
    if (samples.length > 0) measures.push(measureOf({ ...context, measure: `${label}: ${measure}`, unit: 'ms' }, samples, baseline));
  };
  const count = (measure: string, value: number, unit = 'rows') => measures.push(countOf({ ...context, measure: `${label}: ${measure}`, unit }, value));
  const first = results[0];
  if (!first) return;
  const rawMs = results.map((result) => result.baseline.totalMs);
  const baseline = { measure: 'raw IndexedDB bulk insert, same rows', samples: rawMs };
  const held = (result: RunResult) => SYNCED.reduce((total, table) => total + (result.counts[table] ?? 0), 0);
  ms('enrollment → last page applied', results.map((result) => result.enrollToDone), baseline);
  ms('first pull → last page applied', results.map((result) => result.firstPullToDone), baseline);
  ms('raw IndexedDB, same rows in 500-row strict transactions', results.map((result) => result.pagedBaseline.totalMs), baseline);
  ms('navigation → enrollment request', results.map((result) => result.navToEnroll));
  ms('enrollment request', results.map((result) => result.enrollRequest));
  ms('enrollment request → first pull', results.map((result) => result.enrollToFirstPull));
  const rowsPerSecond = results.map((result) => held(result) / (result.enrollToDone / 1000));
  const rawRowsPerSecond = results.map((result) => result.baseline.rows / (result.baseline.totalMs / 1000));
  measures.push(measureOf({ ...context, measure: `${label}: rows/s (enrollment → last page)`, unit: 'rows/s' }, rowsPerSecond, { measure: 'raw IndexedDB bulk insert rows/s', samples: rawRowsPerSecond }));
  measures.push(measureOf({ ...context, measure: `${label}: throughput ratio sync ÷ raw (target ≥ 0.6)`, unit: 'ratio' }, results.map((result) => result.baseline.totalMs / result.enrollToDone)));
  const allPages = results.flatMap((result) => result.pages);
  ms('per page: pull request (sent → answer headers)', results.flatMap((result) => result.pullRequests));
  ms('per page: service time to first byte', allPages.map((one) => one.ttfbMs));
  ms('per page: answer → rebase tx starts (body, JSON, zod)', results.flatMap((result) => result.answerToRebase));
  ms('per page: rebase tx (Dexie, strict)', results.flatMap((result) => result.rebaseTx));
  ms('all pages: pull requests, summed', results.map((result) => sum(result.pullRequests)));
  ms('all pages: answer → rebase tx, summed', results.map((result) => sum(result.answerToRebase)));
  ms('all pages: rebase tx, summed', results.map((result) => sum(result.rebaseTx)));
  count('pages pulled', first.pages.length, 'pages');
  count('bytes received (pull bodies)', sum(first.pages.map((one) => one.bytes)), 'bytes');
  const perTable: Record<string, number> = {};
  for (const one of first.pages) for (const [table, n] of Object.entries(one.perTable)) perTable[table] = (perTable[table] ?? 0) + n;
  for (const table of SEEDED_TABLES) count(`rows received: ${table}`, perTable[table] ?? 0);
  count('rows received, total', sum(first.pages.map((one) => one.changes)));
  count('rows held in IndexedDB, total', held(first));
  count('rows seeded on the service', first.seeded.totalRows);
  measures.push(measureOf({ ...context, measure: `${label}: service seeding (seedBuilding, SQLite)`, unit: 'ms' }, results.map((result) => result.seeded.seedMs)));
  notes.push(
    `${label}: raw bulk per table (ms, run 1): ${Object.entries(first.baseline.perTableMs)
      .map(([table, value]) => `${table} ${value.toFixed(0)}`)
      .join(', ')}; enrollment → done per run (ms): ${results.map((result) => result.enrollToDone.toFixed(0)).join(', ')}; median pages/s ${(first.pages.length / (median(results.map((result) => result.firstPullToDone)) / 1000)).toFixed(1)}`,
  );
}

async function main(): Promise<void> {
  notes.push(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')} (a shared VM: other work runs beside the bench)`);
  progress('bundling the in-page observer; copying dist/renderer');
  const instrumentation = await bundle('inPage.ts');
  const renderer = snapshotRenderer();
  notes.push(`renderer build served: dist/renderer of ${renderer.builtAt}`);
  let chromium: string | undefined;
  try {
    for (const content of CONTENTS) {
      const runs = content === 'working-set' ? args.runs : FULL_HISTORY_RUNS;
      const results: RunResult[] = [];
      for (let run = 1; run <= runs; run++) {
        const result = await oneRun(content, run, instrumentation, renderer.dir);
        chromium = result.chromium;
        progress(`${content} run ${run}: enrollment → last page ${result.enrollToDone.toFixed(0)} ms for ${result.pages.length} pages; raw bulk ${result.baseline.totalMs.toFixed(0)} ms`);
        results.push(result);
      }
      report(content, results);
    }
  } finally {
    renderer.remove();
  }
  notes.push(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  printReport(measures, { json: args.json, chromium: chromium ?? args.chromium });
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (problems.length > 0) {
    process.stderr.write(`sync-initial bench: the measured work is wrong:\n  ${problems.slice(0, 30).join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`sync-initial bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
