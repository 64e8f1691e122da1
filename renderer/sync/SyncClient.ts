import { liveQuery } from 'dexie';
import type { LogFields, LogLevel } from '../../shared/bridge/contract';
import {
  DATA_SCHEMA_VERSION,
  MAX_MUTATIONS_PER_PUSH,
  MAX_PULL_PAGE,
  MAX_PUSH_BODY_BYTES,
  PROTOCOL_VERSION,
  type PushedMutation,
  type Rejection,
} from '../../shared/sync/protocol';
import type { DeskDatabase, OutboxEntry } from '../db/database';
import { deskIdentity } from '../db/deskIdentity';
import { evictedCount, evictHistory } from '../db/evictHistory';
import { forgetCursor, rebaseOnPull, storedCursor } from '../db/rebase';
import { renumberOutbox } from '../db/renumberOutbox';
import {
  DEFAULT_BACKOFF,
  alwaysOnline,
  backoffDelay,
  browserTimers,
  soleWindowLocks,
  type BackoffPolicy,
  type NetworkSignals,
  type PokeConnection,
  type PokeConnector,
  type SyncLocks,
  type SyncTimers,
} from './environment';
import { SyncFailure, endpoint, pullChanges, pushMutations, type SyncTransport } from './http';
import { readPersistedStatus, writePersistedStatus } from './persistedStatus';
import { createSyncStatusStore, type SyncError, type SyncErrorKey, type SyncStatus, type SyncStatusStore } from './syncStore';

export const SYNC_LOCK_NAME = 'conserje-sync';

/** How often aged history is evicted from the desk (after a successful pull). */
export const EVICTION_INTERVAL_MS = 60 * 60_000;

export type SyncLog = (level: LogLevel, code: string, fields?: LogFields) => void;

export interface SyncClientOptions {
  db: DeskDatabase;
  /** Null until a central service is configured: the client stays idle ("working locally"). */
  transport: SyncTransport | null;
  store?: SyncStatusStore;
  timers?: SyncTimers;
  locks?: SyncLocks;
  /** Null: no poke stream (the client still pulls after commits, on `online` and on the slow timer). */
  connectPoke?: PokeConnector | null;
  network?: NetworkSignals;
  log?: SyncLog;
  /** Commits close together are pushed together: the first one schedules a push this much later. */
  commitDelayMs?: number;
  /** The slow timer: a pull at least this often, pokes or not. */
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
  pullLimit?: number;
  /** Upper bounds per cycle, so one cycle never runs unbounded; the rest follows in the next one. */
  maxPushBatchesPerCycle?: number;
  maxPullPagesPerCycle?: number;
}

type Trigger = 'start' | 'commit' | 'poke' | 'online' | 'timer' | 'retry' | 'again' | 'manual';

/**
 * The desk side of sync. Exactly one window (the holder of the Web Lock) pushes and pulls; every
 * window mirrors the pending count, this desk's unacknowledged rejections and the sync status.
 *
 * A cycle pushes the outbox in sequence order (batches of at most MAX_MUTATIONS_PER_PUSH, the same
 * ids on every retry), then pulls pages until `hasMore` is false, each page applied by the rebase
 * transaction. Outbox entries are deleted only by that transaction, once a pull's lastProcessedSeq
 * covers them: an entry the server did not process is never lost.
 */
export class SyncClient {
  readonly store: SyncStatusStore;
  private readonly db: DeskDatabase;
  private readonly transport: SyncTransport | null;
  private readonly timers: SyncTimers;
  private readonly locks: SyncLocks;
  private readonly connectPoke: PokeConnector | null;
  private readonly network: NetworkSignals;
  private readonly log: SyncLog;
  private readonly commitDelayMs: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly pullLimit: number;
  private readonly maxPushBatches: number;
  private readonly maxPullPages: number;

