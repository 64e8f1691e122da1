import { randomUUID } from 'node:crypto';
import type { MutationName } from '../../shared/mutations/registry';
import { DATA_SCHEMA_VERSION, PROTOCOL_VERSION, type PullResponse, type PushedMutation, type PushResponse, type RowChange } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import { insertDesk } from '../db/desks';
import { pull } from '../sync/pull';
import { push, type SyncEngineOptions } from '../sync/push';

/**
 * A desk as the engine sees it, for tests: numbers its mutations, pushes them, and pulls
 * page by page into a local mirror, as the real sync client does.
 */
export class TestDesk {
  seq = 0;
  cursor = 0;
  /** Rows as the desk has them, by `table/id`; tombstones are removed. */
  readonly rows = new Map<string, unknown>();
  /** The server's clock for pulls: the working set's window is placed by it (tests' mutations happen on 2026-03-01). */
  now: () => Date = () => new Date('2026-03-01T16:00:00.000Z');

  constructor(
    readonly db: ServerDb,
    readonly buildingId: string,
    readonly deskId: string,
    readonly staffId: string,
  ) {}

  static async enroll(db: ServerDb, buildingId: string, deskId: string, staffId: string): Promise<TestDesk> {
    await insertDesk(db, { id: deskId, buildingId, name: deskId, credentialHash: 'test', enrolledAt: '2026-03-01T12:00:00.000Z' });
    return new TestDesk(db, buildingId, deskId, staffId);
  }

  /** A new mutation with the next sequence number. */
  mutation(name: MutationName, args: unknown, overrides: Partial<PushedMutation> = {}): PushedMutation {
    this.seq += 1;
    return { id: randomUUID(), seq: this.seq, name, args, staffId: this.staffId, at: '2026-03-01T15:00:00.000Z', ...overrides };
  }

  push(mutations: PushedMutation[], options?: SyncEngineOptions): Promise<PushResponse> {
    return push(
      this.db,
      { buildingId: this.buildingId, deskId: this.deskId, request: { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: this.deskId, mutations } },
      options,
    );
  }

  async pullPage(limit = 500): Promise<PullResponse> {
    const page = await pull(this.db, {
      buildingId: this.buildingId,
      deskId: this.deskId,
      request: { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: this.deskId, cursor: this.cursor, limit },
    }, { now: this.now });
    for (const change of page.changes) {
      const key = `${change.table}/${change.id}`;
      if (change.row === null) this.rows.delete(key);
      else this.rows.set(key, change.row);
    }
    this.cursor = page.cursor;
    return page;
  }

  /** Pulls until hasMore is false; returns every change received, in order. */
  async pullAll(limit = 500): Promise<RowChange[]> {
    const changes: RowChange[] = [];
    for (;;) {
      const page = await this.pullPage(limit);
      changes.push(...page.changes);
      if (!page.hasMore) return changes;
    }
  }

  row(table: string, id: string): unknown {
    return this.rows.get(`${table}/${id}`);
  }
}
