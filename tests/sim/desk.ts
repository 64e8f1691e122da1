import Dexie from 'dexie';
import type { StaffRole } from '../../shared/domain/model';
import type { MutationRequest } from '../../shared/mutations/registry';
import { commitMutations, DeskWriteError, type DeskSession } from '../../renderer/db/commit';
import { DeskDatabase } from '../../renderer/db/database';
import { adoptDeskId } from '../../renderer/db/deskIdentity';
import type { SyncTimers } from '../../renderer/sync/environment';
import { SyncClient } from '../../renderer/sync/SyncClient';
import { FakeNetwork } from '../../renderer/sync/testing/fakes';
import type { NetworkEndpoint, SimNetwork } from './network';
import type { SimServer } from './server';

/** One mutation a desk committed locally: the ground truth the server's log is checked against. */
export interface CommittedRecord {
  id: string;
  seq: number;
  name: MutationRequest['name'];
  args: unknown;
  staffId: string;
  at: string;
  deskId: string;
  desk: string;
}

export type CommitOutcome = { kind: 'committed'; records: CommittedRecord[] } | { kind: 'rejectedLocally'; code: string };

export const SIM_BASE_URL = 'http://central.sim/api';

/** How a desk's client pages and batches (small values exercise paging and "continue next cycle"). */
export interface ClientLimits {
  pullLimit: number;
  maxPullPagesPerCycle: number;
  maxPushBatchesPerCycle: number;
}

/**
 * An in-process desk: a real DeskDatabase (fake-indexeddb) and the real SyncClient, with the
 * shared manual clock, its own on/off network signal, and a transport that goes through the
 * simulation's faulty network to the real service. It can be killed (client stopped, database
 * closed) and revived (database reopened, a new client), as a crashed and restarted app would be.
 */
export class SimDesk implements NetworkEndpoint {
  db: DeskDatabase | null = null;
  client: SyncClient | null = null;
  readonly signal = new FakeNetwork();
  session: DeskSession;
  /** Every mutation this desk ever committed, in commit order. */
  readonly committed: CommittedRecord[] = [];
  /** `sync.failed` kinds the client logged, and other notable log codes. */
  readonly logCounts = new Map<string, number>();
  kills = 0;

  constructor(
    readonly label: string,
    readonly dbName: string,
    readonly deskId: string,
    private readonly credential: string,
    defaultSession: DeskSession,
    readonly limits: ClientLimits,
  ) {
    this.session = defaultSession;
  }

  get alive(): boolean {
    return this.client !== null;
  }

  isOnline(): boolean {
    return this.signal.isOnline();
  }

  /** Opens (or reopens) the database and starts a new sync client on it. */
  async open(network: SimNetwork, server: SimServer, timers: SyncTimers, options: { loseOutbox?: boolean } = {}): Promise<void> {
    const db = new DeskDatabase(this.dbName);
    await db.open();
    await adoptDeskId(db, this.deskId);
    if (options.loseOutbox) await db.outbox.clear(); // sabotage: a desk whose outbox did not survive the crash
    this.db = db;
    this.client = new SyncClient({
      db,
      transport: { fetch: network.fetchFor(this), baseUrl: SIM_BASE_URL, authHeaders: async () => ({ authorization: `Bearer ${this.credential}` }) },
      timers,
      network: this.signal,
      ...this.limits,
      connectPoke: (_url, handlers) => server.connectPoke(handlers, () => this.isOnline()),
      log: (_level, code, fields) => {
        // A failed cycle counts by kind (and status for temporary ones: 503 is injected, others are not).
        const key = code !== 'sync.failed' ? code : fields?.kind === 'temporary' ? `failed:temporary:${String(fields.status)}` : `failed:${String(fields?.kind)}`;
        this.logCounts.set(key, (this.logCounts.get(key) ?? 0) + 1);
      },
    });
    this.client.start();
  }

  /** The app dies: nothing more runs on this desk until `open` again. */
  async kill(network: SimNetwork): Promise<void> {
    this.kills += 1;
    network.abandon(this);
    const client = this.client;
    this.client = null;
    await client?.stop();
    this.db?.close();
    this.db = null;
  }

  /** Commits mutations as the signed-in staff member, as the UI would (one transaction). */
  async commit(requests: MutationRequest[], now: () => Date): Promise<CommitOutcome> {
    const db = this.requireDb();
    try {
      const committed = await commitMutations(db, this.session, requests, now);
      const at = now().toISOString();
      const records = committed.map(({ mutationId, seq }, index) => {
        const request = requests[index] as MutationRequest;
        return { id: mutationId, seq, name: request.name, args: request.args, staffId: this.session.staffId, at, deskId: this.deskId, desk: this.label };
      });
      this.committed.push(...records);
      return { kind: 'committed', records };
    } catch (error) {
      if (error instanceof DeskWriteError && error.failure.kind === 'rejected') return { kind: 'rejectedLocally', code: error.failure.rejection.code };
      throw error;
    }
  }

  requireDb(): DeskDatabase {
    if (!this.db) throw new Error(`${this.label} is not running`);
    return this.db;
  }

  async staffRole(staffId: string): Promise<StaffRole> {
    return (await this.requireDb().staff.get(staffId))?.role ?? 'doorperson';
  }

  async destroy(): Promise<void> {
    await this.client?.stop();
    this.client = null;
    this.db?.close();
    this.db = null;
    await Dexie.delete(this.dbName);
  }
}