  private started = false;
  private stopped = false;
  private leader = false;
  /** Update required or not enrolled: nothing more until the app restarts with a change. */
  private halted = false;
  private running: Promise<void> | null = null;
  private again = false;
  /** What the cycle that just ended asks for next (the slow timer, or a retry after a backoff). */
  private nextPlan: { trigger: Trigger; delayMs: number } | null = null;
  private timer: unknown = null;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private failures = 0;
  private backoffUntil = 0;
  /** The server has processed this desk's entries up to here (from the last push or pull). */
  private pushedThrough = 0;
  private batchSize = MAX_MUTATIONS_PER_PUSH;
  private lastSeenOutboxSeq: number | null = null;
  private releaseLock: (() => void) | null = null;
  private readonly cleanups: Array<() => void> = [];
  private poke: PokeConnection | null = null;
  private pokeFailures = 0;
  private pokeTimer: unknown = null;
  private lastEvictionAt: number | null = null;

  constructor(options: SyncClientOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.store = options.store ?? createSyncStatusStore();
    this.timers = options.timers ?? browserTimers;
    this.locks = options.locks ?? soleWindowLocks;
    this.connectPoke = options.connectPoke ?? null;
    this.network = options.network ?? alwaysOnline;
    this.log = options.log ?? (() => undefined);
    this.commitDelayMs = options.commitDelayMs ?? 50;
    this.pollIntervalMs = options.pollIntervalMs ?? 60_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    // Full pages: a first sync is mostly per-transaction cost (a strict commit per page).
    this.pullLimit = Math.min(options.pullLimit ?? MAX_PULL_PAGE, MAX_PULL_PAGE);
    this.maxPushBatches = options.maxPushBatchesPerCycle ?? 20;
    this.maxPullPages = options.maxPullPagesPerCycle ?? 200;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** Starts watching the database and, when a server is configured, competes for the sync lock. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.watchOutbox();
    void deskIdentity(this.db).then(({ deskId }) => {
      if (!this.stopped) this.watchRejections(deskId);
    });
    if (!this.transport) {
      this.set({ state: 'local', role: 'none' });
      return;
    }
    this.set({ role: 'follower', state: this.network.isOnline() ? 'online' : 'offline' });
    this.watchPersistedStatus();
    this.locks.request(SYNC_LOCK_NAME, () => this.lead()).catch((error: unknown) => {
      this.log('error', 'sync.lockFailed', { name: error instanceof Error ? error.name : 'unknown' });
    });
  }

  /** Stops every timer and stream, releases the lock, and waits for a running cycle to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.clearTimer();
    this.closePoke();
    this.releaseLock?.();
    this.releaseLock = null;
    this.leader = false;
    await this.running;
  }

  /** A sync right now, whatever the backoff (the "Sync now" button). Resolves when it has run. */
  async syncNow(): Promise<void> {
    if (!this.leader || this.stopped) return;
    const wasHalted = this.halted;
    this.halted = false;
    this.failures = 0;
    this.backoffUntil = 0;
    if (wasHalted && !this.poke && this.pokeTimer === null) this.openPoke();
    if (this.running) await this.running;
    await this.runCycle();
  }

  /** Resolves once no cycle is running (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private lead(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.leader = true;
    this.set({ role: 'leader' });
    this.log('info', 'sync.leader');
    return new Promise<void>((resolve) => {
      this.releaseLock = resolve;
      this.cleanups.push(
        this.network.subscribe(
          () => {
            this.failures = 0;
            this.backoffUntil = 0;
            this.schedule('online');
          },
          () => {
            if (!this.halted) this.set({ state: 'offline' });
          },
        ),
      );
      this.openPoke();
      this.schedule('start');
    });
  }

  // ---- scheduling -------------------------------------------------------------------------

  /** Plans a cycle. The earliest plan wins; only `online` and `manual` may run before the backoff ends. */
  private schedule(trigger: Trigger, delayMs = 0): void {
    if (!this.leader || this.stopped || this.halted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const now = this.timers.now();
    const notBefore = trigger === 'online' || trigger === 'manual' ? 0 : this.backoffUntil;
    const due = Math.max(now + delayMs, notBefore);
    if (this.timer !== null && this.timerDueAt <= due) return;
    this.clearTimer();
    this.timerDueAt = due;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      void this.runCycle();
    }, due - now);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  private async runCycle(): Promise<void> {
    if (this.stopped || this.halted || !this.leader) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.again = false;
    this.nextPlan = null;
    const cycle = this.cycle();
    this.running = cycle;
    try {
      await cycle;
    } finally {
      this.running = null;
    }
    const plan = this.nextPlan as { trigger: Trigger; delayMs: number } | null;
    this.nextPlan = null;
    if (plan) this.schedule(plan.trigger, plan.delayMs);
    if (this.again) {
      this.again = false;
      this.schedule('again');
    }
  }

