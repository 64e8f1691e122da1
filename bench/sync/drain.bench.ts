// Drain of an offline backlog: a desk logs 2,000 packages while offline, comes back online; how
// long until its outbox is empty and the central service has processed all 2,000.
//
//   npm run build:renderer                  # the service serves dist/renderer (a private copy of it)
//   npx tsx bench/sync/drain.bench.ts [--json] [--size large] [--seed 1] [--runs 1] [--mutations 2000]
//
// Per run: a fresh SQLite service seeded with the building's working set (server/bench/
// seedFixture.ts), `server/main.ts` in its own process on loopback, one desk (Debian Chromium, its
// own persistent profile) enrolled with `?enroll=CODE`, fully synced, a doorperson signed in, the
// waiting list (F3) on screen. Then `context.setOffline(true)` (navigator.onLine false, the
// `offline` event, every request fails), `--mutations` receivePackage commits through the app's own
// committer (commitEntry.ts: one strict transaction each, as the receive screen saves), and
// `context.setOffline(false)`. Measured from the page's `online` event (inPage.ts):
//   - until the outbox is empty: the commit of the last transaction that wrote the outbox (the
//     rebase that dropped the acknowledged entries), polled from Node every 100 ms;
//   - until the service's mutation_log holds them all: its last processed_at (the service's clock,
//     millisecond ISO) for this desk, read from its SQLite file;
// split into the push requests (≤ 100 mutations each, at most 20 per sync cycle), the pull requests
// and the rebase transactions of the pulled pages, with the replays of pending mutations that the
// app's sync.pulled log lines report. The desk's pointer moves between chunks of commits, as a
// working doorperson's would, so the idle lock does not add its own recordSignOut; offline commits
// are back to back, so they queue behind the waiting list's re-render (a note gives their median
// at the start and at the end; they are not the measured target).
// Fails only on wrong work: the service's log must hold exactly the committed mutations, each once,
// all applied, the packages each once on the service and on the desk, and the outbox must be empty.

import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';
import type { CommitTiming } from './commitEntry';
import type { SyncBenchLog } from './inPage';
import { intOption, parseSyncArgs } from './lib/args';
import { bundle } from './lib/bundle';
import { APP_DB, enroll, isRebaseTx, openDesk, pageLog, signInDesk, waitForCursor, type Desk } from './lib/desk';
import { packageFactory } from './lib/packages';
import { seedSqlite, snapshotRenderer, startService, tempDir, type RunningService } from './lib/service';

const { bench: args, values } = parseSyncArgs(process.argv.slice(2), { mutations: { type: 'string' } }, { runs: 1 });
const MUTATIONS = intOption(values, 'mutations', 2000);
const COMMIT_CHUNK = 100;
const context = { bench: 'sync-drain', fixture: args.size, seed: args.seed };
const measures: Measure[] = [];
const problems: string[] = [];
const notes: string[] = [];
const progress = (text: string) => process.stderr.write(`[sync-drain] ${text}\n`);
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const sum = (samples: readonly number[]) => samples.reduce((total, sample) => total + sample, 0);
const median = (samples: readonly number[]) => [...samples].sort((a, b) => a - b)[Math.floor((samples.length - 1) / 2)] ?? Number.NaN;

async function outboxCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__syncCommit?.outboxCount() ?? Promise.resolve(-1));
}

interface DrainRun {
  toOutboxEmpty: number;
  toServerLogged: number;
  onlineToFirstPush: number;
  /** First push sent → last push answered (pulls of the first cycle may lie between). */
  pushSpan: number;
  pushRequests: number[];
  pullRequests: number[];
  rebaseTx: number[];
  pages: number;
  replayed: number;
  notReplayed: number;
  commits: CommitTiming[];
  offlineCommitMs: number;
  chromium: string;
}

