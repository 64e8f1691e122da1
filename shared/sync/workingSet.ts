import type { Booking } from '../domain/bookings';
import type { Message, MessageThread } from '../domain/messaging';
import type { DomainEvent, Package } from '../domain/model';
import type { Rejection, SyncedTable } from './protocol';

// The working set (ARCHITECTURE.md): what a desk keeps locally. Everything the lobby needs now
// (the building, units, residents, staff, waiting packages) stays on every desk for good; settled
// history (released or returned packages, events, the server's refusals) stays only for a recent
// window and is then evicted from desks. Older history lives on the central service, which
// searches it for a desk that is online.
//
// One rule, two sides: the service tags each stored row with the instant it became history and
// never sends rows older than the window; a desk evicts what has aged out of the window since it
// received it. The service states the window's start in every pull, so both use its clock.

/** How long settled history stays on desks. */
export const WORKING_SET_DAYS = 30;

const MS_PER_DAY = 86_400_000;

/** The first instant of the window: history settled before it is not kept on desks. */
export function historySince(now: Date, days: number = WORKING_SET_DAYS): string {
  return new Date(now.getTime() - days * MS_PER_DAY).toISOString();
}

/**
 * When a row became history, or null while it belongs to the working set whatever its age.
 * A package is history once it has left the shelf (its release instant; a package returned to
 * the carrier without a release record counts from its arrival). Events and refusals are
 * history from the moment they happen, bookings once they end, messages when sent and threads
 * at their last message unless the desk has not read them. Buildings, units, residents, staff,
 * amenities and templates never are.
 */
export function historyAt(table: SyncedTable, row: unknown): string | null {
  if (row === null || typeof row !== 'object') return null;
  switch (table) {
    case 'packages': {
      const pkg = row as Package;
      if (pkg.status === 'waiting') return null;
      return pkg.release?.at ?? pkg.receivedAt;
    }
    case 'events':
      return (row as DomainEvent).at;
    case 'rejections':
      return (row as Rejection).decidedAt;
    case 'bookings':
      // Past bookings are history once they end; today's and future ones stay on every desk.
      return (row as Booking).end;
    case 'threads': {
      const thread = row as MessageThread;
      return thread.unread > 0 ? null : thread.lastMessageAt;
    }
    case 'messages':
      return (row as Message).sentAt;
    default:
      return null;
  }
}

/** True when a row belongs on a desk whose window starts at `since`. */
export function inWorkingSet(table: SyncedTable, row: unknown, since: string): boolean {
  const settled = historyAt(table, row);
  return settled === null || settled >= since;
}