  private planNext(trigger: Trigger, delayMs: number): void {
    this.nextPlan = { trigger, delayMs };
  }

  // ---- one cycle: push, then pull ---------------------------------------------------------

  private async cycle(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    if (!this.network.isOnline()) {
      this.set({ state: 'offline', lastError: this.error('unreachable') });
      this.planNext('timer', this.pollIntervalMs);
      return;
    }
    this.set({ state: 'syncing' });
    try {
      const { deskId } = await deskIdentity(this.db);
      await this.push(transport, deskId);
      await this.pull(transport, deskId);
      this.failures = 0;
      this.backoffUntil = 0;
      const status: Partial<SyncStatus> = { state: 'online', lastSuccessAt: new Date(this.timers.now()).toISOString(), lastError: null, nextRetryAt: null };
      this.set(status);
      await this.persist(status);
      this.reopenPokeNow();
      this.planNext('timer', this.pollIntervalMs);
    } catch (error) {
      await this.fail(error);
    }
  }

  private async push(transport: SyncTransport, deskId: string): Promise<void> {
    for (let batch = 0; batch < this.maxPushBatches; batch += 1) {
      const entries = await this.db.outbox.where('seq').above(this.pushedThrough).limit(this.batchSize).toArray();
      if (entries.length === 0) return;
      const mutations = fitIntoOneBody(entries.map(toPushed), deskId);
      let response;
      try {
        response = await pushMutations(transport, { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId, mutations }, this.timers.now());
      } catch (error) {
        if (error instanceof SyncFailure && error.kind === 'tooLarge' && mutations.length > 1) {
          this.batchSize = Math.max(1, Math.floor(mutations.length / 2));
          continue;
        }
        if (error instanceof SyncFailure && error.kind === 'sequenceReused' && error.detail.lastProcessedSeq !== undefined) {
          // This desk's database went back in time (a restored backup): its pending entries move
          // above what the server processed, and nothing it never applied is dropped.
          const moved = await renumberOutbox(this.db, error.detail.lastProcessedSeq);
          this.log('warn', 'sync.sequenceReused', { lastProcessedSeq: error.detail.lastProcessedSeq, moved });
          if (moved === 0) throw error;
          this.pushedThrough = error.detail.lastProcessedSeq;
          continue;
        }
        if (error instanceof SyncFailure && error.kind === 'sequenceGap' && (await this.canFillGap(error.detail.lastProcessedSeq))) {
          // The server is behind what this client believed (e.g. restored from a backup) and the
          // outbox still holds what it expects next: send from there.
          this.log('warn', 'sync.sequenceGapFilled', { lastProcessedSeq: error.detail.lastProcessedSeq ?? null, pushedThrough: this.pushedThrough });
          this.pushedThrough = error.detail.lastProcessedSeq ?? 0;
          continue;
        }
        throw error;
      }
      const rejected = response.results.filter((result) => result.status === 'rejected');
      for (const result of rejected) this.log('warn', 'sync.mutationRejected', { mutationId: result.id, seq: result.seq, code: result.code });
      this.log('info', 'sync.pushed', { sent: mutations.length, rejected: rejected.length, lastProcessedSeq: response.lastProcessedSeq });
      if (response.lastProcessedSeq <= this.pushedThrough) {
        // The server took nothing from this batch: a half-broken server, not a reason to spin.
        throw new SyncFailure('temporary', { status: 200 });
      }
      this.pushedThrough = response.lastProcessedSeq;
    }
    this.again = true; // more than one cycle's worth: continue right after this cycle's pull
  }

