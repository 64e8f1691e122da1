import type { ServerDb } from '../db/database';
import { BuildingRows } from '../sync/buildingRows';
import { inBuildingTransaction } from '../sync/buildingTransaction';

/** Rows per transaction: the building's lock is held briefly, desks' pushes go in between. */
export const RETENTION_CHUNK = 500;

/** Synced tables whose rows carry the instant they became history (`history_at`). */
export type AgedTable = 'packages' | 'messages' | 'threads';

/**
 * Walks the live rows of `table` that became history before `cutoff`, a chunk at a time in id
 * order, and hands each chunk's ids to `handle` inside one building transaction. The ids are
 * listed outside the lock, so `handle` must re-read each row under it: a desk or an erasure may
 * have changed it in between.
 */
export async function forEachAgedChunk(db: ServerDb, buildingId: string, table: AgedTable, cutoff: string, handle: (ids: readonly string[], rows: BuildingRows) => Promise<void>): Promise<void> {
  let afterId = '';
  for (;;) {
    const candidates = await db.kysely
      .selectFrom(table)
      .select('id')
      .where('building_id', '=', buildingId)
      .where('deleted', '=', 0)
      .where('history_at', '<', cutoff)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(RETENTION_CHUNK)
      .execute();
    const ids = candidates.map((row) => row.id);
    if (ids.length > 0) {
      await inBuildingTransaction(db, buildingId, async (trx, building) => {
        await handle(ids, new BuildingRows(trx, buildingId, building.clock));
      });
    }
    const last = ids.at(-1);
    if (last === undefined || ids.length < RETENTION_CHUNK) return;
    afterId = last;
  }
}
