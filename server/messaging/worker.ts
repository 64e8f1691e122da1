import type { ServerDb } from '../db/database';
import type { PokeHub } from '../realtime/pokes';
import type { DeliveryChannel } from './channel';
import { composeDelivery } from './compose';
import type { MessagingConfig } from './config';
import { claimDueDeliveries, finishDelivery, markInterrupted, releaseClaims, retryDelayMs, type ClaimedDelivery, type DeliveryResult } from './outbox';
import { scanReminders } from './reminders';
import { summarizePending } from './summaries';

// The delivery worker: claims due outbox rows, composes and sends each through the channel,
// records the outcome, then brings the desks' summaries up to date and pokes them. It runs in
// every service instance; claims keep them from sending a row twice. Woken right after a push
// queued something, and every `pollMs` for retries, delayed notices and reminders.

export type MessagingLog = (level: 'info' | 'warn' | 'error', code: string, fields?: Readonly<Record<string, string | number | null>>) => void;

export interface DeliveryWorkerOptions {
  db: ServerDb;
  /** Null when no mail server is configured: due rows fail with notConfigured. */
  channel: DeliveryChannel | null;
  pokes: PokeHub;
  config: MessagingConfig;
  now?: () => Date;
  log?: MessagingLog;
  /** Rows claimed per round. */
  batchSize?: number;
  /** A row "sending" for longer than this was left by a stopped worker (see markInterrupted). */
  leaseMs?: number;
  reminderEveryMs?: number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

export class DeliveryWorker {
  readonly #options: DeliveryWorkerOptions;
  readonly #now: () => Date;
  readonly #log: MessagingLog;
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopping = false;
  #lastReminderScan = 0;
  /** Claimed rows not yet handed to the channel: released if the worker stops first. */
  readonly #waiting = new Set<ClaimedDelivery>();

  constructor(options: DeliveryWorkerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? (() => undefined);
  }

  /** Starts polling. Rows a previous process left "sending" are settled first (never resent). */
  start(): void {
    if (this.#timer) return;
    this.#stopping = false;
    this.#timer = setInterval(() => this.wake(), this.#options.config.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Something was queued: run a round soon (rounds never overlap; one more follows if needed). */
  wake(): void {
    if (this.#stopping) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = null;
    });
  }

  /** Runs rounds until nothing is due; for tests and benchmarks that drive the worker themselves. */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
    this.#running = this.#loop();
    try {
      await this.#running;
    } finally {
      this.#running = null;
    }
  }

  /** Stops: e-mails being handed over finish and are recorded; claimed ones not started go back to the queue. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#round();
      } catch (error) {
        this.#log('error', 'delivery.roundFailed', { error: error instanceof Error ? error.name : 'unknown' });
        return;
      }
    } while (this.#again && !this.#stopping);
  }

  async #round(): Promise<void> {
    const { db, config } = this.#options;
    const leaseMs = this.#options.leaseMs ?? DEFAULT_LEASE_MS;
    const interrupted = await markInterrupted(db, { now: this.#now().toISOString(), claimedBefore: new Date(this.#now().getTime() - leaseMs).toISOString() });
    if (interrupted > 0) this.#log('warn', 'delivery.interrupted', { count: interrupted });

    const reminderEveryMs = this.#options.reminderEveryMs ?? 60_000;
    if (this.#now().getTime() - this.#lastReminderScan >= reminderEveryMs) {
      this.#lastReminderScan = this.#now().getTime();
      await scanReminders(db, { now: this.#now(), afterHours: config.reminderAfterHours, channel: this.#options.channel });
    }

    const batchSize = this.#options.batchSize ?? 50;
    for (;;) {
      if (this.#stopping) break;
      const claimed = await claimDueDeliveries(db, { now: this.#now().toISOString(), limit: batchSize });
      if (claimed.length === 0) break;
      await this.#sendAll(claimed);
      await this.#summarize();
      if (claimed.length < batchSize) break;
    }
    await this.#summarize();
  }

  async #sendAll(claimed: readonly ClaimedDelivery[]): Promise<void> {
    for (const delivery of claimed) this.#waiting.add(delivery);
    const workers = Array.from({ length: Math.max(1, this.#options.config.concurrency) }, async () => {
      for (;;) {
        if (this.#stopping) return;
        const next = this.#waiting.values().next();
        if (next.done) return;
        this.#waiting.delete(next.value);
        await this.#deliver(next.value);
      }
    });
    await Promise.all(workers);
    if (this.#waiting.size > 0) {
      await releaseClaims(this.#options.db, [...this.#waiting], this.#now().toISOString());
      this.#waiting.clear();
    }
  }

  async #deliver(delivery: ClaimedDelivery): Promise<void> {
    const { db, channel, config } = this.#options;
    const ids = { delivery: delivery.id, building: delivery.buildingId, kind: delivery.kind, attempt: delivery.attempt };
    let result: DeliveryResult;
    try {
      if (!channel) {
        result = { status: 'failed', code: 'notConfigured', smtpCode: null };
      } else {
        const composed = await composeDelivery(delivery, { db: db.kysely, channel, config, now: this.#now() });
        if (composed.kind === 'skip') {
          result = { status: composed.status, code: composed.code, smtpCode: null };
        } else {
          const outcome = await channel.send(composed.message);
          if (outcome.kind === 'sent') result = { status: 'sent', providerId: outcome.providerId };
          else if (outcome.kind === 'failed') result = { status: 'failed', code: outcome.problem, smtpCode: outcome.smtpCode, addressHash: composed.addressHash };
          else if (delivery.attempt >= config.maxAttempts) result = { status: 'failed', code: 'gaveUp', smtpCode: outcome.smtpCode };
          else {
            const delay = retryDelayMs(delivery.attempt, config.retryBaseMs, config.retryMaxMs);
            result = { status: 'retry', reason: outcome.reason, smtpCode: outcome.smtpCode, nextAttemptAt: new Date(this.#now().getTime() + delay).toISOString() };
          }
        }
      }
    } catch (error) {
      // Our own fault (a database hiccup while composing): nothing was handed over, so a retry is safe.
      this.#log('error', 'delivery.composeFailed', { ...ids, error: error instanceof Error ? error.name : 'unknown' });
      result = { status: 'retry', reason: 'connection', smtpCode: null, nextAttemptAt: new Date(this.#now().getTime() + config.retryBaseMs).toISOString() };
    }
    await finishDelivery(db, delivery, result, this.#now().toISOString());
    const code = result.status === 'sent' ? null : result.status === 'retry' ? result.reason : result.code;
    this.#log(result.status === 'sent' ? 'info' : 'warn', `delivery.${result.status}`, { ...ids, code, smtp: result.status === 'sent' ? null : result.smtpCode });
  }

  async #summarize(): Promise<void> {
    const changed = await summarizePending(this.#options.db, this.#now().toISOString());
    for (const buildingId of changed) await this.#options.pokes.publish(buildingId).catch(() => undefined);
  }
}
