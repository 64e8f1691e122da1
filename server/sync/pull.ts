import { MAX_PULL_PAGE, type PullRequest, type PullResponse, type RowChange } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import type { SelectQueryBuilder } from 'kysely';
import { historySince, WORKING_SET_DAYS } from '../../shared/sync/workingSet';
import { ROW_TABLES, rowTablesOf, type RowTable, type RowTablesView } from '../db/indexes';
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
  const snapshot = await db.kysely
    .selectFrom('desks')
    .innerJoin('buildings', 'buildings.id', 'desks.building_id')
    .select(['buildings.version as version', 'desks.last_processed_seq as lastProcessedSeq', 'desks.revoked_at as revokedAt'])
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
  const upTo = await pageEnd(db.kysely, scope, request.cursor, snapshot.version, request.limit);
  const changes = await changesBetween(db.kysely, scope, request.cursor, upTo.version);
  return { changes, cursor: upTo.version, hasMore: upTo.hasMore, lastProcessedSeq: snapshot.lastProcessedSeq, historySince: since };
}

/** Which rows of the building a pull sends. */
interface PageScope {
  buildingId: string;
  /** History settled before this instant stays on the server. */
  since: string;
  /** A first pull: no tombstones. */
  liveOnly: boolean;
}

/** The working-set conditions of PageScope on a row table query. */
function inScope<Q extends SelectQueryBuilder<RowTablesView, RowTable, object>>(query: Q, scope: PageScope): Q {
  const scoped = query
    .where('building_id', '=', scope.buildingId)
    .where((eb) => eb.or([eb('history_at', 'is', null), eb('history_at', '>=', scope.since)]));
  return (scope.liveOnly ? scoped.where('deleted', '=', 0) : scoped) as Q;
}

/**
 * The highest version of this page: the `limit`-th changed version after the cursor, or the
 * snapshot's version when fewer rows changed (then versions of overwritten rows, which no row
 * holds any more, are skipped too). Reads only versions, from the (building_id, version) indexes,
 * so rows beyond the page are never loaded.
 */
async function pageEnd(
  db: ServerDb['kysely'],
  scope: PageScope,
  cursor: number,
  snapshotVersion: number,
  limit: number,
): Promise<{ version: number; hasMore: boolean }> {
  const versions: number[] = [];
  const building = await db
    .selectFrom('buildings')
    .select('row_version')
    .where('id', '=', scope.buildingId)
    .where('row_version', '>', cursor)
    .where('row_version', '<=', snapshotVersion)
    .executeTakeFirst();
  if (building) versions.push(building.row_version);
  for (const table of ROW_TABLES) {
    const found = await inScope(rowTablesOf(db).selectFrom(table).select('version'), scope)
      .where('version', '>', cursor)
      .where('version', '<=', snapshotVersion)
      .orderBy('version')
      .limit(limit + 1)
      .execute();
    for (const row of found) versions.push(row.version);
  }
  if (versions.length <= limit) return { version: snapshotVersion, hasMore: false };
  versions.sort((a, b) => a - b);
  const last = versions[limit - 1];
  if (last === undefined) throw new Error('unreachable: more versions than the limit');
  return { version: last, hasMore: true };
}

async function changesBetween(db: ServerDb['kysely'], scope: PageScope, after: number, upTo: number): Promise<RowChange[]> {
  const changes: RowChange[] = [];
  if (upTo <= after) return changes;
  const building = await db
    .selectFrom('buildings')
    .select(['id', 'name', 'time_zone', 'default_language', 'row_version'])
    .where('id', '=', scope.buildingId)
    .where('row_version', '>', after)
    .where('row_version', '<=', upTo)
    .executeTakeFirst();
  if (building) changes.push({ table: 'buildings', id: building.id, version: building.row_version, row: buildingFromColumns(building) });
  for (const table of ROW_TABLES) {
    const found = await inScope(rowTablesOf(db).selectFrom(table).select(['id', 'version', 'deleted', 'data']), scope)
      .where('version', '>', after)
      .where('version', '<=', upTo)
      .execute();
    for (const row of found) {
      const live = row.deleted === 0 && row.data !== null;
      changes.push({ table, id: row.id, version: row.version, row: live ? (JSON.parse(row.data ?? 'null') as unknown) : null });
    }
  }
  return changes.sort((a, b) => a.version - b.version);
}
