// Desk-to-desk propagation through the real central service: a package committed on desk A, how
// long until it is in desk B's IndexedDB and on B's waiting list.
//
//   npm run build:renderer                  # the service serves dist/renderer (a private copy of it)
//   npx tsx bench/sync/propagation.bench.ts [--json] [--size large] [--seed 1] [--runs 5] [--samples N]
//
// A fresh SQLite service seeded with the building's working set (server/bench/seedFixture.ts), then
// `server/main.ts` in its own process on loopback. Two desks, each a Debian Chromium with its own
// persistent profile (two browser processes, like two lobby PCs), enrolled with `?enroll=CODE`,
// fully synced, a doorperson signed in on both; B shows the waiting list (F3), A the receive screen.
// Each sample commits one receivePackage on A through the app's own committer (commitEntry.ts: the
// save of the receive screen without the typing) and records, inside the pages (inPage.ts), when
// the commit resolved on A, when the transaction that put the package committed on B, and when
// B's `#waiting-<id>` row appeared. The next sample starts once A's outbox is empty again, after a
// seeded random pause of 100–400 ms (so samples do not phase-lock with timers). Samples:
// max(30, 8 × runs) after 3 unmeasured warm-up commits. Times from two browser processes are
// compared on the wall clock (performance.timeOrigin + now); each page's offset from Date.now()
// is printed as a note.
// The split: A commit → A push sent (the client's 50 ms commit delay), A's push request, A push
// sent → B pull sent (the poke through the service's SSE stream, B's scheduling), B's pull request,
// B pull answered → committed in B's IndexedDB (parse, validate, rebase transaction), → B's DOM.
// Fails only on wrong work: a package that never reaches B, a mutation missing from (or rejected
// in) the service's mutation_log, rows in B that are not the ones committed.

import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { createRandom } from '../../shared/demo/random';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';
import type { CommitTiming } from './commitEntry';
import type { FetchRecord, SyncBenchLog } from './inPage';
import { intOption, parseSyncArgs } from './lib/args';
import { bundle } from './lib/bundle';
import { APP_DB, enroll, firstAfter, isRebaseTx, lastBefore, openDesk, pageLog, signInDesk, waitForCursor, type Desk } from './lib/desk';
import { packageFactory } from './lib/packages';
import { seedSqlite, snapshotRenderer, startService, tempDir, type RunningService } from './lib/service';

const { bench: args, values } = parseSyncArgs(process.argv.slice(2), { samples: { type: 'string' } }, { runs: 5 });
const SAMPLES = intOption(values, 'samples', Math.max(30, 8 * args.runs));
const WARMUP = 3;
const context = { bench: 'sync-propagation', fixture: args.size, seed: args.seed };
const measures: Measure[] = [];
const problems: string[] = [];
const notes: string[] = [];
const progress = (text: string) => process.stderr.write(`[sync-propagation] ${text}\n`);
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

async function outboxCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__syncCommit?.outboxCount() ?? Promise.resolve(-1));
}

async function waitOutboxEmpty(page: Page, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await outboxCount(page)) === 0) return true;
    await sleep(20);
  }
  return false;
}

function isPost(fetch: FetchRecord, path: string): boolean {
  return fetch.path === path && fetch.method === 'POST';
}

