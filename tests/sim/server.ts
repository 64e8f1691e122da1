import type { FastifyInstance } from 'fastify';
import { createDatabase, type ServerDb } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { buildApp } from '../../server/http/app';
import { issueEnrollmentCode } from '../../server/identity/enrollment';
import { createLocalPokeHub, type PokeHub } from '../../server/realtime/pokes';
import { seedBuilding } from '../../server/sync';
import type { BuildingSeed } from '../../server/sync/seed';
import type { MutationTx } from '../../shared/mutations/tx';
import type { TestDatabase, TestDatabaseTarget } from '../../server/testing/databases';
import type { PokeConnection, PokeHandlers } from '../../renderer/sync/environment';

/** What the network hands to the central service: one HTTP request, as the desk's fetch made it. */
export interface SimRequest {
  method: 'GET' | 'POST';
  /** e.g. /api/sync/push */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The service's answer, kept as plain data so it can be held, duplicated and turned into a Response later. */
export interface SimAnswer {
  status: number;
  headers: Record<string, string>;
  payload: string;
  /**
   * The service restarted while this request was in it (another desk's request met a restart
   * fault meanwhile): whatever it did or did not commit, its connection was reset.
   */
  interrupted?: boolean;
}

export interface SimServerOptions {
  /** Sabotage only: wraps the mutators' transaction on the server (see skipOtherBookings). */
  wrapMutationTx?: (tx: MutationTx) => MutationTx;
}

/**
 * Sabotage `serverSkipsBookingRules`: the server's mutators find no bookings of an amenity, so
 * requestBooking on the server checks capacity and quotas against nothing and accepts whatever
 * the desk accepted on its own (possibly stale) view. The invariants must notice the overbooking.
 */
export function skipOtherBookings(tx: MutationTx): MutationTx {
  return {
    get: (table, id) => tx.get(table, id),
    put: (table, row) => tx.put(table, row),
    delete: (table, id) => tx.delete(table, id),
    queryByIndex: async (table, index, value) => (table === 'bookings' && index === 'amenityId' ? [] : tx.queryByIndex(table, index, value)),
  };
}

/**
 * The real central service (Fastify app from server/http/app.ts on the real sync engine) over a
 * test database, reached through `app.inject`. It can be restarted: the app and its database
 * handle are closed and reopened, as a process restart would, while the data stays.
 *
 * `inspect` is a second handle on the same database, opened at creation: seeding, enrollment codes
 * and the invariant checks use it, never the sync traffic.
 */
export class SimServer {
  restarts = 0;
  /** Bumped when a restart begins: a request that saw another epoch was cut by it. */
  private epoch = 0;
  private restarting = false;
  private app!: FastifyInstance;
  private serverDb!: ServerDb;
  private pokes!: PokeHub;
  private readonly pokeConnections = new Set<{ handlers: PokeHandlers; unsubscribe: () => void }>();

  private constructor(
    private readonly database: TestDatabase,
    readonly buildingId: string,
    /** The simulation's clock: the service places the working set's history window by it. */
    private readonly now: () => Date,
    private readonly options: SimServerOptions,
  ) {}

  static async start(target: TestDatabaseTarget, seed: BuildingSeed, now: () => Date, options: SimServerOptions = {}): Promise<SimServer> {
    const database = await target.create();
    await seedBuilding(database.db, seed, { now: () => new Date('2026-03-01T12:00:00.000Z') });
    const server = new SimServer(database, seed.building.id, now, options);
    await server.open();
    return server;
  }

  get inspect(): ServerDb {
    return this.database.db;
  }

  get dialect(): string {
    return this.database.db.dialect;
  }

  private async open(): Promise<void> {
    this.serverDb = createDatabase(this.database.config);
    await migrateToLatest(this.serverDb); // what start-up does; a no-op here
    this.pokes = createLocalPokeHub();
    this.app = await buildApp({ db: this.serverDb, pokes: this.pokes, now: this.now, ...this.options });
  }

  async handle(request: SimRequest): Promise<SimAnswer> {
    const cut: SimAnswer = { status: 0, headers: {}, payload: '', interrupted: true };
    if (this.restarting) return cut; // connection refused: the service is down for a moment
    const epoch = this.epoch;
    let response;
    try {
      response = await this.app.inject({
        method: request.method,
        url: request.path,
        headers: request.headers,
        ...(request.body === undefined ? {} : { payload: request.body }),
      });
    } catch (error) {
      if (this.epoch !== epoch) return cut;
      throw error;
    }
    if (this.epoch !== epoch) return cut;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || name === 'content-length' || name === 'transfer-encoding' || name === 'connection') continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: response.statusCode, headers, payload: response.payload };
  }

  /** A process restart: the app and its database connections go away and come back; pokes streams break. */
  async restart(): Promise<void> {
    this.restarts += 1;
    this.epoch += 1;
    this.restarting = true;
    try {
      await this.app.close();
      await this.serverDb.close();
      await this.pokes.close();
      const broken = [...this.pokeConnections];
      this.pokeConnections.clear();
      for (const connection of broken) connection.unsubscribe();
      await this.open();
      for (const connection of broken) connection.handlers.onError();
    } finally {
      this.restarting = false;
    }
  }

  /** The poke stream, wired to the app's PokeHub (the SSE endpoint itself needs a real socket). */
  connectPoke(handlers: PokeHandlers, reachable: () => boolean): PokeConnection {
    if (!reachable()) {
      queueMicrotask(() => handlers.onError());
      return { close: () => undefined };
    }
    const connection = { handlers, unsubscribe: this.pokes.subscribe(this.buildingId, () => handlers.onPoke()) };
    this.pokeConnections.add(connection);
    queueMicrotask(() => {
      if (this.pokeConnections.has(connection)) handlers.onOpen();
    });
    return {
      close: () => {
        if (this.pokeConnections.delete(connection)) connection.unsubscribe();
      },
    };
  }

  /** Enrolls a desk the way the app does: a manager's one-time code, redeemed over HTTP. */
  async enroll(deskName: string): Promise<{ deskId: string; credential: string }> {
    const { code } = await issueEnrollmentCode(this.inspect, { buildingId: this.buildingId, createdBy: `${this.buildingId}-s2` });
    const answer = await this.handle({ method: 'POST', path: '/api/enroll', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deskName }) });
    if (answer.status !== 200) throw new Error(`enrollment failed: ${answer.status} ${answer.payload}`);
    return JSON.parse(answer.payload) as { deskId: string; credential: string };
  }

  async dispose(): Promise<void> {
    for (const connection of this.pokeConnections) connection.unsubscribe();
    this.pokeConnections.clear();
    await this.app.close();
    await this.serverDb.close();
    await this.pokes.close();
    await this.database.dispose();
  }
}
