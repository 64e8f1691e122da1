import type { Message } from '../domain/messaging';

/**
 * A thread's unread count: the residents' messages after the instant the desk read up to (all of
 * them when it never read the thread). Recomputed from the messages left whenever some go, so a
 * count never points at a reply that is no longer there.
 */
export function unreadCount(readUpTo: string | null, messages: readonly Pick<Message, 'direction' | 'sentAt'>[]): number {
  return messages.filter((message) => message.direction === 'inbound' && (readUpTo === null || message.sentAt > readUpTo)).length;
}
