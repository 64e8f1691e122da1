// Broadcast benchmark (issue 5): a manager's desk broadcasts to every unit of the standard
// building (1,000 units), and the real central service e-mails every resident through a real
// SMTP server on loopback. Prints numbers; fails only on wrong work, never on time.
//
//   npx tsx bench/messaging/broadcast.bench.ts [--json] [--seed 1] [--emails all|fixture] [--interval 100]
//   (--size and --runs from scripts/bench.mjs are accepted and ignored: one broadcast, the large building, SQLite.)
//
// Setup: the "large" fixture (1,000 units, 2,500 residents) seeded into a fresh SQLite data dir,
// by default with an address for every resident (--emails fixture keeps the fixture's 30%), then
// `server/main.ts` in its own process (SMTP_URL pointing at this process's sink, reminders off,
// package notices delayed past the run). Two desks enroll over HTTP: the manager's, which pushes
// the broadcast, and a lobby desk that keeps working meanwhile: every `--interval` ms it pushes a
// receivePackage and pulls until it has caught up, as the desk app does after a commit.
// Measures: the broadcast push (the service applies it and plans one e-mail per resident in that
// transaction), time from the push to the first and to the last e-mail accepted by the SMTP
// server, e-mails per second, the lobby desk's push and pull times before (baseline) and during
// delivery, the service's /health time during delivery, when the manager's desk sees "sent" for
// every recipient by pull, and the broadcast mutator's own run time over the building in memory
// (what the desk adds to its commit; the IndexedDB commit itself is measured by bench/desk).
// Wrong work: an e-mail missing or sent twice, a recipient who should not get one, a lobby push
// not applied, a summary that does not add up.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generateBuilding, workingSet } from '../../shared/demo/fixture';
import type { Message } from '../../shared/domain/messaging';
import type { Resident } from '../../shared/domain/model';
import { MemoryStore } from '../../shared/mutations/memoryTx';
import { runMutation } from '../../shared/mutations/registry';
import { DATA_SCHEMA_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import { createDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { issueEnrollmentCode } from '../../server/identity/enrollment';
import { seedBuilding } from '../../server/sync/seed';
import { SmtpSink } from '../../server/testing/smtpSink';
import { shortCodeFor } from '../../server/testing/buildings';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';
import { freePort } from '../sync/lib/service';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    emails: { type: 'string', default: 'all' },
    interval: { type: 'string', default: '100' },
    size: { type: 'string' },
    runs: { type: 'string' },
  },
  strict: true,
});
const SEED = Number(values.seed);
const INTERVAL_MS = Number(values.interval);
const ALL_EMAILS = values.emails !== 'fixture';
const DELIVERY_TIMEOUT_MS = 15 * 60_000;
const BENCH = 'messaging-broadcast';
const FIXTURE = `large${ALL_EMAILS ? ', every resident with e-mail' : ''}`;
const progress = (text: string) => process.stderr.write(`[${BENCH}] ${text}\n`);
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

const measures: Measure[] = [];
const problems: string[] = [];
const field = (measure: string, unit = 'ms') => ({ bench: BENCH, measure, unit, fixture: FIXTURE, seed: SEED });

class BenchDesk {
  deskId = '';
  credential = '';
  cursor = 0;
  seq = 0;
  constructor(
    private readonly base: string,
    readonly staffId: string,
  ) {}

  private headers(): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${this.credential}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), [SCHEMA_HEADER]: String(DATA_SCHEMA_VERSION) };
  }

  async enroll(code: string): Promise<void> {
    const response = await fetch(`${this.base}/api/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deskName: 'bench desk' }) });
    if (!response.ok) throw new Error(`enrollment failed: HTTP ${response.status}`);
    const answer = (await response.json()) as { deskId: string; credential: string };
    this.deskId = answer.deskId;
    this.credential = answer.credential;
  }

  async push(name: string, args: unknown): Promise<{ ms: number; response: PushResponse }> {
    this.seq += 1;
    const body = { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: this.deskId, mutations: [{ id: randomUUID(), seq: this.seq, name, args, staffId: this.staffId, at: new Date().toISOString() }] };
    const started = performance.now();
    const response = await fetch(`${this.base}/api/sync/push`, { method: 'POST', headers: this.headers(), body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`push failed: HTTP ${response.status} ${await response.text()}`);
    const parsed = (await response.json()) as PushResponse;
    return { ms: performance.now() - started, response: parsed };
  }

  /** Pulls until caught up; returns the time and every change. */
  async pullAll(): Promise<{ ms: number; changes: PullResponse['changes'] }> {
    const started = performance.now();
    const changes: PullResponse['changes'] = [];
    for (;;) {
      const response = await fetch(`${this.base}/api/sync/pull`, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: this.deskId, cursor: this.cursor, limit: 1000 }),
      });
      if (!response.ok) throw new Error(`pull failed: HTTP ${response.status}`);
      const page = (await response.json()) as PullResponse;
      changes.push(...page.changes);
      this.cursor = page.cursor;
      if (!page.hasMore) return { ms: performance.now() - started, changes };
    }
  }
}

async function startService(dataDir: string, port: number, smtpUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'no-static'),
      SMTP_URL: smtpUrl,
      SMTP_FROM: 'Front desk <desk@building.example>',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      REMINDER_AFTER_HOURS: 'off',
      PACKAGE_NOTICE_DELAY_SECONDS: '86400',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  await new Promise<void>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('the central service did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the central service exited with ${code}`)));
    lines.on('line', (line) => {
      if (/listening on/.test(line)) {
        clearTimeout(timer);
        resolveStart();
      }
    });
  });
  return child;
}

