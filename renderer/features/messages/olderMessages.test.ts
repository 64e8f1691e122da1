import { describe, expect, it } from 'vitest';
import type { Message, MessageThread } from '../../../shared/domain/messaging';
import { mayHaveOlder, mergeMessages } from './olderMessages';

const message = (id: string, sentAt: string, body = `Text ${id}`): Message => ({
  id, threadId: 't1', direction: 'outbound', staffId: 's-ana', residentId: null, body, template: null, sentAt, mutationId: null, delivery: null,
});
const thread: MessageThread = {
  id: 't1', kind: 'resident', unitId: 'u-12b', residentId: 'r-nunez', broadcast: null, subject: 'Boiler', createdAt: '2025-01-01T00:00:00.000Z', createdBy: 's-ana',
  lastMessageAt: '2026-02-10T00:00:00.000Z', lastInboundAt: null, unread: 0, readUpTo: null, readBy: null,
};

describe('older messages of a conversation', () => {
  it('shows the desk’s and the fetched messages once each, oldest first, ties in id order', () => {
    const local = [message('m3', '2026-02-10T00:00:00.000Z', 'desk copy'), message('m2', '2026-02-01T00:00:00.000Z')];
    const fetched = [message('m3', '2026-02-10T00:00:00.000Z', 'service copy'), message('m1b', '2025-01-01T00:00:00.000Z'), message('m1a', '2025-01-01T00:00:00.000Z')];
    const merged = mergeMessages(local, fetched);
    expect(merged.map((entry) => entry.id)).toEqual(['m1a', 'm1b', 'm2', 'm3']);
    expect(merged.at(-1)?.body).toBe('desk copy');
  });

  it('offers older messages while the oldest shown is after the conversation began, until the service has no more', () => {
    expect(mayHaveOlder(thread, [], false)).toBe(true);
    expect(mayHaveOlder(thread, [message('m2', '2026-02-01T00:00:00.000Z')], false)).toBe(true);
    expect(mayHaveOlder(thread, [message('m1', thread.createdAt)], false)).toBe(false);
    expect(mayHaveOlder(thread, [message('m2', '2026-02-01T00:00:00.000Z')], true)).toBe(false);
  });
});