  private async canFillGap(serverLastProcessed: number | undefined): Promise<boolean> {
    if (serverLastProcessed === undefined || serverLastProcessed === this.pushedThrough) return false;
    return (await this.db.outbox.where('seq').equals(serverLastProcessed + 1).count()) > 0;
  }

  private async pull(transport: SyncTransport, deskId: string): Promise<void> {
    let cursor = (await storedCursor(this.db)) ?? 0;
    let reset = false;
    for (let page = 0; page < this.maxPullPages; page += 1) {
      let response;
      try {
        response = await pullChanges(
          transport,
          { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId, cursor, limit: this.pullLimit },
          this.timers.now(),
        );
      } catch (error) {
        if (!(error instanceof SyncFailure && error.kind === 'resetRequired') || reset) throw error;
        // The server is behind this desk's cursor (restored backup, new database): start over from
        // 0. The next page replaces the local tables and replays the outbox on top.
        this.log('warn', 'sync.resetRequired', { cursor });
        await forgetCursor(this.db);
        reset = true;
        cursor = 0;
        this.pushedThrough = 0;
        continue;
      }
      if (response.hasMore && response.cursor <= cursor) throw new SyncFailure('badResponse'); // no progress: would loop forever
      const lastPage = !response.hasMore;
      if (await this.pageChangesNothing(response.changes.length, response.cursor, cursor, lastPage ? response.lastProcessedSeq : null)) {
        await this.learnLastProcessed(response.lastProcessedSeq);
        await this.evictAgedHistory(response.historySince);
        return;
      }
      const result = await rebaseOnPull(this.db, { changes: response.changes, cursor: response.cursor, lastProcessedSeq: lastPage ? response.lastProcessedSeq : null }, () => new Date(this.timers.now()));
      if (result.quarantined > 0) this.log('warn', 'sync.rowsQuarantined', { count: result.quarantined });
      this.log('info', 'sync.pulled', {
        changes: response.changes.length,
        cursor: response.cursor,
        dropped: result.dropped,
        renumbered: result.renumbered,
        replayed: result.replayed,
        notReplayed: result.notReplayed.length,
      });
      cursor = response.cursor;
      if (lastPage) {
        await this.learnLastProcessed(response.lastProcessedSeq);
        await this.evictAgedHistory(response.historySince);
        return;
      }
    }
    this.again = true;
  }

  /**
   * The server's word on what it processed is the truth, even when it is lower than a push
   * answered (a restored server): entries above it that are still here are pushed (again) at once.
   */
  private async learnLastProcessed(lastProcessedSeq: number): Promise<void> {
    this.pushedThrough = lastProcessedSeq;
    if ((await this.db.outbox.where('seq').above(lastProcessedSeq).count()) > 0) this.again = true;
  }

  /**
   * Keeps the desk to its working set: history that aged past the service's window since it
   * arrived is dropped, at most once per EVICTION_INTERVAL_MS (the window moves by days).
   */
  private async evictAgedHistory(historySince: string | undefined): Promise<void> {
    if (historySince === undefined) return;
    const now = this.timers.now();
    if (this.lastEvictionAt !== null && now - this.lastEvictionAt < EVICTION_INTERVAL_MS) return;
    this.lastEvictionAt = now;
    const evicted = await evictHistory(this.db, historySince);
    if (evictedCount(evicted) > 0) this.log('info', 'sync.historyEvicted', { ...evicted });
  }

  /** A page with no rows, the same cursor and nothing to acknowledge needs no transaction at all. */
  private async pageChangesNothing(changes: number, newCursor: number, cursor: number, lastProcessedSeq: number | null): Promise<boolean> {
    if (changes > 0 || newCursor !== cursor || (await storedCursor(this.db)) === null) return false;
    if (lastProcessedSeq === null) return true;
    return (await this.db.outbox.where('seq').belowOrEqual(lastProcessedSeq).count()) === 0;
  }

