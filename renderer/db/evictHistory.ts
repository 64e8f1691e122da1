import Dexie from 'dexie';
import type { Message, MessageThread } from '../../shared/domain/messaging';
import { historyAt } from '../../shared/sync/workingSet';
import type { DeskDatabase } from './database';

export interface EvictionResult {
  packages: number;
  events: number;
  rejections: number;
  bookings: number;
  threads: number;
  messages: number;
}

/** The total of an eviction, for "was anything evicted?" and logs. */
export function evictedCount(result: EvictionResult): number {
  return result.packages + result.events + result.rejections + result.bookings + result.threads + result.messages;
}

/**
 * Drops settled history older than `since` (the service's working-set window, see
 * shared/sync/workingSet.ts) from this desk, in one transaction. Rows with a shadow are kept: a
 * pending local mutation touched them, and the rebase must still be able to restore and replay
 * it. Eviction is local housekeeping, never a mutation: nothing is pushed, and the rows stay on
 * the central service, where an online desk searches them.
 */
export async function evictHistory(db: DeskDatabase, since: string): Promise<EvictionResult> {
  return db.transaction('rw', [db.packages, db.events, db.rejections, db.bookings, db.threads, db.messages, db.shadows], async () => {
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

    const conversations = await evictConversations(db, since, keep);

    return { packages: packageIds.length, events: eventIds.length, rejections: rejectionIds.length, bookings: bookingIds.length, ...conversations };
  });
}

/**
 * Messages sent before the window go, like the service's pull leaves them out (historyAt: a
 * message is history once sent), also from threads the desk keeps: the conversation view says
 * older messages stay on the central service. One exception: the residents' replies a kept
 * thread counts as unread stay until someone reads them, or the desk would show an unread count
 * with nothing to read (reading marks them read, and the next eviction takes them). A thread goes
 * once it is history itself (read, last message before the window) and none of its messages
 * stays. Messages are found per thread through [threadId+sentAt], so only old ones are read.
 */
async function evictConversations(db: DeskDatabase, since: string, keep: (table: string, id: string) => boolean): Promise<{ threads: number; messages: number }> {
  const threadIds: string[] = [];
  const messageIds: string[] = [];
  for (const thread of await db.threads.toArray()) {
    const old = await db.messages.where('[threadId+sentAt]').between([thread.id, Dexie.minKey], [thread.id, since], true, false).toArray();
    const evicted = old.filter((message) => !keep('messages', message.id) && !unreadIn(thread, message)).map((message) => message.id);
    messageIds.push(...evicted);
    const settled = historyAt('threads', thread);
    if (settled === null || settled >= since || keep('threads', thread.id)) continue;
    const total = await db.messages.where('threadId').equals(thread.id).count();
    if (total === evicted.length) threadIds.push(thread.id);
  }
  await db.messages.bulkDelete(messageIds);
  await db.threads.bulkDelete(threadIds);
  return { threads: threadIds.length, messages: messageIds.length };
}

/** A resident's message the thread still counts as unread (the mutators' rule). */
function unreadIn(thread: MessageThread, message: Message): boolean {
  return thread.unread > 0 && message.direction === 'inbound' && (thread.readUpTo === null || message.sentAt > thread.readUpTo);
}
