import { useLiveQuery } from 'dexie-react-hooks';
import type { Message, MessageTemplate, MessageThread } from '../../../shared/domain/messaging';
import type { Staff } from '../../../shared/domain/model';
import { deskDatabase } from '../../data/database';

// Live reads of the messaging tables: every desk re-renders when a pull brings a reply, a
// delivery summary or another desk's "read" mark.

/** Threads, most recent activity first. */
export function useThreads(): MessageThread[] | undefined {
  return useLiveQuery(async () => (await deskDatabase().threads.orderBy('lastMessageAt').toArray()).reverse());
}

export function useThread(threadId: string | null): MessageThread | undefined | null {
  return useLiveQuery(async () => (threadId ? ((await deskDatabase().threads.get(threadId)) ?? null) : null), [threadId]);
}

/** A thread's messages, oldest first. */
export function useThreadMessages(threadId: string | null): Message[] | undefined {
  return useLiveQuery(
    async () => (threadId ? deskDatabase().messages.where('[threadId+sentAt]').between([threadId, ''], [threadId, '\uffff']).toArray() : []),
    [threadId],
  );
}

/** Residents' messages the desk has not read yet, over every thread (the F7 badge). */
export function useUnreadTotal(): number | undefined {
  return useLiveQuery(async () => (await deskDatabase().threads.where('unread').above(0).toArray()).reduce((sum, thread) => sum + thread.unread, 0));
}

/** Ids of this desk's mutations still waiting to reach the central service. */
export function usePendingMutationIds(): ReadonlySet<string> {
  const ids = useLiveQuery(async () => new Set((await deskDatabase().outbox.toCollection().primaryKeys()).map(String)));
  return ids ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

export function useTemplates(): MessageTemplate[] | undefined {
  return useLiveQuery(async () => (await deskDatabase().templates.toArray()).sort((a, b) => a.name.localeCompare(b.name)));
}

export function useStaffById(): Map<string, Staff> {
  const staff = useLiveQuery(() => deskDatabase().staff.toArray());
  return new Map((staff ?? []).map((member) => [member.id, member]));
}