  private async fail(error: unknown): Promise<void> {
    const failure = error instanceof SyncFailure ? error : null;
    const kind = failure?.kind ?? 'storage';
    const code = failure?.detail.code ?? null;
    const status = failure?.detail.status ?? null;
    if (!failure) this.log('error', 'sync.storageFailed', { name: error instanceof Error ? error.name : 'unknown' });
    let retryInMs: number | null;
    let update: Partial<SyncStatus>;
    switch (kind) {
      case 'updateRequired':
        this.halted = true;
        retryInMs = null;
        update = { state: 'updateRequired', lastError: this.error('updateRequired') };
        break;
      case 'notEnrolled':
        this.halted = true;
        retryInMs = null;
        update = { state: 'notEnrolled', lastError: this.error(code === 'deviceRevoked' ? 'revoked' : 'notEnrolled') };
        break;
      case 'sequenceGap':
        // The server misses some of this desk's earlier mutations: retrying fast cannot fix it.
        this.pushedThrough = 0;
        retryInMs = this.pollIntervalMs;
        update = { state: 'error', lastError: this.error('sequenceGap') };
        break;
      case 'refused':
      case 'sequenceReused':
      case 'resetRequired':
      case 'tooLarge':
        this.pushedThrough = 0;
        retryInMs = this.pollIntervalMs;
        update = { state: 'error', lastError: this.error('requestRefused', { code: code ?? String(status ?? '') }) };
        break;
      default: {
        this.failures += 1;
        const jittered = backoffDelay(this.failures, () => this.timers.random(), this.backoff);
        const asked = Math.min(failure?.detail.retryAfterMs ?? 0, 5 * 60_000);
        retryInMs = Math.max(jittered, asked);
        const key: SyncErrorKey = kind === 'network' ? 'unreachable' : kind === 'badResponse' ? 'badResponse' : kind === 'storage' ? 'storage' : 'serverUnavailable';
        update = { state: kind === 'network' ? 'offline' : 'error', lastError: this.error(key, status ? { status } : {}) };
      }
    }
    this.log(kind === 'network' ? 'info' : 'warn', 'sync.failed', { kind, code, status, failures: this.failures, retryInMs });
    const now = this.timers.now();
    this.backoffUntil = retryInMs === null ? 0 : now + retryInMs;
    update.nextRetryAt = retryInMs === null ? null : new Date(now + retryInMs).toISOString();
    this.set(update);
    await this.persist(update).catch(() => undefined);
    if (this.halted) {
      this.clearTimer();
      this.closePoke();
    } else if (retryInMs !== null) {
      this.planNext('retry', retryInMs);
    }
  }

  // ---- pokes ------------------------------------------------------------------------------

  private openPoke(): void {
    const transport = this.transport;
    if (!this.connectPoke || !transport || this.stopped || this.halted) return;
    this.poke = this.connectPoke(endpoint(transport.baseUrl, '/sync/poke'), {
      onOpen: () => {
        this.pokeFailures = 0;
        this.schedule('poke'); // pokes may have been missed while the stream was down
      },
      onPoke: () => this.schedule('poke'),
      onError: () => {
        this.poke?.close();
        this.poke = null;
        if (this.stopped || this.halted) return;
        this.pokeFailures += 1;
        const delay = backoffDelay(this.pokeFailures, () => this.timers.random(), this.backoff);
        this.pokeTimer = this.timers.setTimeout(() => {
          this.pokeTimer = null;
          this.openPoke();
        }, delay);
      },
    });
  }

  /**
   * The service answered, so a poke stream waiting out its backoff (it broke during the outage)
   * reconnects now: otherwise this desk would hear about other desks' changes only on its slow timer.
   */
  private reopenPokeNow(): void {
    if (this.poke || this.pokeTimer === null) return;
    this.timers.clearTimeout(this.pokeTimer);
    this.pokeTimer = null;
    this.pokeFailures = 0;
    this.openPoke();
  }

