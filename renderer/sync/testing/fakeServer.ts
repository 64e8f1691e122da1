import type { TableName, TableRows } from '../../../shared/domain/model';
import { MemoryStore } from '../../../shared/mutations/memoryTx';
import { isRejection, runMutation } from '../../../shared/mutations/registry';
import { MutationRejected } from '../../../shared/mutations/rejection';
import type { MutationTx } from '../../../shared/mutations/tx';
import {
  DATA_SCHEMA_VERSION,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullRequest,
  PushRequest,
  SCHEMA_HEADER,
  type MutationResult,
  type PullResponse,
  type PushResponse,
  type Rejection,
  type RowChange,
  type SyncErrorCode,
  type SyncedTable,
} from '../../../shared/sync/protocol';
import type { PokeConnector, PokeHandlers } from '../environment';
import type { SyncFetch } from '../http';

// An in-memory central service with the protocol's semantics, for desk-side tests: mutations run
// through the shared mutators against a MemoryStore, serialized; every changed row (or tombstone)
// gets the building's next version; rejections are rows too; each desk has its lastProcessedSeq,
// and a mutation id seen before is acknowledged as a duplicate and not applied again.

/** A fault to inject into the next matching request. */
export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'error'; status: number; code: SyncErrorCode }
  | { kind: 'network' }
  /** The server processes the request, then the answer is lost on the way back. */
  | { kind: 'loseResponse' };

interface DeskRecord {
  token: string;
  lastProcessedSeq: number;
  revoked: boolean;
}

export interface RecordedRequest {
  path: string;
  body: unknown;
  status: number | 'network';
}

export const FAKE_BASE_URL = 'https://central.test/api';

export class FakeSyncServer {
  readonly store = new MemoryStore();
  version = 0;
  readonly requests: RecordedRequest[] = [];
  /** The protocol and schema versions this server speaks. */
  protocolVersion: number = PROTOCOL_VERSION;
  schemaVersion: number = DATA_SCHEMA_VERSION;
  /** The working set's window start this server announces in pulls (none: desks evict nothing). */
  historySince: string | undefined = undefined;
  private readonly changes = new Map<string, RowChange>();
  private readonly desks = new Map<string, DeskRecord>();
  private readonly processed = new Set<string>();
  private readonly faults: Array<{ path: string | null; fault: Fault }> = [];
  private readonly pokeListeners = new Set<PokeHandlers>();
  private serial: Promise<unknown> = Promise.resolve();

  /** Rows as if created by an earlier migration: each gets a version. */
  seed<T extends TableName>(table: T, rows: readonly TableRows[T][]): void {
    this.store.seed(table, rows);
    for (const row of rows) this.record(table, row.id, row);
  }

  enroll(deskId: string, token = `token-${deskId}`): string {
    this.desks.set(deskId, { token, lastProcessedSeq: 0, revoked: false });
    return token;
  }

  revoke(deskId: string): void {
    const desk = this.desks.get(deskId);
    if (desk) desk.revoked = true;
  }

  lastProcessedSeq(deskId: string): number {
    return this.desks.get(deskId)?.lastProcessedSeq ?? 0;
  }

  /**
   * As if the service were restored from a backup taken when it had processed this desk's
   * mutations up to `seq`: later ones are forgotten (their rows stay, for simplicity).
   */
  forgetProgress(deskId: string, seq: number, forgottenIds: readonly string[]): void {
    const desk = this.desks.get(deskId);
    if (desk) desk.lastProcessedSeq = seq;
    for (const id of forgottenIds) this.processed.delete(id);
  }

