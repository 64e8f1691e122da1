import { historyAt } from '../../shared/sync/workingSet';
import type { DeskDatabase } from './database';

export interface EvictionResult {
  packages: number;
  events: number;
  rejections: number;
  bookings: number;
}

/**
 * Drops settled history older than `since` (the service's working-set window, see
 * shared/sync/workingSet.ts) from this desk, in one transaction. Rows with a shadow are kept: a
 * pending local mutation touched them, and the rebase must still be able to restore and replay
 * it. Eviction is local housekeeping, never a mutation: nothing is pushed, and the rows stay on
 * the central service, where an online desk searches them.
 */
export async function evictHistory(db: DeskDatabase, since: string): Promise<EvictionResult> {
  return db.transaction('rw', [db.packages, db.events, db.rejections, db.bookings, db.shadows], async () => {
    const shadowed = new Set(await db.shadows.toCollection().primaryKeys());
    const keep = (table: string, id: string) => shadowed.has(`${table}:${id}`);

    const packageIds = await db.packages
      .where('status')
      .anyOf('released', 'returned')
      .filter((pkg) => {
        const settled = historyAt('packages', pkg);
        return settled !== null && settled < since && !keep('packages', pkg.id);
      })
      .primaryKeys();
    await db.packages.bulkDelete(packageIds);

    const eventIds = (await db.events.where('at').below(since).primaryKeys()).filter((id) => !keep('events', id));
    await db.events.bulkDelete(eventIds);

    const rejectionIds = (await db.rejections.where('decidedAt').below(since).primaryKeys()).filter((id) => !keep('rejections', id));
    await db.rejections.bulkDelete(rejectionIds);

    // A booking ends after it starts: those ending before the window started before it too.
    const bookingIds = await db.bookings
      .where('start')
      .below(since)
      .filter((booking) => booking.end < since && !keep('bookings', booking.id))
      .primaryKeys();
    await db.bookings.bulkDelete(bookingIds);

    return { packages: packageIds.length, events: eventIds.length, rejections: rejectionIds.length, bookings: bookingIds.length };
  });
}
