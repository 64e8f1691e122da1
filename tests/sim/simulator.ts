import { LANGUAGES, type Package } from '../../shared/domain/model';
import { createRandom, type Random } from '../../shared/demo/random';
import type { MutationRequest } from '../../shared/mutations/registry';
import { receiveArgs, shortCodeFor } from '../../server/testing/buildings';
import type { TestDatabaseTarget } from '../../server/testing/databases';
import { storedCursor } from '../../renderer/db/database';
import { ManualTimers } from '../../renderer/sync/testing/manualTimers';
import { BookingWorkload } from './bookingWorkload';
import { simBuilding } from './building';
import { SimDesk, type CommitOutcome } from './desk';
import { checkInvariants } from './invariants';
import { FAULT_KINDS, SimNetwork, type FaultKind } from './network';
import { SimServer, skipOtherBookings } from './server';

// A seeded sync simulator: several in-process desks (real DeskDatabase on fake-indexeddb, real
// SyncClient) against the real central service (Fastify app + sync engine on SQLite or
// PostgreSQL) through a faulty network, under a random workload; then the network heals, every
// desk syncs until quiescent, and the invariants of ./invariants.ts are checked. See README.md.

export const OPERATIONS = [
  'receive',
  'release',
  'undo',
  'signInOut',
  'preferences',
  'book',
  'cancelBooking',
  'decideBooking',
  'arrive',
  'time',
  'syncNow',
  'burst',
  'deliver',
  'toggleNetwork',
  'crashAfterCommit',
  'revive',
  'restartServer',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const DEFAULT_WEIGHTS: Record<Operation, number> = {
  receive: 18,
  release: 14,
  undo: 5,
  signInOut: 4,
  preferences: 2,
  book: 14,
  cancelBooking: 4,
  decideBooking: 3,
  arrive: 2,
  time: 22,
  syncNow: 8,
  burst: 3,
  deliver: 8,
  toggleNetwork: 4,
  crashAfterCommit: 2,
  revive: 5,
  restartServer: 1,
};

/**
 * Deliberate bugs, to prove the invariants catch them (see sync.sim.test.ts):
 * - loseOutboxOnCrash: a desk's outbox does not survive a crash;
 * - serverSkipsBookingRules: the server's mutators see no other bookings of an amenity, so the
 *   server never refuses a booking for capacity or quota, whatever the desks pushed.
 */
export type Sabotage = 'none' | 'loseOutboxOnCrash' | 'serverSkipsBookingRules';

export interface SimOptions {
  seed: number;
  steps: number;
  target: TestDatabaseTarget;
  /** 3 or 4, drawn from the seed unless given. */
  desks?: number;
  /** Probability that a request meets a fault, drawn from the seed (0.1–0.4) unless given. */
  faultRate?: number;
  weights?: Partial<Record<Operation, number>>;
  sabotage?: Sabotage;
  /** Trace lines kept for the failure report. */
  traceSize?: number;
  /** Every trace line as it happens (--verbose). */
  onTrace?: (line: string) => void;
}

export interface SimStats {
  desks: number;
  faultRate: number;
  faults: Record<FaultKind, number>;
  requests: { push: number; pull: number; other: number; offline: number };
  /** Mutations committed on desks. */
  mutations: number;
  /** Commits refused by the desk's own rules (nothing queued). */
  localRejections: number;
  operations: Record<Operation, number>;
  kills: number;
  serverRestarts: number;
  applied: number;
  rejected: number;
  rejectionCodes: Record<string, number>;
  serverVersion: number;
  /** The server's bookings at the end, by status, and how many of them the waitlist promoted (offeredFromWaitlist). */
  bookings: Record<string, number>;
  quiesceRounds: number;
  /** What the sync clients logged: `failed:<kind>` per failed cycle, and notable codes. */
  clientLog: Record<string, number>;
}

export interface SimResult {
  seed: number;
  steps: number;
  dialect: string;
  /** No sync invariant broke (findings do not count). */
  ok: boolean;
  failures: string[];
  /** Business rules broken by the mutators themselves, not by sync (see invariants.ts). */
  findings: string[];
  stats: SimStats;
  /** The last trace lines (operations and network events). */
  trace: string[];
  elapsedMs: number;
  /** The command that replays this run. */
  replay: string;
}

const BUILDING = 'sim';
const SEED = simBuilding(BUILDING);
const RESIDENTS = SEED.residents.map((resident) => resident.id);
/** Client log entries that are expected under injected faults; anything else is a failure. */
const EXPECTED_CLIENT_LOG = /^(failed:network|failed:temporary:503|sync\.(leader|pushed|pulled|mutationRejected))$/;
const SETTLE_TIMEOUT_MS = 60_000;
/** Rounds of "sync now" on every desk (then one second of timers) before declaring a run stuck. */
const MAX_QUIESCE_ROUNDS = 1_000;
/** …and stop early after this many rounds in a row in which nothing moved. */
const STUCK_ROUNDS = 10;
/** Read-your-writes checks every mutation of every desk this often (in steps), recent ones after every step. */
const FULL_CHECK_EVERY = 20;

let runCounter = 0;

/** One simulation run. Never throws: a crash of the simulation itself is reported as a failure. */
export async function runSimulation(options: SimOptions): Promise<SimResult> {
  const started = performance.now();
  const run = new Simulation(options);
  let failures: string[];
  let findings: string[] = [];
  try {
    ({ failures, findings } = await run.execute());
  } catch (error) {
    failures = [`the simulation crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  } finally {
    await run.dispose().catch((error: unknown) => run.trace.add(`cleanup failed: ${String(error)}`));
  }
  const replayFlags = [`--seed ${options.seed}`, `--steps ${options.steps}`];
  if (options.desks !== undefined) replayFlags.push(`--desks ${options.desks}`);
  if (options.faultRate !== undefined) replayFlags.push(`--fault-rate ${options.faultRate}`);
  if (options.target.dialect === 'postgres') replayFlags.push('--postgres');
  return {
    seed: options.seed,
    steps: options.steps,
    dialect: options.target.dialect,
    ok: failures.length === 0,
    failures,
    findings,
    stats: run.stats(),
    trace: run.trace.lines(),
    elapsedMs: Math.round(performance.now() - started),
    replay: `npm run bench:chaos -- ${replayFlags.join(' ')}`,
  };
}

/** The clock every desk shares; the backoff's jitter comes from the seed. */
class SimTimers extends ManualTimers {
  constructor(private readonly rng: Random) {
    super();
  }

  override random(): number {
    return this.rng.next();
  }
}

class Trace {
  step = -1;
  private readonly ring: string[] = [];

  constructor(
    private readonly size: number,
    private readonly clock: () => number,
    private readonly sink?: (line: string) => void,
  ) {}

  add(line: string): void {
    const text = `#${this.step < 0 ? '-' : this.step} t=${(this.clock() / 1000).toFixed(1)}s ${line}`;
    this.ring.push(text);
    if (this.ring.length > this.size) this.ring.shift();
    this.sink?.(text);
  }

  lines(): string[] {
    return [...this.ring];
  }
}

class Simulation {
  readonly trace: Trace;
  private readonly ops: Random;
  private readonly networkRng: Random;
  private readonly timers: SimTimers;
  private readonly startMs: number;
  private readonly deskCount: number;
  private readonly faultRate: number;
  private readonly weights: Record<Operation, number>;
  private readonly restoreIds: () => void;
  private server: SimServer | null = null;
  private network: SimNetwork | null = null;
  private readonly desks: SimDesk[] = [];
  private readonly operations = Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<Operation, number>;
  private packageCounter = 0;
  private readonly bookings: BookingWorkload;
  /** Violations of the step-by-step read-your-writes check. */
  private readonly hiddenWrites: string[] = [];
  private readonly hiddenIds = new Set<string>();
  private readonly settledIds = new Set<string>();
  private localRejections = 0;
  private quiesceRounds = 0;
  private report: { applied: number; rejected: number; rejectionCodes: Record<string, number>; serverVersion: number; bookings: Record<string, number> } = {
    applied: 0,
    rejected: 0,
    rejectionCodes: {},
    serverVersion: 0,
    bookings: {},
  };

  constructor(private readonly options: SimOptions) {
    const root = createRandom(options.seed);
    this.ops = root.fork('operations');
    this.timers = new SimTimers(root.fork('jitter'));
    this.startMs = this.timers.now();
    this.deskCount = options.desks ?? this.ops.int(3, 4);
    this.faultRate = options.faultRate ?? Math.round(this.ops.float(0.1, 0.4) * 100) / 100;
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    this.trace = new Trace(options.traceSize ?? 80, () => this.timers.now() - this.startMs, options.onTrace);
    this.restoreIds = installSeededUuids(root.fork('ids'));
    this.networkRng = root.fork('network');
    this.bookings = new BookingWorkload({
      ops: this.ops,
      buildingId: BUILDING,
      timeZone: SEED.building.timeZone,
      residents: RESIDENTS,
      now: () => this.timers.now(),
      desks: () => this.desks,
      commit: (desk, what, requests) => this.commit(desk, what, requests),
      trace: (line) => this.trace.add(line),
    });
  }

  async execute(): Promise<{ failures: string[]; findings: string[] }> {
    const server = await SimServer.start(this.options.target, SEED, () => new Date(this.timers.now()), {
      ...(this.options.sabotage === 'serverSkipsBookingRules' ? { wrapMutationTx: skipOtherBookings } : {}),
    });
    this.server = server;
    const network = new SimNetwork(server, this.networkRng, (line) => this.trace.add(line), 0);
    this.network = network;
    this.trace.add(`seed ${this.options.seed}: ${this.deskCount} desks, fault rate ${this.faultRate}, ${this.options.steps} steps on ${server.dialect}`);

    for (let index = 0; index < this.deskCount; index += 1) {
      const { deskId, credential } = await server.enroll(`Desk ${index}`);
      runCounter += 1;
      const limits = {
        pullLimit: this.ops.pick([3, 10, 50, 500]),
        maxPullPagesPerCycle: this.ops.pick([1, 3, 200]),
        maxPushBatchesPerCycle: this.ops.pick([1, 2, 20]),
      };
      const desk = new SimDesk(`d${index}`, `sim-${this.options.seed}-${index}-${runCounter}`, deskId, credential, { staffId: `${BUILDING}-s1`, staffRole: 'doorperson' }, limits);
      await desk.open(network, server, this.timers);
      this.desks.push(desk);
      this.trace.add(`${desk.label} enrolled as ${deskId}; pull pages of ${limits.pullLimit}, ≤${limits.maxPullPagesPerCycle} pages and ≤${limits.maxPushBatchesPerCycle} push batches per cycle`);
    }
    // Most desks pull once on a healthy network before work starts; the others begin offline-ish
    // (their first pull comes later, under faults, and replaces the local tables under their outbox).
    for (const desk of this.desks) {
      if (this.ops.chance(0.75)) await this.syncNow(desk);
      else this.trace.add(`${desk.label} starts without its first pull`);
    }
    network.faultRate = this.faultRate;

    for (let step = 0; step < this.options.steps; step += 1) {
      this.trace.step = step;
      await this.step();
      await this.checkOwnWritesVisible();
    }
    this.trace.step = this.options.steps;
    const quiesced = await this.heal();
    for (const desk of this.desks) await desk.client?.stop();

    const failures: string[] = [];
    if (!quiesced.ok) failures.push(`NOT QUIESCENT after ${this.quiesceRounds} rounds of "sync now" on a healed network: ${quiesced.detail}`);
    if (network.serverErrors.length > 0) {
      failures.push(`the service answered 5xx on its own ${network.serverErrors.length} time(s):`, ...network.serverErrors.slice(0, 5).map((error) => `  - ${error}`));
    }
    if (this.hiddenWrites.length > 0) {
      failures.push(`READ-YOUR-WRITES: a desk lost sight of its own committed mutation ${this.hiddenWrites.length} time(s):`, ...this.hiddenWrites.slice(0, 8).map((line) => `  - ${line}`));
    }
    const invariants = await checkInvariants(server, this.desks);
    failures.push(...invariants.failures);
    for (const desk of this.desks) {
      const unexpected = [...desk.logCounts].filter(([code]) => !EXPECTED_CLIENT_LOG.test(code));
      if (unexpected.length > 0) failures.push(`${desk.label}'s sync client reported unexpected failures: ${unexpected.map(([code, count]) => `${code}×${count}`).join(', ')}`);
    }
    this.report = {
      applied: invariants.applied,
      rejected: invariants.rejected,
      rejectionCodes: invariants.rejectionCodes,
      serverVersion: (await server.inspect.kysely.selectFrom('buildings').select('version').where('id', '=', BUILDING).executeTakeFirstOrThrow()).version,
      bookings: invariants.bookingStatuses,
    };
    return { failures, findings: invariants.findings };
  }

  stats(): SimStats {
    const clientLog: Record<string, number> = {};
    for (const desk of this.desks) for (const [code, count] of desk.logCounts) clientLog[code] = (clientLog[code] ?? 0) + count;
    return {
      desks: this.deskCount,
      faultRate: this.faultRate,
      faults: this.network ? { ...this.network.faults } : (Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>),
      requests: this.network ? { ...this.network.requests } : { push: 0, pull: 0, other: 0, offline: 0 },
      mutations: this.desks.reduce((sum, desk) => sum + desk.committed.length, 0),
      localRejections: this.localRejections,
      operations: { ...this.operations },
      kills: this.desks.reduce((sum, desk) => sum + desk.kills, 0),
      serverRestarts: this.server?.restarts ?? 0,
      ...this.report,
      quiesceRounds: this.quiesceRounds,
      clientLog,
    };
  }

  async dispose(): Promise<void> {
    try {
      this.network?.abandonAll(); // a client waiting on a held request would never stop
      for (const desk of this.desks) await desk.destroy();
      await this.server?.dispose();
    } finally {
      this.restoreIds();
    }
  }

  // ---- the workload -----------------------------------------------------------------------

  private async step(): Promise<void> {
    const live = this.desks.filter((desk) => desk.alive);
    const dead = this.desks.filter((desk) => !desk.alive);
    const idle = live.filter((desk) => !this.net.isBlocked(desk));
    const possible: Array<readonly [Operation, number]> = OPERATIONS.map((op) => {
      const weight = this.weights[op];
      if (op === 'deliver') return [op, this.net.inFlight > 0 ? weight : 0] as const;
      if (op === 'revive') return [op, dead.length > 0 ? weight : 0] as const;
      if (op === 'syncNow') return [op, idle.length > 0 ? weight : 0] as const;
      if (op === 'burst') return [op, idle.length > 1 ? weight : 0] as const;
      if (op === 'time' || op === 'restartServer' || op === 'toggleNetwork') return [op, weight] as const;
      return [op, live.length > 0 ? weight : 0] as const;
    });
    const op = this.ops.weighted(possible.some(([, weight]) => weight > 0) ? possible : [['time', 1] as const]);
    this.operations[op] += 1;
    switch (op) {
      case 'receive':
        return this.receive(this.ops.pick(live));
      case 'release':
        return this.release(this.ops.pick(live));
      case 'undo':
        return this.undo(this.ops.pick(live));
      case 'signInOut':
        return this.signInOut(this.ops.pick(live));
      case 'preferences':
        return this.preferences(this.ops.pick(live));
      case 'book':
        return this.bookings.request(this.ops.pick(live));
      case 'cancelBooking':
        return this.bookings.cancel(this.ops.pick(live));
      case 'decideBooking':
        return this.bookings.decide(this.ops.pick(live));
      case 'arrive':
        return this.bookings.arrive(this.ops.pick(live));
      case 'time':
        return this.advance(this.ops.chance(0.1) ? this.ops.int(20_000, 70_000) : this.ops.int(0, 4_000));
      case 'syncNow':
        return this.syncNow(this.ops.pick(idle));
      case 'burst': {
        // Every idle desk syncs at once: their requests interleave in the service (on PostgreSQL
        // they really run concurrently, on separate connections, contending for the building lock).
        this.trace.add(`burst: ${idle.map((desk) => desk.label).join(', ')} sync at once`);
        for (const desk of idle) void desk.client?.syncNow();
        return this.settleAll();
      }
      case 'deliver': {
        const desk = await this.net.deliverOne();
        if (desk instanceof SimDesk) await this.settle(desk);
        return;
      }
      case 'toggleNetwork': {
        const desk = this.ops.pick(this.desks);
        desk.signal.set(!desk.signal.online);
        this.trace.add(`${desk.label} ${desk.signal.online ? 'back online' : 'offline'}`);
        return this.flush();
      }
      case 'crashAfterCommit': {
        const desk = this.ops.pick(live);
        const work = this.ops.weighted([['receive', 2], ['release', 2], ['book', 1]] as const);
        if (work === 'receive') await this.receive(desk);
        else if (work === 'release') await this.release(desk);
        else await this.bookings.request(desk);
        await desk.kill(this.net);
        this.trace.add(`${desk.label} KILLED right after its commit`);
        return;
      }
      case 'revive': {
        const desk = this.ops.pick(dead);
        await desk.open(this.net, this.requireServer(), this.timers, { loseOutbox: this.options.sabotage === 'loseOutboxOnCrash' });
        this.trace.add(`${desk.label} restarted (database reopened, new sync client)`);
        return this.flush();
      }
      case 'restartServer':
        await this.requireServer().restart();
        this.trace.add('central service restarted');
        return this.flush();
    }
  }

  private async receive(desk: SimDesk): Promise<void> {
    this.packageCounter += 1;
    const packageId = `${BUILDING}-p${this.packageCounter}`;
    let shortCode = shortCodeFor(packageId);
    if (this.ops.chance(0.08)) {
      // Two desks (or a stale view) picking the same shelf code: shortCodeTaken somewhere.
      const seen = await this.somePackages();
      if (seen.length > 0) shortCode = this.ops.pick(seen).shortCode;
    }
    const trackingNumber = this.ops.chance(0.3) ? `TRK${this.ops.int(100, 115)}` : null;
    const residentId = this.ops.pick(RESIDENTS);
    const args = receiveArgs(BUILDING, packageId, { shortCode, trackingNumber, residentId });
    await this.commit(desk, `receive ${packageId}${trackingNumber ? ` ${trackingNumber}` : ''} ${shortCode}`, [{ name: 'receivePackage', args } as MutationRequest]);
  }

  private async release(desk: SimDesk): Promise<void> {
    const waiting = await desk.requireDb().packages.where('status').equals('waiting').toArray();
    if (waiting.length === 0) {
      this.trace.add(`${desk.label} release: nothing waiting`);
      return;
    }
    // Often the desk's view is stale on purpose: a package another desk already released.
    const releasedElsewhere = new Set((await this.somePackages(desk)).filter((pkg) => pkg.status === 'released').map((pkg) => pkg.id));
    const stale = waiting.filter((pkg) => releasedElsewhere.has(pkg.id));
    const pool = stale.length > 0 && this.ops.chance(0.4) ? stale : waiting;
    const chosen = this.ops.sample(pool, this.ops.int(1, Math.min(3, pool.length)));
    const requests = chosen.map((pkg): MutationRequest => ({
      name: 'releasePackage',
      args: {
        packageId: pkg.id,
        to: this.ops.chance(0.1) ? { kind: 'proxy', name: 'Marta Ruiz', onBehalfOf: pkg.residentId } : { kind: 'resident', residentId: pkg.residentId },
        signature: null,
      },
    }));
    await this.commit(desk, `release ${chosen.map((pkg) => pkg.id).join(',')}`, requests);
  }

  private async undo(desk: SimDesk): Promise<void> {
    const now = this.timers.now();
    const released = (await desk.requireDb().packages.where('status').equals('released').toArray()).filter(
      (pkg) => pkg.release !== null && now - Date.parse(pkg.release.at) <= 110_000,
    );
    if (released.length === 0) {
      this.trace.add(`${desk.label} undo: no recent release`);
      return;
    }
    const pkg = this.ops.pick(released);
    const releaseMutationId = pkg.release?.mutationId ?? '';
    await this.commit(desk, `undo release of ${pkg.id} (${releaseMutationId.slice(0, 8)})`, [{ name: 'undoRelease', args: { packageId: pkg.id, releaseMutationId } }]);
  }

  private async signInOut(desk: SimDesk): Promise<void> {
    const defaultStaff = `${BUILDING}-s1`;
    if (desk.session.staffId !== defaultStaff && this.ops.chance(desk.session.staffId === `${BUILDING}-s3` ? 0.9 : 0.6)) {
      await this.commit(desk, `sign out ${desk.session.staffId}`, [{ name: 'recordSignOut', args: { reason: this.ops.pick(['manual', 'idle', 'shiftChange'] as const) } }]);
      desk.session = { staffId: defaultStaff, staffRole: await desk.staffRole(defaultStaff) };
      return;
    }
    // s3 is inactive on the server: everything done under that session is rejected (staffInactive).
    const staffId = this.ops.weighted([
      [`${BUILDING}-s1`, 4],
      [`${BUILDING}-s2`, 4],
      [`${BUILDING}-s3`, 0.25],
    ] as const);
    desk.session = { staffId, staffRole: await desk.staffRole(staffId) };
    await this.commit(desk, `sign in ${staffId}`, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
  }

  private async preferences(desk: SimDesk): Promise<void> {
    const args = { language: this.ops.pick(LANGUAGES), measurement: this.ops.pick(['metric', 'imperial'] as const) };
    await this.commit(desk, `preferences of ${desk.session.staffId}: ${args.language}/${args.measurement}`, [{ name: 'setMyPreferences', args }]);
  }

  private async commit(desk: SimDesk, what: string, requests: MutationRequest[]): Promise<void> {
    const outcome: CommitOutcome = await desk.commit(requests, () => new Date(this.timers.now()));
    if (outcome.kind === 'committed') {
      this.trace.add(`${desk.label} ${what} → seq ${outcome.records.map((record) => record.seq).join(',')}`);
    } else {
      this.localRejections += 1;
      this.trace.add(`${desk.label} ${what} ✗ refused locally (${outcome.code})`);
    }
    await this.flush(); // the client's live query sees the new outbox entry and plans a push
  }

  /** Packages known to the running desks (but `except`), sorted for determinism. */
  private async somePackages(except?: SimDesk): Promise<Package[]> {
    const seen = new Map<string, Package>();
    for (const desk of this.desks) {
      if (!desk.db || desk === except) continue;
      for (const pkg of await desk.db.packages.orderBy('id').toArray()) seen.set(pkg.id, pkg);
    }
    return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Checked after every step, on every running desk: the desk still shows each mutation it
   * committed. Its event (every mutator records one, id `<mutationId>-e0`) is there, or the
   * server's rejection of it has arrived, or it is still in the outbox (then its replay may be
   * refused locally, which hides it legitimately). An entry may leave the outbox only in the
   * rebase that brings its outcome, so a write that vanishes from view is a bug even if it
   * reappears later.
   */
  private async checkOwnWritesVisible(): Promise<void> {
    // Mutations whose outcome the desk already shows and that left its outbox rarely change: they
    // are checked again every FULL_CHECK_EVERY steps only, the others after every step.
    const full = this.trace.step % FULL_CHECK_EVERY === 0;
    for (const desk of this.desks) {
      const db = desk.db;
      if (!db || desk.committed.length === 0) continue;
      const records = full ? desk.committed : desk.committed.filter((record) => !this.settledIds.has(record.id));
      if (records.length === 0) continue;
      const ids = records.map((record) => record.id);
      const [events, rejections, queued] = await db.transaction('r', [db.events, db.rejections, db.outbox], () =>
        Promise.all([db.events.bulkGet(ids.map((id) => `${id}-e0`)), db.rejections.bulkGet(ids), db.outbox.bulkGet(ids)]),
      );
      records.forEach((record, index) => {
        const shown = events[index] !== undefined || rejections[index] !== undefined;
        if (shown && queued[index] === undefined) this.settledIds.add(record.id);
        else this.settledIds.delete(record.id);
        if (shown || queued[index] || this.hiddenIds.has(record.id)) return;
        this.hiddenIds.add(record.id);
        this.hiddenWrites.push(`step ${this.trace.step}: ${desk.label} seq ${record.seq} ${record.name} ${record.id}: no event, no rejection, not in the outbox`);
        this.trace.add(`✗ ${desk.label} no longer shows its seq ${record.seq} (${record.name})`);
      });
      if (this.hiddenWrites.length > 100) throw new Error('read-your-writes broken too many times; stopping the run');
    }
  }

  // ---- time, sync and settling --------------------------------------------------------------

  private async advance(ms: number): Promise<void> {
    this.trace.add(`time +${(ms / 1000).toFixed(1)}s`);
    await this.timers.advance(ms, () => this.settleAll());
  }

  private async syncNow(desk: SimDesk): Promise<void> {
    const client = desk.client;
    if (!client || this.net.isBlocked(desk)) return;
    this.trace.add(`${desk.label} sync now`);
    void client.syncNow();
    await this.settle(desk);
  }

  /**
   * Waits until the desk's sync client is idle or waits on a held request. Only one desk's cycle
   * moves at a time (the others are idle or held), which keeps a run deterministic.
   */
  private async settle(desk: SimDesk): Promise<void> {
    const client = desk.client;
    if (!client) return;
    await this.flush();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${desk.label}'s sync client neither finished nor blocked within ${SETTLE_TIMEOUT_MS} ms`)), SETTLE_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.idle(), this.net.whenBlocked(desk), timeout]);
    } finally {
      clearTimeout(timer);
    }
    await this.flush();
  }

  private async settleAll(): Promise<void> {
    for (const desk of this.desks) if (desk.alive) await this.settle(desk);
  }

  /** Lets IndexedDB callbacks and Dexie live queries run (fake-indexeddb schedules with setImmediate). */
  private async flush(): Promise<void> {
    for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Heals everything, then "sync now" on every desk until nothing moves. */
  private async heal(): Promise<{ ok: boolean; detail: string }> {
    const network = this.net;
    this.trace.add('— heal: faults off, every desk online and running, held requests delivered —');
    network.faultRate = 0;
    for (const desk of this.desks) if (!desk.signal.online) desk.signal.set(true);
    for (const desk of this.desks) if (!desk.alive) await desk.open(network, this.requireServer(), this.timers, { loseOutbox: this.options.sabotage === 'loseOutboxOnCrash' });
    while (network.inFlight > 0) {
      const desk = await network.deliverOne();
      if (desk instanceof SimDesk) await this.settle(desk);
    }
    let detail = '';
    let lastProgress = '';
    let stuckRounds = 0;
    for (let round = 1; round <= MAX_QUIESCE_ROUNDS; round += 1) {
      this.quiesceRounds = round;
      for (const desk of this.desks) await this.syncNow(desk);
      // Cycles capped by maxPullPages/maxPushBatches continue on their own ("again" timers).
      await this.timers.advance(1_000, () => this.settleAll());
      const status = await this.quiescence();
      if (status.pending === null) {
        this.trace.add(`quiescent after ${round} round(s)`);
        return { ok: true, detail: '' };
      }
      detail = status.pending;
      // Paging through a long backlog takes many rounds; rounds that change nothing mean stuck.
      stuckRounds = status.progress === lastProgress ? stuckRounds + 1 : 0;
      lastProgress = status.progress;
      if (stuckRounds >= STUCK_ROUNDS) break;
    }
    this.trace.add(`NOT quiescent after ${this.quiesceRounds} round(s): ${detail}`);
    return { ok: false, detail };
  }

  /** `pending` is null when quiescent, else what still moves; `progress` changes whenever anything moved. */
  private async quiescence(): Promise<{ pending: string | null; progress: string }> {
    const version = (await this.requireServer().inspect.kysely.selectFrom('buildings').select('version').where('id', '=', BUILDING).executeTakeFirstOrThrow()).version;
    const pending: string[] = [];
    const progress: string[] = [];
    for (const desk of this.desks) {
      const db = desk.requireDb();
      const outbox = await db.outbox.count();
      const shadows = await db.shadows.count();
      const cursor = await storedCursor(db);
      progress.push(`${outbox}/${shadows}/${String(cursor)}`);
      if (outbox > 0 || shadows > 0 || cursor !== version) {
        const state = desk.client?.store.getState();
        pending.push(`${desk.label}: outbox ${outbox}, shadows ${shadows}, cursor ${String(cursor)}/${version}, state ${String(state?.state)} ${state?.lastError ? `(${state.lastError.key})` : ''}`);
      }
    }
    return { pending: pending.length === 0 ? null : pending.join('; '), progress: `${version} ${progress.join(' ')}` };
  }

  private get net(): SimNetwork {
    if (!this.network) throw new Error('the network is not up');
    return this.network;
  }

  private requireServer(): SimServer {
    if (!this.server) throw new Error('the server is not up');
    return this.server;
  }
}

/**
 * Mutation ids come from crypto.randomUUID (shared/platform/globals newId); during a run they are
 * drawn from the seed instead, so a replay uses the same ids. Restored afterwards.
 */
function installSeededUuids(rng: Random): () => void {
  const target = globalThis.crypto as unknown as Record<string, unknown>;
  const own = Object.getOwnPropertyDescriptor(target, 'randomUUID');
  const hex = (value: number, digits: number) => (value >>> 0).toString(16).padStart(8, '0').slice(0, digits);
  Object.defineProperty(target, 'randomUUID', {
    configurable: true,
    writable: true,
    value: () => {
      const [a, b, c, d] = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
      return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${(8 + (c & 3)).toString(16)}${hex(c, 3)}-${hex(d, 8)}${hex(c >>> 12, 4)}`;
    },
  });
  return () => {
    if (own) Object.defineProperty(target, 'randomUUID', own);
    else delete target.randomUUID;
  };
}

/** A human-readable report of one run: outcome, counts, and on failure the trace and the replay command. */
export function formatResult(result: SimResult, options: { trace?: boolean } = {}): string {
  const { stats } = result;
  const faults = Object.entries(stats.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [
    `seed ${result.seed} (${result.dialect}, ${stats.desks} desks, ${result.steps} steps, fault rate ${stats.faultRate}): ${result.ok ? 'ok' : 'FAILED'} in ${(result.elapsedMs / 1000).toFixed(1)} s`,
    `  mutations ${stats.mutations} (applied ${stats.applied}, rejected ${stats.rejected}${Object.keys(stats.rejectionCodes).length ? `: ${Object.entries(stats.rejectionCodes).map(([code, count]) => `${code} ${count}`).join(', ')}` : ''}), refused locally ${stats.localRejections}, server version ${stats.serverVersion}`,
    `  bookings at the end: ${Object.entries(stats.bookings).map(([status, count]) => `${status} ${count}`).join(', ') || 'none'}`,
    `  requests push ${stats.requests.push}, pull ${stats.requests.pull} (${stats.requests.offline} while offline); faults: ${faults || 'none'}; desk kills ${stats.kills}, service restarts ${stats.serverRestarts}; quiescent after ${stats.quiesceRounds} round(s)`,
  ];
  if (result.findings.length > 0) lines.push('  findings (business rules, not sync):', ...result.findings.map((finding) => `    ${finding}`));
  if (!result.ok) {
    lines.push('  failures:', ...result.failures.map((failure) => `    ${failure}`));
    if (options.trace ?? true) lines.push(`  last ${result.trace.length} trace lines:`, ...result.trace.map((line) => `    ${line}`));
    lines.push(`  replay: ${result.replay}`);
  }
  return lines.join('\n');
}