async function main(): Promise<void> {
  const now = new Date();
  progress('generating the large building');
  const fixture = await generateBuilding({ size: 'large', seed: SEED, now });
  const set = workingSet(fixture, now);
  const residents: Resident[] = set.residents.map((resident) => (ALL_EMAILS && resident.email === null ? { ...resident, email: `${resident.id}@example.org` } : resident));
  const reachable = new Set(residents.filter((resident) => resident.email !== null).map((resident) => resident.email ?? ''));
  const unitIds = set.units.map((unit) => unit.id);
  const manager = set.staff.find((member) => member.role === 'manager' || member.role === 'admin');
  const doorperson = set.staff.find((member) => member.role === 'doorperson');
  if (!manager || !doorperson) throw new Error('the fixture has no manager or doorperson');

  // What the desk's commit adds: the broadcast mutator over the building (1,000 unit lookups).
  const store = new MemoryStore();
  store.seed('units', set.units);
  const mutatorTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    await store.transaction((tx) =>
      runMutation(tx, 'broadcast', { messageId: `bm-${run}`, threadId: `bt-${run}`, scope: 'building', floors: [], unitIds, subject: 'Water shut-off', body: 'Water is off on Tuesday, {{residentName}}.', templateId: null, confirmedRecipients: residents.length }, { mutationId: `m-${run}`, staffId: manager.id, staffRole: manager.role, deskId: 'bench', at: now.toISOString() }),
    );
    mutatorTimes.push(performance.now() - started);
  }
  measures.push(measureOf(field('desk: broadcast mutator run (in memory, 1,000 units)'), mutatorTimes));

  const dataDir = mkdtempSync(join(tmpdir(), 'conserje-broadcast-bench-'));
  const sink = await SmtpSink.start(0, { parse: false });
  let child: ChildProcess | null = null;
  try {
    progress('seeding the service database');
    const db = createDatabase({ kind: 'sqlite', dataDir });
    await migrateToLatest(db);
    await seedBuilding(db, { building: set.building, units: set.units, residents, staff: set.staff, packages: set.packages.filter((pkg) => pkg.status === 'waiting') });
    const codes = [await issueEnrollmentCode(db, { buildingId: set.building.id, createdBy: manager.id }), await issueEnrollmentCode(db, { buildingId: set.building.id, createdBy: manager.id })];
    await db.close();

    const port = await freePort();
    child = await startService(dataDir, port, sink.url);
    const base = `http://127.0.0.1:${port}`;
    const managerDesk = new BenchDesk(base, manager.id);
    const lobby = new BenchDesk(base, doorperson.id);
    await managerDesk.enroll(codes[0]?.code ?? '');
    await lobby.enroll(codes[1]?.code ?? '');
    await managerDesk.pullAll();
    await lobby.pullAll();

    let parcel = 0;
    const lobbyRound = async (pushTimes: number[], pullTimes: number[]) => {
      parcel += 1;
      const packageId = `bench-p-${parcel}`;
      const resident = residents[parcel % residents.length] ?? residents[0];
      const { ms, response } = await lobby.push('receivePackage', {
        packageId, shortCode: shortCodeFor(packageId), trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', residentId: resident?.id ?? '', size: null, location: 'B1', flags: [], note: null,
      });
      if (response.results[0]?.status !== 'applied') problems.push(`lobby push ${packageId}: ${JSON.stringify(response.results[0])}`);
      pushTimes.push(ms);
      pullTimes.push((await lobby.pullAll()).ms);
    };

    progress('lobby desk baseline');
    const basePush: number[] = [];
    const basePull: number[] = [];
    const baseHealth: number[] = [];
    for (let round = 0; round < 40; round++) {
      await lobbyRound(basePush, basePull);
      const started = performance.now();
      await fetch(`${base}/health`);
      baseHealth.push(performance.now() - started);
      await sleep(INTERVAL_MS);
    }

    progress(`broadcast to ${unitIds.length} units (${residents.length} residents, ${reachable.size} with e-mail)`);
    const messageId = randomUUID();
    const pushedAt = performance.now();
    const pushedAtMs = Date.now();
    const { ms: broadcastMs, response } = await managerDesk.push('broadcast', {
      messageId, threadId: randomUUID(), scope: 'building', floors: [], unitIds, subject: 'Water shut-off on Tuesday', body: 'Hello {{residentName}}, water is off in {{unit}} on Tuesday from 9:00 to 12:00.', templateId: null, confirmedRecipients: residents.length,
    });
    if (response.results[0]?.status !== 'applied') problems.push(`broadcast not applied: ${JSON.stringify(response.results[0])}`);
    measures.push(measureOf(field('service: broadcast push (apply + plan one e-mail per resident)'), [broadcastMs]));

    const duringPush: number[] = [];
    const duringPull: number[] = [];
    const duringHealth: number[] = [];
    while (sink.mails.length < reachable.size && performance.now() - pushedAt < DELIVERY_TIMEOUT_MS) {
      await lobbyRound(duringPush, duringPull);
      const started = performance.now();
      await fetch(`${base}/health`);
      duringHealth.push(performance.now() - started);
      await sleep(INTERVAL_MS);
      if (duringPush.length % 50 === 0) progress(`${sink.mails.length} of ${reachable.size} e-mails handed to SMTP`);
    }
    const first = sink.mails[0]?.receivedAt;
    const last = sink.mails.at(-1)?.receivedAt;
    if (first !== undefined && last !== undefined) {
      measures.push(measureOf(field('push → first e-mail accepted by SMTP'), [first - pushedAtMs]));
      measures.push(measureOf(field('push → every e-mail accepted by SMTP'), [last - pushedAtMs]));
      measures.push(countOf({ ...field('e-mails per second (first → last)', 'e-mails/s') }, Math.round((sink.mails.length / Math.max(1, last - first)) * 1000 * 10) / 10));
    }
    measures.push(countOf({ ...field('e-mails accepted by SMTP', 'e-mails') }, sink.mails.length));
    measures.push(measureOf(field('lobby desk: push receivePackage during delivery'), duringPush, { measure: 'before', samples: basePush }));
    measures.push(measureOf(field('lobby desk: pull to caught up during delivery'), duringPull, { measure: 'before', samples: basePull }));
    measures.push(measureOf(field('service: GET /health during delivery'), duringHealth, { measure: 'before', samples: baseHealth }));

    // The manager's desk learns by pull that every e-mail went out.
    let summary: Message['delivery'] = null;
    const summaryStarted = Date.now();
    while (Date.now() - summaryStarted < 60_000) {
      const { changes } = await managerDesk.pullAll();
      for (const change of changes) if (change.table === 'messages' && change.id === messageId) summary = (change.row as Message | null)?.delivery ?? summary;
      if (summary && summary.queued === 0) break;
      await sleep(200);
    }
    measures.push(measureOf(field('last e-mail → manager desk pulls "sent to all"'), [Date.now() - (last ?? Date.now())]));

    const recipients = sink.mails.flatMap((mail) => mail.recipients);
    const distinct = new Set(recipients);
    if (recipients.length !== distinct.size) problems.push(`${recipients.length - distinct.size} e-mails sent twice`);
    const missing = [...reachable].filter((address) => !distinct.has(address));
    if (missing.length > 0) problems.push(`${missing.length} residents did not get the broadcast`);
    const extra = [...distinct].filter((address) => !reachable.has(address));
    if (extra.length > 0) problems.push(`${extra.length} e-mails to addresses that should not get one`);
    if (!summary || summary.sent !== reachable.size || summary.recipients !== residents.length || summary.skipped !== residents.length - reachable.size) {
      problems.push(`summary does not add up: ${JSON.stringify(summary && { ...summary, problems: summary.problems.length })}`);
    }
  } finally {
    child?.kill('SIGTERM');
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  printReport(measures, { json: values.json });
  if (problems.length > 0) {
    console.error(`WRONG WORK:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