async function oneRun(run: number, instrumentation: string, committer: string, staticDir: string): Promise<DrainRun> {
  const data = tempDir('conserje-sync-bench-data-');
  let service: RunningService | null = null;
  let desk: Desk | null = null;
  try {
    progress(`run ${run}: seeding the working set of the building on a fresh service`);
    const seeded = await seedSqlite(data.dir, { size: args.size, seed: args.seed, content: 'working-set', codes: 1, now: new Date() });
    service = await startService(data.dir, staticDir);
    const code = seeded.codes[0];
    if (!code) throw new Error('no enrollment code');
    desk = await openDesk(`drain-${run}`, instrumentation);
    const page = desk.page;
    progress(`run ${run}: the desk enrolls and syncs ${seeded.totalRows.toLocaleString('en')} rows`);
    await enroll(desk, service.url, code);
    await waitForCursor(page, seeded.version, 10 * 60_000);
    await signInDesk(desk, seeded.doorperson.displayName, seeded.doorperson.pin);
    await page.keyboard.press('F3');
    await page.getByTestId('waiting-list').waitFor();
    await page.addScriptTag({ content: committer });
    for (let waited = 0; (await outboxCount(page)) !== 0; waited += 50) {
      if (waited > 30_000) throw new Error('the sign-in did not leave the outbox within 30 s');
      await sleep(50);
    }
    const residentIds = (await page.evaluate((db) => window.__syncBench?.fieldValues(db, 'residents', 'id') ?? Promise.resolve([]), APP_DB)) as string[];
    const shortCodes = (await page.evaluate((db) => window.__syncBench?.fieldValues(db, 'packages', 'shortCode') ?? Promise.resolve([]), APP_DB)) as string[];
    const deskId = (await page.evaluate((db) => window.__syncBench?.meta(db, 'deskId'), APP_DB)) as string;
    const tag = `drain${run}${Date.now().toString(36)}`;
    const factory = packageFactory({ tag, seed: args.seed + run, residentIds, takenShortCodes: shortCodes });
    const session = { staffId: seeded.doorperson.id, staffRole: seeded.doorperson.role as 'doorperson' };

    progress(`run ${run}: offline; committing ${MUTATIONS} packages`);
    await desk.context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine, undefined, { timeout: 10_000 });
    const commits: CommitTiming[] = [];
    const expected = new Map<string, string>();
    const offlineStart = Date.now();
    for (let done = 0; done < MUTATIONS; done += COMMIT_CHUNK) {
      const chunk = Array.from({ length: Math.min(COMMIT_CHUNK, MUTATIONS - done) }, () => factory.next());
      for (const pkg of chunk) expected.set(pkg.packageId, pkg.residentId);
      commits.push(
        ...(await page.evaluate(
          ({ who, packages }) => {
            const api = window.__syncCommit;
            if (!api) throw new Error('committer missing');
            return api.receive(who, packages);
          },
          { who: session, packages: chunk },
        )),
      );
      // A doorperson at work: pointer activity keeps the idle lock (and its recordSignOut) away.
      await page.mouse.move(200 + (done % 400), 300);
      if ((done + COMMIT_CHUNK) % 500 === 0) progress(`  ${done + COMMIT_CHUNK}/${MUTATIONS} committed offline`);
    }
    const offlineCommitMs = Date.now() - offlineStart;
    const backlog = await page.evaluate(() => window.__syncCommit?.outboxByName() ?? Promise.resolve({} as Record<string, number>));
    if (backlog.receivePackage !== MUTATIONS) problems.push(`run ${run}: ${backlog.receivePackage ?? 0} receivePackage outbox entries before going online, expected ${MUTATIONS}`);
    const others = Object.entries(backlog).filter(([name]) => name !== 'receivePackage');
    if (others.length > 0) notes.push(`run ${run}: the backlog also held ${others.map(([name, n]) => `${n} ${name}`).join(', ')} (the app's own)`);
    const loggedBefore = service.query<{ n: number }>(`select count(*) as n from mutation_log where desk_id = ? and name = 'receivePackage'`, deskId)[0]?.n ?? -1;
    if (loggedBefore !== 0) problems.push(`run ${run}: the service logged ${loggedBefore} of this desk's packages while it was offline`);
    await sleep(1_000);

    progress(`run ${run}: online; waiting for the outbox to drain`);
    await page.evaluate(() => window.__syncBench?.clear());
    await desk.context.setOffline(false);
    const deadline = Date.now() + 15 * 60_000;
    while ((await outboxCount(page)) !== 0) {
      if (Date.now() > deadline) throw new Error(`run ${run}: the outbox still holds ${await outboxCount(page)} entries after 15 minutes`);
      await sleep(100);
    }
    // Let the cycle that emptied it finish (its cursor and status writes) before reading the log.
    await sleep(500);
    const log: SyncBenchLog = await pageLog(page);
    const online = log.online[0];
    if (online === undefined) throw new Error('the page saw no `online` event');
    const outboxTx = log.tx.filter((tx) => tx.mode === 'readwrite' && tx.stores.includes('outbox') && tx.end !== null && !tx.aborted);
    const lastOutboxWrite = outboxTx.filter(isRebaseTx).at(-1);
    const drainedAt = lastOutboxWrite?.end;
    if (!drainedAt) throw new Error('no rebase transaction after going online');

    // The service's side: every mutation logged once, applied; every package stored once.
    const logged = service.query<{ status: string; n: number; last: string; distinctSeq: number }>(
      `select status, count(*) as n, max(processed_at) as last, count(distinct seq) as distinctSeq from mutation_log where desk_id = ? and name = 'receivePackage' group by status`,
      deskId,
    );
    const applied = logged.find((row) => row.status === 'applied');
    const rejected = logged.find((row) => row.status === 'rejected')?.n ?? 0;
    if (applied?.n !== MUTATIONS || rejected !== 0) problems.push(`run ${run}: the service logged ${applied?.n ?? 0} applied and ${rejected} rejected receivePackage, expected ${MUTATIONS} applied`);
    if (applied && applied.distinctSeq !== applied.n) problems.push(`run ${run}: sequence numbers repeat in the service's log`);
    const stored = service.query<{ n: number; ids: number }>(`select count(*) as n, count(distinct id) as ids from packages where id like ?`, `bench-${tag}-%`)[0];
    if (stored?.n !== MUTATIONS || stored.ids !== MUTATIONS) problems.push(`run ${run}: the service stores ${stored?.n ?? 0} of the ${MUTATIONS} packages`);
    const ids = (await page.evaluate((db) => window.__syncBench?.fieldValues(db, 'packages', 'id') ?? Promise.resolve([]), APP_DB)) as string[];
    const residents = (await page.evaluate((db) => window.__syncBench?.fieldValues(db, 'packages', 'residentId') ?? Promise.resolve([]), APP_DB)) as string[];
    const onDesk = new Map(ids.map((id, index) => [id, residents[index]]));
    let missing = 0;
    let wrong = 0;
    for (const [id, residentId] of expected) {
      if (!onDesk.has(id)) missing++;
      else if (onDesk.get(id) !== residentId) wrong++;
    }
    if (missing > 0 || wrong > 0) problems.push(`run ${run}: on the desk ${missing} packages are missing and ${wrong} have another resident`);
    const lastLogged = applied?.last ? Date.parse(applied.last) : Number.NaN;

    const after = (t: number) => t >= online && t <= drainedAt + 1;
    const pushes = log.fetches.filter((fetch) => fetch.path === '/api/sync/push' && fetch.method === 'POST' && fetch.headers !== null && !fetch.failed && after(fetch.start));
    const pulls = log.fetches.filter((fetch) => fetch.path === '/api/sync/pull' && fetch.method === 'POST' && fetch.headers !== null && !fetch.failed && after(fetch.start));
    const rebases = outboxTx.filter((tx) => isRebaseTx(tx) && after(tx.start) && (tx.end ?? 0) <= drainedAt);
    // Every page's log line, also the last one (logged just after its transaction committed).
    const pulled = log.syncLog.filter((entry) => entry.code === 'sync.pulled' && entry.t >= online && entry.t <= drainedAt + 1_000);
    const firstPush = pushes[0];
    const lastPush = pushes.at(-1);
    if (log.fetches.some((fetch) => fetch.failed)) notes.push(`run ${run}: ${log.fetches.filter((fetch) => fetch.failed).length} requests failed after going online (the network came back late?)`);
    if (desk.errors.length > 0) notes.push(`run ${run}: page errors: ${desk.errors.slice(0, 3).join(' | ')}`);
    notes.push(
      `run ${run}: sync.pulled lines (changes/dropped/replayed/notReplayed): ${pulled.map((entry) => `${String(entry.fields.changes)}/${String(entry.fields.dropped)}/${String(entry.fields.replayed)}/${String(entry.fields.notReplayed)}`).join(' ')}`,
    );
    const firstHalf = commits.slice(0, 100).map((commit) => commit.end - commit.start);
    const lastHalf = commits.slice(-100).map((commit) => commit.end - commit.start);
    notes.push(`run ${run}: offline commit p50, first 100 ${median(firstHalf).toFixed(1)} ms, last 100 ${median(lastHalf).toFixed(1)} ms (the waiting list on screen grows by one row each)`);
    return {
      toOutboxEmpty: drainedAt - online,
      toServerLogged: lastLogged - online,
      onlineToFirstPush: (firstPush?.start ?? Number.NaN) - online,
      pushSpan: (lastPush?.headers ?? Number.NaN) - (firstPush?.start ?? Number.NaN),
      pushRequests: pushes.map((fetch) => (fetch.headers ?? 0) - fetch.start),
      pullRequests: pulls.map((fetch) => (fetch.headers ?? 0) - fetch.start),
      rebaseTx: rebases.map((tx) => (tx.end ?? 0) - tx.start),
      pages: pulls.length,
      replayed: sum(pulled.map((entry) => Number(entry.fields.replayed) || 0)),
      notReplayed: sum(pulled.map((entry) => Number(entry.fields.notReplayed) || 0)),
      commits,
      offlineCommitMs,
      chromium: desk.chromiumVersion,
    };
  } finally {
    await desk?.close();
    await service?.stop();
    data.remove();
  }
}

