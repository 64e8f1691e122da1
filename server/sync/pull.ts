import { MAX_PULL_PAGE, type PullRequest, type PullResponse, type RowChange } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import { sql, type RawBuilder } from 'kysely';
import { historySince, WORKING_SET_DAYS } from '../../shared/sync/workingSet';
import { ROW_TABLES, type RowTable } from '../db/indexes';
import { buildingFromColumns } from './buildingRows';
import { assertSameDesk } from './desk';
import { SyncError } from './errors';

export interface PullOptions {
  /** The server's clock, which places the working set's history window. Default: the system clock. */
  now?: () => Date;
  /** Days of settled history desks keep (shared/sync/workingSet.ts). */
  workingSetDays?: number;
}

export interface PullInput {
  /** The building and desk the HTTP layer authenticated. */
  buildingId: string;
  deskId: string;
  request: PullRequest;
}

/**
 * The building's rows changed after `cursor`, oldest version first, at most `limit` of them,
 * tombstones as `row: null`.
 *
 * Consistency without a long transaction: one statement reads the building's version V and the
 * desk's lastProcessedSeq together; every row read after is bounded by `version <= V`. Versions
 * are handed out under the building's lock and committed with it, so every row at or below V is
 * already committed and nothing can later appear below V. A row rewritten meanwhile (it moves
 * above V) is simply sent by the next pull. So a desk that follows the cursor misses nothing.
 *
 * lastProcessedSeq belongs to V: with `hasMore`, effects of those mutations may still be in later
 * pages, so the desk should rebase its outbox only after the last page.
 *
 * Working set: rows that became history before the window (`history_at`, see
 * shared/sync/workingSet.ts) are left out, and a first pull (cursor 0) leaves out tombstones too,
 * since a new desk has nothing to delete. Both only skip rows: the cursor still moves past them.
 */
export async function pull(db: ServerDb, input: PullInput, options: PullOptions = {}): Promise<PullResponse> {
  const { buildingId, request } = input;
  assertSameDesk(input.deskId, request.deskId);
  // The HTTP layer parses requests with the protocol schema; checked again because a limit below 1
  // would end a page before its first row and skip rows.
  if (!Number.isSafeInteger(request.cursor) || request.cursor < 0 || !Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_PULL_PAGE) {
    throw new SyncError('malformedRequest', `cursor must be a version and limit between 1 and ${MAX_PULL_PAGE}`);
  }
  // One statement: the building's version V (and its own row, which syncs too) with the desk's state.
  const snapshot = await db.kysely
    .selectFrom('desks')
    .innerJoin('buildings', 'buildings.id', 'desks.building_id')
    .select([
      'buildings.version as version',
      'buildings.id as buildingId',
      'buildings.name as name',
      'buildings.time_zone as time_zone',
      'buildings.default_language as default_language',
      'buildings.row_version as row_version',
      'desks.last_processed_seq as lastProcessedSeq',
      'desks.revoked_at as revokedAt',
    ])
    .where('desks.id', '=', input.deskId)
    .where('desks.building_id', '=', buildingId)
    .executeTakeFirst();
  if (!snapshot) throw new SyncError('wrongBuilding', 'this desk is not enrolled in this building');
  if (snapshot.revokedAt !== null) throw new SyncError('deviceRevoked', 'this desk was revoked');
  if (request.cursor > snapshot.version) {
    // Only a desk that synced with another server's data (a restored backup, a wiped database)
    // can be ahead; pulling on would silently skip rows.
    throw new SyncError('resetRequired', 'the cursor is ahead of the server: this desk must start over from 0');
  }

  const since = historySince((options.now ?? (() => new Date()))(), options.workingSetDays ?? WORKING_SET_DAYS);
  const scope: PageScope = { buildingId, since, liveOnly: request.cursor === 0 };
  const building: RowChange = { table: 'buildings', id: snapshot.buildingId, version: snapshot.row_version, row: buildingFromColumns({ ...snapshot, id: snapshot.buildingId }) };
  const upTo = await pageEnd(db.kysely, scope, request.cursor, snapshot.version, request.limit, building.version);
  const rows = await changesBetween(db.kysely, scope, request.cursor, upTo.version);
  const changes = building.version > request.cursor && building.version <= upTo.version ? [building, ...rows] : rows;
  return { changes: changes.sort((a, b) => a.version - b.version), cursor: upTo.version, hasMore: upTo.hasMore, lastProcessedSeq: snapshot.lastProcessedSeq, historySince: since };
}

/** Which rows of the building a pull sends. */
interface PageScope {
  buildingId: string;
  /** History settled before this instant stays on the server. */
  since: string;
  /** A first pull: no tombstones. */
  liveOnly: boolean;
}

/** The working-set conditions of PageScope, as SQL for any row table. */
function inScope(scope: PageScope): RawBuilder<unknown> {
  const live = scope.liveOnly ? sql` and deleted = 0` : sql``;
  return sql`building_id = ${scope.buildingId} and (history_at is null or history_at >= ${scope.since})${live}`;
}

/**
 * The highest version of this page: the `limit`-th changed version after the cursor, or the
 * snapshot's version when fewer rows changed (then versions of overwritten rows, which no row
 * holds any more, are skipped too). ONE statement over every row table, reading only versions
 * from the (building_id, version, history_at) indexes, so rows beyond the page are never loaded.
 */
async function pageEnd(
  db: ServerDb['kysely'],
  scope: PageScope,
  cursor: number,
  snapshotVersion: number,
  limit: number,
  buildingRowVersion: number,
): Promise<{ version: number; hasMore: boolean }> {
  const perTable = ROW_TABLES.map(
    (table) =>
      sql`select version from (select version from ${sql.table(table)} where ${inScope(scope)} and version > ${cursor} and version <= ${snapshotVersion} order by version limit ${limit + 1}) as ${sql.id(`page_${table}`)}`,
  );
  const found = await sql<{ version: number }>`${sql.join(perTable, sql` union all `)} order by version limit ${limit + 1}`.execute(db);
  const versions = found.rows.map((row) => Number(row.version));
  if (buildingRowVersion > cursor && buildingRowVersion <= snapshotVersion) versions.push(buildingRowVersion);
  if (versions.length <= limit) return { version: snapshotVersion, hasMore: false };
  versions.sort((a, b) => a - b);
  const last = versions[limit - 1];
  if (last === undefined) throw new Error('unreachable: more versions than the limit');
  return { version: last, hasMore: true };
}

/** The rows of every row table changed in (after, upTo], in one statement. */
async function changesBetween(db: ServerDb['kysely'], scope: PageScope, after: number, upTo: number): Promise<RowChange[]> {
  if (upTo <= after) return [];
  const perTable = ROW_TABLES.map(
    (table) =>
      sql`select ${table} as row_table, id, version, deleted, data from ${sql.table(table)} where ${inScope(scope)} and version > ${after} and version <= ${upTo}`,
  );
  const found = await sql<{ row_table: RowTable; id: string; version: number; deleted: number; data: string | null }>`${sql.join(perTable, sql` union all `)}`.execute(db);
  return found.rows.map((row) => {
    const live = Number(row.deleted) === 0 && row.data !== null;
    return { table: row.row_table, id: row.id, version: Number(row.version), row: live ? (JSON.parse(row.data ?? 'null') as unknown) : null };
  });
}
