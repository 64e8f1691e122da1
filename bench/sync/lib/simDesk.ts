// A simulated desk for the server benchmark: Node's fetch, no browser, the sync protocol as the
// real client speaks it (renderer/sync): enroll with a one-time code, hold the poke stream (SSE read
// with fetch), pull pages until hasMore is false on every poke (one pull at a time, again if poked
// meanwhile), push its queue in order in batches of at most MAX_MUTATIONS_PER_PUSH with the same
// ids on a retry. It records what the benchmark measures and what it must verify: every package it
// pushed was acknowledged, and every package pushed in its building reached it by pull.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DATA_SCHEMA_VERSION, MAX_MUTATIONS_PER_PUSH, PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, type PullResponse, type PushResponse, type PushedMutation } from '../../../shared/sync/protocol';
import type { PackageFactory } from './packages';

interface Queued {
  mutation: PushedMutation;
  packageId: string;
  enqueuedAt: number;
  acked: () => void;
}

export interface SimDeskStats {
  /** Per push request: sent → answer parsed. */
  push: number[];
  /** Per mutation: enqueued → its push answered. */
  mutation: number[];
  /** Per pull request. */
  pull: number[];
  /** Poke arrival times. */
  pokes: number[];
  /** Push requests: sent time, answered time, and whether they applied something (for poke delays). */
  pushes: { sent: number; answered: number; applied: number }[];
  errors: Record<string, number>;
  results: Record<string, number>;
}

const emptyStats = (): SimDeskStats => ({ push: [], mutation: [], pull: [], pokes: [], pushes: [], errors: {}, results: {} });

export class SimDesk {
  deskId = '';
  buildingId = '';
  private credential = '';
  private cursor = 0;
  private seq = 0;
  private readonly queue: Queued[] = [];
  private pushing = false;
  private pulling = false;
  private pullAgain = false;
  private pokeAbort: AbortController | null = null;
  private closed = false;
  private pushStopped = false;
  stats: SimDeskStats = emptyStats();
  /** Package ids this desk's pushes got acknowledged (applied or duplicate). */
  readonly acknowledged: string[] = [];
  /** Package ids that reached this desk by pull. */
  readonly pulledPackages = new Set<string>();
  lastProcessedSeq = 0;

  constructor(
    private readonly base: string,
    readonly index: number,
    private readonly factory: PackageFactory,
    private readonly staff: { id: string },
    /** Pull on every poke, as the desk app does; off, pokes are only counted. */
    private readonly pullOnPoke = true,
  ) {}