  /** Injects a fault into the next request (to `path`, e.g. '/sync/push', when given). */
  failNext(fault: Fault, path: string | null = null, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ path, fault });
  }

  rows<T extends TableName>(table: T): TableRows[T][] {
    return this.store.rows(table);
  }

  rejections(): Rejection[] {
    return [...this.changes.values()].filter((change) => change.table === 'rejections' && change.row !== null).map((change) => change.row as Rejection);
  }

  /** Deletes a row outside any mutation (an erasure, a cleanup job): desks receive a tombstone. */
  async remove(table: TableName, id: string): Promise<void> {
    await this.store.transaction((tx) => tx.delete(table, id));
    this.record(table, id, null);
  }

  /** The transport the desk's SyncClient uses: requests are handled one at a time. */
  readonly fetch: SyncFetch = (url, init) => {
    const run = this.serial.then(() => this.handle(url, init));
    this.serial = run.catch(() => undefined);
    return run;
  };

  transportFor(deskId: string, token = this.desks.get(deskId)?.token ?? 'none') {
    return { fetch: this.fetch, baseUrl: FAKE_BASE_URL, authHeaders: async () => ({ authorization: `Bearer ${token}` }) };
  }

  /** A poke stream: every push that moves the version pokes every connected desk. */
  readonly connectPoke: PokeConnector = (_url, handlers) => {
    this.pokeListeners.add(handlers);
    queueMicrotask(() => handlers.onOpen());
    return { close: () => this.pokeListeners.delete(handlers) };
  };

  get pokeConnections(): number {
    return this.pokeListeners.size;
  }

  /** Breaks every poke stream, as a restarted server would. */
  dropPokeStreams(): void {
    for (const handlers of [...this.pokeListeners]) {
      this.pokeListeners.delete(handlers);
      handlers.onError();
    }
  }

  private async handle(url: string, init: Parameters<SyncFetch>[1]): Promise<Response> {
    const path = url.startsWith(FAKE_BASE_URL) ? url.slice(FAKE_BASE_URL.length) : url;
    const body: unknown = init.body ? JSON.parse(init.body) : undefined;
    const index = this.faults.findIndex((entry) => entry.path === null || entry.path === path);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0]?.fault : undefined;
    if (fault?.kind === 'network') {
      this.requests.push({ path, body, status: 'network' });
      throw new TypeError('Failed to fetch');
    }
    if (fault?.kind === 'status') {
      this.requests.push({ path, body, status: fault.status });
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return new Response('Service Unavailable', { status: fault.status, headers });
    }
    if (fault?.kind === 'error') return this.error(path, body, fault.status, fault.code);
    const response = await this.route(path, body, init.headers);
    this.requests.push({ path, body, status: response.status });
    if (fault?.kind === 'loseResponse') throw new TypeError('Failed to fetch');
    return response;
  }

  private error(path: string, body: unknown, status: number, code: SyncErrorCode): Response {
    this.requests.push({ path, body, status });
    return Response.json({ error: code, message: code }, { status });
  }

  private async route(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
    if (headers[PROTOCOL_HEADER] !== String(this.protocolVersion)) return Response.json({ error: 'protocolOutdated', message: 'update' }, { status: 426 });
    if (headers[SCHEMA_HEADER] !== String(this.schemaVersion)) return Response.json({ error: 'schemaOutdated', message: 'update' }, { status: 426 });
    const deskId = typeof body === 'object' && body !== null && 'deskId' in body ? String(body.deskId) : '';
    const desk = this.desks.get(deskId);
    if (!desk || headers.authorization !== `Bearer ${desk.token}`) return Response.json({ error: 'unauthenticated', message: 'who?' }, { status: 401 });
    if (desk.revoked) return Response.json({ error: 'deviceRevoked', message: 'revoked' }, { status: 403 });
    if (path === '/sync/push') {
      const request = PushRequest.safeParse(body);
      if (!request.success) return Response.json({ error: 'malformedRequest', message: request.error.message }, { status: 400 });
      return this.push(request.data, desk);
    }
    if (path === '/sync/pull') {
      const request = PullRequest.safeParse(body);
      if (!request.success) return Response.json({ error: 'malformedRequest', message: request.error.message }, { status: 400 });
      const answer = this.pull(request.data, desk);
      return answer instanceof Response ? answer : Response.json(answer);
    }
    return Response.json({ error: 'notFound', message: path }, { status: 404 });
  }

  private async push(request: PushRequest, desk: DeskRecord): Promise<Response> {
    const results: MutationResult[] = [];
    const versionBefore = this.version;
    for (const mutation of request.mutations) {
      if (this.processed.has(mutation.id)) {
        if (mutation.seq === desk.lastProcessedSeq + 1) desk.lastProcessedSeq = mutation.seq;
        results.push({ id: mutation.id, seq: mutation.seq, status: 'duplicate' });
        continue;
      }
      if (mutation.seq <= desk.lastProcessedSeq) {
        // As the real service: a new mutation under a processed number is refused, never dropped.
        return Response.json({ error: 'sequenceReused', message: `seq ${mutation.seq} reused`, lastProcessedSeq: desk.lastProcessedSeq }, { status: 409 });
      }
      if (mutation.seq !== desk.lastProcessedSeq + 1) {
        // As the real service: what came before the gap is applied, then 409 says where it stands.
        const body = { error: 'sequenceGap', message: `expected ${desk.lastProcessedSeq + 1}`, expectedSeq: desk.lastProcessedSeq + 1, lastProcessedSeq: desk.lastProcessedSeq };
        return Response.json(body, { status: 409 });
      }
      const staff = (await this.store.transaction((tx) => tx.get('staff', mutation.staffId))) ?? null;
      const context = { mutationId: mutation.id, staffId: mutation.staffId, staffRole: staff?.role ?? 'doorperson', deskId: request.deskId, at: mutation.at };
      try {
        const touched = await this.store.transaction(async (tx) => {
          if (!staff) throw new MutationRejected('staffUnknown');
          if (!staff.active) throw new MutationRejected('staffInactive');
          const recording = recordingTx(tx);
          await runMutation(recording.tx, mutation.name, mutation.args, context);
          return recording.touched;
        });
        for (const [table, id] of touched.values()) this.record(table, id, (await this.store.transaction((tx) => tx.get(table, id))) ?? null);
        results.push({ id: mutation.id, seq: mutation.seq, status: 'applied' });
      } catch (error) {
        if (!isRejection(error)) throw error;
        const rejection: Rejection = {
          id: mutation.id,
          deskId: request.deskId,
          staffId: mutation.staffId,
          seq: mutation.seq,
          mutationName: mutation.name,
          code: error.code,
          params: error.params,
          at: mutation.at,
          decidedAt: new Date(Date.parse(mutation.at) + 1000).toISOString(),
        };
        this.record('rejections', rejection.id, rejection);
        results.push({ id: mutation.id, seq: mutation.seq, status: 'rejected', code: error.code, params: error.params });
      }
      this.processed.add(mutation.id);
      desk.lastProcessedSeq = mutation.seq;
    }
    const response: PushResponse = { results, version: this.version, lastProcessedSeq: desk.lastProcessedSeq };
    if (this.version !== versionBefore) for (const listener of [...this.pokeListeners]) queueMicrotask(() => listener.onPoke());
    return Response.json(response);
  }

  private pull(request: PullRequest, desk: DeskRecord): PullResponse | Response {
    if (request.cursor > this.version) return Response.json({ error: 'resetRequired', message: 'start over from 0' }, { status: 409 });
    const newer = [...this.changes.values()].filter((change) => change.version > request.cursor).sort((a, b) => a.version - b.version);
    const page = newer.slice(0, request.limit);
    const hasMore = newer.length > page.length;
    return {
      changes: page,
      cursor: hasMore ? (page.at(-1)?.version ?? request.cursor) : Math.max(request.cursor, this.version),
      hasMore,
      lastProcessedSeq: desk.lastProcessedSeq,
      ...(this.historySince === undefined ? {} : { historySince: this.historySince }),
    };
  }

  private record(table: SyncedTable, id: string, row: unknown): void {
    this.version += 1;
    this.changes.set(`${table}:${id}`, { table, id, version: this.version, row: row ?? null });
  }
}

function recordingTx(tx: MutationTx): { tx: MutationTx; touched: Map<string, [TableName, string]> } {
  const touched = new Map<string, [TableName, string]>();
  return {
    touched,
    tx: {
      get: (table, id) => tx.get(table, id),
      queryByIndex: (table, index, value) => tx.queryByIndex(table, index, value),
      async put(table, row) {
        touched.set(`${table}:${row.id}`, [table, row.id]);
        await tx.put(table, row);
      },
      async delete(table, id) {
        touched.set(`${table}:${id}`, [table, id]);
        await tx.delete(table, id);
      },
    },
  };
}