  private closePoke(): void {
    if (this.pokeTimer !== null) this.timers.clearTimeout(this.pokeTimer);
    this.pokeTimer = null;
    this.poke?.close();
    this.poke = null;
  }

  // ---- what every window shows ------------------------------------------------------------

  private watchOutbox(): void {
    const subscription = liveQuery(async () => ({
      count: await this.db.outbox.count(),
      lastSeq: (await this.db.outbox.orderBy('seq').last())?.seq ?? 0,
    })).subscribe({
      next: ({ count, lastSeq }) => {
        this.set({ pendingCount: count });
        const seen = this.lastSeenOutboxSeq;
        this.lastSeenOutboxSeq = Math.max(seen ?? 0, lastSeq);
        // A new entry (from this window or another) means a commit: push soon.
        if (seen !== null && lastSeq > seen) this.schedule('commit', this.commitDelayMs);
      },
      error: (error: unknown) => this.log('error', 'sync.watchFailed', { what: 'outbox', name: error instanceof Error ? error.name : 'unknown' }),
    });
    this.cleanups.push(() => subscription.unsubscribe());
  }

  private watchRejections(deskId: string): void {
    const subscription = liveQuery(() => unacknowledgedRejections(this.db, deskId)).subscribe({
      next: (rejections) => this.set({ rejections }),
      error: (error: unknown) => this.log('error', 'sync.watchFailed', { what: 'rejections', name: error instanceof Error ? error.name : 'unknown' }),
    });
    this.cleanups.push(() => subscription.unsubscribe());
  }

  /** Windows that do not hold the lock show the status the syncing window persisted. */
  private watchPersistedStatus(): void {
    const subscription = liveQuery(() => readPersistedStatus(this.db)).subscribe({
      next: (status) => {
        if (!this.leader && status) this.set(status);
      },
      error: () => undefined,
    });
    this.cleanups.push(() => subscription.unsubscribe());
  }

  private async persist(update: Partial<SyncStatus>): Promise<void> {
    const current = this.store.getState();
    await writePersistedStatus(this.db, {
      state: update.state ?? current.state,
      lastSuccessAt: update.lastSuccessAt !== undefined ? update.lastSuccessAt : current.lastSuccessAt,
      lastError: update.lastError !== undefined ? update.lastError : current.lastError,
      nextRetryAt: update.nextRetryAt !== undefined ? update.nextRetryAt : current.nextRetryAt,
    });
  }

  private set(update: Partial<SyncStatus>): void {
    if (this.stopped && update.state !== undefined) return;
    this.store.setState(update);
  }

  private error(key: SyncErrorKey, params: Record<string, string | number> = {}): SyncError {
    return { key, params, at: new Date(this.timers.now()).toISOString() };
  }
}

function toPushed(entry: OutboxEntry): PushedMutation {
  return { id: entry.id, seq: entry.seq, name: entry.name, args: entry.args, staffId: entry.staffId, at: entry.at };
}

/** The longest prefix of `mutations` whose push body stays under MAX_PUSH_BODY_BYTES (at least one). */
export function fitIntoOneBody(mutations: PushedMutation[], deskId: string): PushedMutation[] {
  const encoder = new TextEncoder();
  const overhead = encoder.encode(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId, mutations: [] })).length;
  let size = overhead;
  const fitted: PushedMutation[] = [];
  for (const mutation of mutations) {
    size += encoder.encode(JSON.stringify(mutation)).length + 1;
    if (size > MAX_PUSH_BODY_BYTES && fitted.length > 0) break;
    fitted.push(mutation);
  }
  return fitted;
}

/** This desk's rejections that no one has acknowledged on this desk yet, newest first. */
export async function unacknowledgedRejections(db: DeskDatabase, deskId: string): Promise<Rejection[]> {
  const [rows, acks] = await Promise.all([db.rejections.where('deskId').equals(deskId).toArray(), db.rejectionAcks.toArray()]);
  const acknowledged = new Set(acks.map((ack) => ack.id));
  return rows.filter((row) => !acknowledged.has(row.id)).sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
}