  private headers(): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${this.credential}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), [SCHEMA_HEADER]: String(DATA_SCHEMA_VERSION) };
  }

  private error(kind: string): void {
    this.stats.errors[kind] = (this.stats.errors[kind] ?? 0) + 1;
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  async enroll(code: string): Promise<void> {
    const response = await fetch(`${this.base}/api/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deskName: `sim desk ${this.index}` }) });
    if (!response.ok) throw new Error(`enrollment of desk ${this.index} failed: HTTP ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as { deskId: string; buildingId: string; credential: string };
    this.deskId = answer.deskId;
    this.buildingId = answer.buildingId;
    this.credential = answer.credential;
  }

  /** Pulls pages until the end; with `again` set meanwhile (a poke), once more. */
  async pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        for (let page = 0; page < 1000 && !this.closed; page++) {
          const start = performance.now();
          let body: PullResponse;
          try {
            const response = await fetch(`${this.base}/api/sync/pull`, {
              method: 'POST',
              headers: this.headers(),
              body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: this.deskId, cursor: this.cursor, limit: 500 }),
            });
            if (!response.ok) {
              this.error(`pull HTTP ${response.status}`);
              await response.arrayBuffer();
              return;
            }
            body = (await response.json()) as PullResponse;
          } catch {
            this.error('pull network');
            return;
          }
          this.stats.pull.push(performance.now() - start);
          for (const change of body.changes) if (change.table === 'packages') this.pulledPackages.add(change.id);
          this.cursor = body.cursor;
          if (!body.hasMore) {
            this.lastProcessedSeq = body.lastProcessedSeq;
            break;
          }
        }
      } while (this.pullAgain && !this.closed);
    } finally {
      this.pulling = false;
    }
  }

  /** Opens the poke stream; every event (the first says "connected") triggers a pull. */
  async openPokes(): Promise<void> {
    const abort = new AbortController();
    this.pokeAbort = abort;
    const response = await fetch(`${this.base}/api/sync/poke`, { headers: { ...this.headers(), accept: 'text/event-stream' }, signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`poke stream of desk ${this.index}: HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let pending = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          pending += value;
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, end);
            pending = pending.slice(end + 2);
            if (/^(event|data):/m.test(block)) {
              this.stats.pokes.push(performance.now());
              if (this.pullOnPoke) void this.pull();
            }
          }
        }
        if (!this.closed) this.error('poke stream ended');
      } catch {
        if (!this.closed) this.error('poke stream failed');
      }
    })();
  }

  /** Queues one receivePackage; resolves when the service has acknowledged it. */
  enqueue(): Promise<void> {
    const args = this.factory.next();
    this.seq += 1;
    return new Promise<void>((acked) => {
      this.queue.push({
        mutation: { id: randomUUID(), seq: this.seq, name: 'receivePackage', args, staffId: this.staff.id, at: new Date().toISOString() },
        packageId: args.packageId,
        enqueuedAt: performance.now(),
        acked,
      });
      void this.push();
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Sends nothing more after the push in flight (its answer is still awaited and recorded). */
  stopPushing(): void {
    this.pushStopped = true;
  }

  /** Resolves once no push is in flight. */
  async pushIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pushing) {
      if (Date.now() > deadline) return false;
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
    return true;
  }

  /** Waits for a pull in progress to end, then pulls to the end once more. */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pulling) {
      if (Date.now() > deadline) return false;
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
    await this.pull();
    return true;
  }

  private async push(): Promise<void> {
    if (this.pushing || this.closed || this.pushStopped) return;
    this.pushing = true;
    try {
      let failures = 0;
      while (this.queue.length > 0 && !this.closed && !this.pushStopped) {
        const batch = this.queue.slice(0, MAX_MUTATIONS_PER_PUSH);
        const start = performance.now();
        let answer: PushResponse | null = null;
        try {
          const response = await fetch(`${this.base}/api/sync/push`, {
            method: 'POST',
            headers: this.headers(),
            body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: this.deskId, mutations: batch.map((entry) => entry.mutation) }),
          });
          if (response.ok) answer = (await response.json()) as PushResponse;
          else {
            this.error(`push HTTP ${response.status}`);
            await response.arrayBuffer();
          }
        } catch {
          this.error('push network');
        }
        const answered = performance.now();
        if (!answer) {
          // Retry the same batch (same ids, same sequence numbers), as the desk does.
          failures += 1;
          await new Promise((resolveRetry) => setTimeout(resolveRetry, Math.min(2_000, 50 * 2 ** failures)));
          continue;
        }
        failures = 0;
        this.stats.push.push(answered - start);
        let applied = 0;
        const done = new Set<string>();
        for (const result of answer.results) {
          this.stats.results[result.status] = (this.stats.results[result.status] ?? 0) + 1;
          if (result.status === 'applied') applied += 1;
          done.add(result.id);
        }
        this.stats.pushes.push({ sent: start, answered, applied });
        for (const entry of batch) {
          if (!done.has(entry.mutation.id)) continue;
          this.stats.mutation.push(answered - entry.enqueuedAt);
          this.acknowledged.push(entry.packageId);
          entry.acked();
        }
        this.queue.splice(0, batch.filter((entry) => done.has(entry.mutation.id)).length);
      }
    } finally {
      this.pushing = false;
    }
  }

  close(): void {
    this.closed = true;
    this.pokeAbort?.abort();
  }
}