async function main(): Promise<void> {
  notes.push(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')} (a shared VM)`);
  progress('bundling the in-page observer and committer; copying dist/renderer');
  const [instrumentation, committer] = await Promise.all([bundle('inPage.ts'), bundle('commitEntry.ts')]);
  const renderer = snapshotRenderer();
  notes.push(`renderer build served: dist/renderer of ${renderer.builtAt}`);
  const data = tempDir('conserje-sync-bench-data-');
  let service: RunningService | null = null;
  const desks: Desk[] = [];
  let chromium: string | undefined;
  try {
    progress('seeding the working set of the building on a fresh service');
    const seeded = await seedSqlite(data.dir, { size: args.size, seed: args.seed, content: 'working-set', codes: 2, now: new Date() });
    service = await startService(data.dir, renderer.dir);
    const [codeA, codeB] = seeded.codes;
    if (!codeA || !codeB) throw new Error('no enrollment codes');
    progress(`two desks enroll and sync ${seeded.totalRows.toLocaleString('en')} rows`);
    const [deskA, deskB] = await Promise.all([openDesk('propagation-a', instrumentation), openDesk('propagation-b', instrumentation)]);
    desks.push(deskA, deskB);
    chromium = deskA.chromiumVersion;
    const serviceUrl = service.url;
    await Promise.all([enroll(deskA, serviceUrl, codeA), enroll(deskB, serviceUrl, codeB)]);
    await Promise.all([waitForCursor(deskA.page, seeded.version, 10 * 60_000), waitForCursor(deskB.page, seeded.version, 10 * 60_000)]);
    await signInDesk(deskA, seeded.doorperson.displayName, seeded.doorperson.pin);
    await signInDesk(deskB, seeded.doorperson.displayName, seeded.doorperson.pin);
    await deskB.page.keyboard.press('F3');
    await deskB.page.getByTestId('waiting-list').waitFor();
    await deskA.page.addScriptTag({ content: committer });
    const a = deskA.page;
    const b = deskB.page;
    if (!(await waitOutboxEmpty(a, 30_000))) problems.push('desk A still had outbox entries (sign-in) after 30 s');

    const residentIds = (await a.evaluate((db) => window.__syncBench?.fieldValues(db, 'residents', 'id') ?? Promise.resolve([]), APP_DB)) as string[];
    const shortCodes = (await a.evaluate((db) => window.__syncBench?.fieldValues(db, 'packages', 'shortCode') ?? Promise.resolve([]), APP_DB)) as string[];
    const deskAId = (await a.evaluate((db) => window.__syncBench?.meta(db, 'deskId'), APP_DB)) as string;
    const factory = packageFactory({ tag: `prop${Date.now().toString(36)}`, seed: args.seed, residentIds, takenShortCodes: shortCodes });
    const pause = createRandom(args.seed).fork('sync-propagation-pause');
    const session = { staffId: seeded.doorperson.id, staffRole: seeded.doorperson.role as 'doorperson' };

    const commits: CommitTiming[] = [];
    const expectedResident = new Map<string, string>();
    const total = WARMUP + SAMPLES;
    progress(`${total} packages committed on A (${WARMUP} warm-up), each awaited on B`);
    for (let i = 0; i < total; i++) {
      const pkg = factory.next();
      expectedResident.set(pkg.packageId, pkg.residentId);
      await b.evaluate((id) => window.__syncBench?.watch([id]), pkg.packageId);
      const [timing] = await a.evaluate(
        ({ who, one }) => {
          const api = window.__syncCommit;
          if (!api) throw new Error('committer missing');
          return api.receive(who, [one]);
        },
        { who: session, one: pkg },
      );
      if (!timing) throw new Error('no commit timing');
      if (i >= WARMUP) commits.push(timing);
      try {
        await b.waitForFunction((id) => {
          const log = window.__syncBench?.log();
          return log !== undefined && log.committed[id] !== undefined && log.shown[id] !== undefined;
        }, pkg.packageId, { polling: 20, timeout: 20_000 });
      } catch {
        problems.push(`package ${pkg.packageId} did not reach desk B (IndexedDB and list) within 20 s`);
      }
      if (!(await waitOutboxEmpty(a, 20_000))) problems.push(`desk A's outbox not empty 20 s after package ${pkg.packageId}`);
      if ((i + 1) % 10 === 0) progress(`  ${i + 1}/${total}`);
      await sleep(pause.int(100, 400));
    }

    const logA: SyncBenchLog = await pageLog(a);
    const logB: SyncBenchLog = await pageLog(b);
    const skewA = await a.evaluate(() => window.__syncBench?.clockSkew() ?? Number.NaN);
    const skewB = await b.evaluate(() => window.__syncBench?.clockSkew() ?? Number.NaN);
    notes.push(`page clocks vs Date.now(): A ${skewA.toFixed(2)} ms, B ${skewB.toFixed(2)} ms (Date.now() has 1 ms steps)`);

    const toIdb: number[] = [];
    const toDom: number[] = [];
    const commitMs: number[] = [];
    const commitToPush: number[] = [];
    const pushRequest: number[] = [];
    const pushToPull: number[] = [];
    const pullRequest: number[] = [];
    const answerToIdb: number[] = [];
    const rebaseTx: number[] = [];
    const idbToDom: number[] = [];
    const since = commits[0]?.start ?? 0;
    const pushesA = logA.fetches.filter((fetch) => isPost(fetch, '/api/sync/push'));
    const pullsB = logB.fetches.filter((fetch) => isPost(fetch, '/api/sync/pull'));
    const during = (fetches: readonly FetchRecord[]) => fetches.filter((fetch) => fetch.start >= since).length;
    const rebasesB = logB.tx.filter((tx) => isRebaseTx(tx) && tx.end !== null);
    for (const commit of commits) {
      commitMs.push(commit.end - commit.start);
      const inIdb = logB.committed[commit.packageId];
      const inDom = logB.shown[commit.packageId];
      if (inIdb === undefined || inDom === undefined) continue;
      toIdb.push(inIdb - commit.end);
      toDom.push(inDom - commit.end);
      idbToDom.push(inDom - inIdb);
      const push = firstAfter(pushesA, (fetch) => fetch.start, commit.end);
      const pull = lastBefore(pullsB, (fetch) => fetch.start, inIdb);
      const rebase = lastBefore(rebasesB, (tx) => tx.end ?? 0, inIdb + 0.001);
      if (push?.headers) {
        commitToPush.push(push.start - commit.end);
        pushRequest.push(push.headers - push.start);
      }
      if (push && pull?.headers) {
        pushToPull.push(pull.start - push.start);
        pullRequest.push(pull.headers - pull.start);
        answerToIdb.push(inIdb - pull.headers);
      }
      if (rebase?.end) rebaseTx.push(rebase.end - rebase.start);
    }
    const ms = (measure: string, samples: readonly number[]) => {
      if (samples.length > 0) measures.push(measureOf({ ...context, measure, unit: 'ms' }, samples));
    };
    ms('A commit resolved → in B IndexedDB', toIdb);
    ms('A commit resolved → row on B waiting list (DOM)', toDom);
    ms('A commit (app committer, strict tx)', commitMs);
    ms('split: A commit → A push sent (50 ms commit delay)', commitToPush);
    ms('split: A push request (sent → answer)', pushRequest);
    ms('split: A push sent → B pull sent (poke, scheduling)', pushToPull);
    ms('split: B pull request (sent → answer)', pullRequest);
    ms('split: B pull answered → committed in IndexedDB', answerToIdb);
    ms('split: B rebase tx (Dexie, strict)', rebaseTx);
    ms('split: B IndexedDB → B DOM row', idbToDom);
    measures.push(countOf({ ...context, measure: 'samples', unit: 'packages' }, commits.length));
    measures.push(countOf({ ...context, measure: 'rows held by each desk', unit: 'rows' }, seeded.totalRows));
    measures.push(countOf({ ...context, measure: 'A pushes during the samples', unit: 'requests' }, during(pushesA)));
    measures.push(countOf({ ...context, measure: 'A pulls during the samples', unit: 'requests' }, during(logA.fetches.filter((fetch) => isPost(fetch, '/api/sync/pull')))));
    measures.push(countOf({ ...context, measure: 'B pulls during the samples', unit: 'requests' }, during(pullsB)));
    const pokeStreams = (log: SyncBenchLog) => log.fetches.filter((fetch) => fetch.path === '/api/sync/poke').length;
    measures.push(countOf({ ...context, measure: 'poke streams opened (A + B, whole run)', unit: 'requests' }, pokeStreams(logA) + pokeStreams(logB)));
    if (process.env.SYNC_BENCH_DEBUG) {
      const t0 = commits[0]?.start ?? 0;
      const line = (who: string, fetch: FetchRecord) => `${who} ${fetch.method} ${fetch.path} ${(fetch.start - t0).toFixed(1)} → ${fetch.headers === null ? '…' : (fetch.headers - t0).toFixed(1)}`;
      const events = [...logA.fetches.map((fetch) => ({ t: fetch.start, text: line('A', fetch) })), ...logB.fetches.map((fetch) => ({ t: fetch.start, text: line('B', fetch) })), ...commits.map((commit) => ({ t: commit.end, text: `A commit ${commit.packageId} resolved ${(commit.end - t0).toFixed(1)}` }))];
      events.sort((x, y) => x.t - y.t);
      process.stderr.write(`${events.filter((event) => event.t >= t0).slice(0, 80).map((event) => event.text).join('\n')}\n`);
      process.stderr.write(`${JSON.stringify(logB.syncLog.slice(-20))}\n`);
    }

    // Correctness: every package on B, for its resident; every mutation applied once on the service.
    const onB = (await b.evaluate((db) => window.__syncBench?.fieldValues(db, 'packages', 'id') ?? Promise.resolve([]), APP_DB)) as string[];
    const residentsOnB = (await b.evaluate((db) => window.__syncBench?.fieldValues(db, 'packages', 'residentId') ?? Promise.resolve([]), APP_DB)) as string[];
    const bRows = new Map(onB.map((id, index) => [id, residentsOnB[index]]));
    for (const [id, residentId] of expectedResident) {
      if (!bRows.has(id)) problems.push(`package ${id} is missing on desk B`);
      else if (bRows.get(id) !== residentId) problems.push(`package ${id} is for ${bRows.get(id)} on desk B, committed for ${residentId}`);
    }
    const logged = service.query<{ status: string; n: number }>(
      `select status, count(*) as n from mutation_log where desk_id = ? and name = 'receivePackage' group by status`,
      deskAId,
    );
    const applied = logged.find((row) => row.status === 'applied')?.n ?? 0;
    const rejected = logged.find((row) => row.status === 'rejected')?.n ?? 0;
    if (applied !== total || rejected !== 0) problems.push(`the service logged ${applied} applied and ${rejected} rejected receivePackage of desk A, expected ${total} applied`);
    const onService = service.query<{ n: number }>(`select count(*) as n from packages where id like ?`, `${[...expectedResident.keys()][0]?.replace(/-\d+$/, '')}-%`)[0]?.n ?? 0;
    if (onService !== total) problems.push(`the service holds ${onService} of the ${total} packages`);
    for (const desk of desks) if (desk.errors.length > 0) notes.push(`desk ${desk.name} page errors: ${desk.errors.slice(0, 3).join(' | ')}`);
  } finally {
    for (const desk of desks) await desk.close();
    await service?.stop();
    data.remove();
    renderer.remove();
  }
  notes.push(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  printReport(measures, { json: args.json, chromium: chromium ?? args.chromium });
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (problems.length > 0) {
    process.stderr.write(`sync-propagation bench: the measured work is wrong:\n  ${problems.slice(0, 30).join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`sync-propagation bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
