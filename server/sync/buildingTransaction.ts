import type { ControlledTransaction } from 'kysely';
import type { ServerDb } from '../db/database';
import type { Schema } from '../db/schema';
import { SyncError } from './errors';
import { VersionClock } from './versionClock';

export interface LockedBuilding {
  readonly id: string;
  /** Starts at the building's version; writes take from it; written back on success. */
  readonly clock: VersionClock;
}

/**
 * Runs `work` in one database transaction that holds the building's write lock from its first
 * statement to its commit, so writes of one building are serialized and check-then-write rules
 * (a package released once, a slot booked once) hold whatever the number of desks and server
 * instances. PostgreSQL: SELECT … FOR UPDATE on the building row (other buildings are not
 * blocked). SQLite: BEGIN IMMEDIATE already holds the database's single write lock.
 * Any error rolls everything back, including the version counter.
 */
export async function inBuildingTransaction<R>(
  db: ServerDb,
  buildingId: string,
  work: (trx: ControlledTransaction<Schema>, building: LockedBuilding) => Promise<R>,
): Promise<R> {
  const trx = await db.kysely.startTransaction().execute();
  try {
    const row = await trx
      .selectFrom('buildings')
      .select('version')
      .where('id', '=', buildingId)
      .$if(db.dialect === 'postgres', (query) => query.forUpdate())
      .executeTakeFirst();
    if (!row) throw new SyncError('notFound', `building ${buildingId} does not exist`);
    const clock = new VersionClock(row.version);
    const result = await work(trx, { id: buildingId, clock });
    if (clock.current !== row.version) {
      await trx.updateTable('buildings').set({ version: clock.current }).where('id', '=', buildingId).execute();
    }
    await trx.commit().execute();
    return result;
  } catch (error) {
    // Kysely releases the connection even when the rollback itself fails (a dead connection):
    // the original error is the one worth reporting.
    await trx.rollback().execute().catch(() => undefined);
    throw error;
  }
}