async function main(): Promise<void> {
  notes.push(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')} (a shared VM)`);
  progress('bundling the in-page observer and committer; copying dist/renderer');
  const [instrumentation, committer] = await Promise.all([bundle('inPage.ts'), bundle('commitEntry.ts')]);
  const renderer = snapshotRenderer();
  notes.push(`renderer build served: dist/renderer of ${renderer.builtAt}`);
  const runs: DrainRun[] = [];
  try {
    for (let run = 1; run <= args.runs; run++) {
      const result = await oneRun(run, instrumentation, committer, renderer.dir);
      progress(`run ${run}: outbox empty ${result.toOutboxEmpty.toFixed(0)} ms after online; service logged all ${result.toServerLogged.toFixed(0)} ms after`);
      runs.push(result);
    }
  } finally {
    renderer.remove();
  }
  const ms = (measure: string, samples: readonly number[]) => {
    const finite = samples.filter(Number.isFinite);
    if (finite.length > 0) measures.push(measureOf({ ...context, measure, unit: 'ms' }, finite));
  };
  ms(`online → outbox empty (${MUTATIONS} mutations)`, runs.map((run) => run.toOutboxEmpty));
  ms(`online → service logged all ${MUTATIONS}`, runs.map((run) => run.toServerLogged));
  ms('online event → first push sent', runs.map((run) => run.onlineToFirstPush));
  ms('first push sent → last push answered', runs.map((run) => run.pushSpan));
  ms('push requests, summed', runs.map((run) => sum(run.pushRequests)));
  ms('pull requests, summed', runs.map((run) => sum(run.pullRequests)));
  ms('rebase transactions, summed', runs.map((run) => sum(run.rebaseTx)));
  ms('push request (≤ 100 mutations)', runs.flatMap((run) => run.pushRequests));
  ms('pull request (sent → answer headers)', runs.flatMap((run) => run.pullRequests));
  ms('rebase tx per page (Dexie, strict)', runs.flatMap((run) => run.rebaseTx));
  ms('offline commit (app committer, one strict tx each, waiting list on screen)', runs.flatMap((run) => run.commits.map((commit) => commit.end - commit.start)));
  const first = runs[0];
  if (first) {
    measures.push(measureOf({ ...context, measure: 'mutations/s drained (online → outbox empty)', unit: 'mutations/s' }, runs.map((run) => MUTATIONS / (run.toOutboxEmpty / 1000))));
    measures.push(measureOf({ ...context, measure: 'mutations/s processed by the service (sum of push requests)', unit: 'mutations/s' }, runs.map((run) => MUTATIONS / (sum(run.pushRequests) / 1000))));
    measures.push(countOf({ ...context, measure: 'push requests', unit: 'requests' }, first.pushRequests.length));
    measures.push(countOf({ ...context, measure: 'pull requests (pages)', unit: 'pages' }, first.pages));
    measures.push(countOf({ ...context, measure: 'pending mutations replayed by rebases', unit: 'mutations' }, first.replayed));
    measures.push(countOf({ ...context, measure: 'replays refused (already applied by the server)', unit: 'mutations' }, first.notReplayed));
    measures.push(countOf({ ...context, measure: 'mutations drained and verified', unit: 'mutations' }, problems.length === 0 ? MUTATIONS : 0));
    notes.push(`offline: ${MUTATIONS} commits took ${(first.offlineCommitMs / 1000).toFixed(1)} s (${(MUTATIONS / (first.offlineCommitMs / 1000)).toFixed(0)} commits/s, including the automation round trips per ${COMMIT_CHUNK})`);
  }
  notes.push(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  printReport(measures, { json: args.json, chromium: first?.chromium ?? args.chromium });
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (problems.length > 0) {
    process.stderr.write(`sync-drain bench: the measured work is wrong:\n  ${problems.slice(0, 30).join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`sync-drain bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
