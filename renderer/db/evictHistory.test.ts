import { afterEach, describe, expect, it } from 'vitest';
import type { Message, MessageThread } from '../../shared/domain/messaging';
import type { DomainEvent, Package } from '../../shared/domain/model';
import type { Rejection } from '../../shared/sync/protocol';
import { CURSOR_KEY, type DeskDatabase } from './database';
import { evictHistory } from './evictHistory';
import { openTestDatabase } from './testFixtures';

let db: DeskDatabase;
afterEach(async () => {
  db.close();
  await db.delete();
});

const SINCE = '2026-02-01T00:00:00.000Z';

function pkg(id: string, status: Package['status'], receivedAt: string, releasedAt: string | null): Package {
  return {
    id, shortCode: 'K7M2Q9', trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u-12b',
    residentId: 'r-nunez', status, size: null, location: 'A1', flags: [], note: null, receivedAt, receivedBy: 's-ana',
    receivedDeskId: 'desk-1',
    release: releasedAt === null ? null : { at: releasedAt, by: 's-ana', deskId: 'desk-1', mutationId: `m-${id}`, to: { kind: 'resident', residentId: 'r-nunez' }, recipientName: 'José Núñez', signature: null },
  };
}

function event(id: string, at: string): DomainEvent {
  return { id, type: 'package.received', at, staffId: 's-ana', deskId: 'desk-1', mutationId: `m-${id}`, packageId: null, unitId: null, residentId: null, data: {} };
}

function rejection(id: string, decidedAt: string): Rejection {
  return { id, deskId: 'desk-1', staffId: 's-ana', seq: 1, mutationName: 'releasePackage', code: 'packageNotWaiting', params: {}, at: decidedAt, decidedAt };
}

function thread(id: string, lastMessageAt: string, read: { unread: number; readUpTo: string | null }): MessageThread {
  return {
    id, kind: 'resident', unitId: 'u-12b', residentId: 'r-nunez', broadcast: null, subject: 'Parcel', createdAt: '2025-12-01T00:00:00.000Z', createdBy: 's-ana',
    lastMessageAt, lastInboundAt: null, readBy: null, ...read,
  };
}

function message(id: string, threadId: string, sentAt: string, direction: Message['direction'] = 'outbound'): Message {
  return {
    id, threadId, direction, staffId: direction === 'outbound' ? 's-ana' : null, residentId: direction === 'inbound' ? 'r-nunez' : null, body: `Text of ${id}`,
    template: null, sentAt, mutationId: null, delivery: null,
  };
}

const sortedIds = async (table: { toCollection(): { primaryKeys(): Promise<string[]> } }) => (await table.toCollection().primaryKeys()).sort();

describe('evicting settled history from the desk', () => {
  it('drops released packages, events and refusals older than the window, and keeps everything else', async () => {
    db = await openTestDatabase();
    await db.meta.put({ key: CURSOR_KEY, value: 10 });
    await db.packages.bulkPut([
      pkg('old-released', 'released', '2025-12-01T00:00:00.000Z', '2025-12-02T00:00:00.000Z'),
      pkg('recent-released', 'released', '2025-12-01T00:00:00.000Z', '2026-02-05T00:00:00.000Z'),
      pkg('old-waiting', 'waiting', '2025-06-01T00:00:00.000Z', null),
      pkg('old-returned', 'returned', '2025-11-01T00:00:00.000Z', null),
    ]);
    await db.events.bulkPut([event('e-old', '2026-01-31T23:59:59.999Z'), event('e-new', SINCE)]);
    await db.rejections.bulkPut([rejection('x-old', '2026-01-02T00:00:00.000Z'), rejection('x-new', '2026-02-02T00:00:00.000Z')]);
    const unitsBefore = await db.units.count();

    expect(await evictHistory(db, SINCE)).toEqual({ packages: 2, events: 1, rejections: 1, bookings: 0, threads: 0, messages: 0 });
    expect((await db.packages.toCollection().primaryKeys()).sort()).toEqual(['old-waiting', 'recent-released']);
    expect(await db.events.toCollection().primaryKeys()).toEqual(['e-new']);
    expect(await db.rejections.toCollection().primaryKeys()).toEqual(['x-new']);
    expect(await db.units.count()).toBe(unitsBefore);
    expect(await db.outbox.count()).toBe(0); // housekeeping, not a mutation
    expect(await evictHistory(db, SINCE)).toEqual({ packages: 0, events: 0, rejections: 0, bookings: 0, threads: 0, messages: 0 });
  });

  it('keeps old rows that a pending local mutation touched (they have a shadow)', async () => {
    db = await openTestDatabase();
    const old = pkg('old-released', 'released', '2025-12-01T00:00:00.000Z', '2025-12-02T00:00:00.000Z');
    await db.packages.put(old);
    await db.events.put(event('e-old', '2025-12-02T00:00:00.000Z'));
    await db.shadows.bulkPut([
      { key: 'packages:old-released', table: 'packages', id: old.id, row: old },
      { key: 'events:e-old', table: 'events', id: 'e-old', row: null },
    ]);
    expect(await evictHistory(db, SINCE)).toEqual({ packages: 0, events: 0, rejections: 0, bookings: 0, threads: 0, messages: 0 });
    expect(await db.packages.get(old.id)).toEqual(old);
  });

  it('drops messages sent before the window and the read threads they leave empty, but not unread replies', async () => {
    db = await openTestDatabase();
    await db.threads.bulkPut([
      // Read, and its last message is before the window: it goes with its messages.
      thread('t-old', '2026-01-10T00:00:00.000Z', { unread: 0, readUpTo: '2026-01-10T00:00:00.000Z' }),
      // Active within the window: it stays, without its older messages.
      thread('t-mixed', '2026-02-10T00:00:00.000Z', { unread: 0, readUpTo: null }),
      // A reply nobody read yet: the thread and that reply stay, whatever their age.
      thread('t-unread', '2026-01-20T00:00:00.000Z', { unread: 1, readUpTo: '2026-01-02T00:00:00.000Z' }),
    ]);
    await db.messages.bulkPut([
      message('m-old-1', 't-old', '2026-01-05T00:00:00.000Z'),
      message('m-old-2', 't-old', '2026-01-10T00:00:00.000Z', 'inbound'),
      message('m-mixed-old', 't-mixed', '2026-01-05T00:00:00.000Z'),
      message('m-mixed-new', 't-mixed', '2026-02-10T00:00:00.000Z'),
      message('m-unread-sent', 't-unread', '2026-01-01T00:00:00.000Z'),
      message('m-unread-read', 't-unread', '2026-01-01T12:00:00.000Z', 'inbound'),
      message('m-unread-new', 't-unread', '2026-01-20T00:00:00.000Z', 'inbound'),
    ]);

    expect(await evictHistory(db, SINCE)).toEqual({ packages: 0, events: 0, rejections: 0, bookings: 0, threads: 1, messages: 5 });
    expect(await sortedIds(db.threads)).toEqual(['t-mixed', 't-unread']);
    expect(await sortedIds(db.messages)).toEqual(['m-mixed-new', 'm-unread-new']);
    expect(await db.outbox.count()).toBe(0);
    expect(await evictHistory(db, SINCE)).toEqual({ packages: 0, events: 0, rejections: 0, bookings: 0, threads: 0, messages: 0 });

    // Once read (readUpTo moves past it), the reply and its thread age out like the others.
    await db.threads.update('t-unread', { unread: 0, readUpTo: '2026-01-20T00:00:00.000Z' });
    expect(await evictHistory(db, SINCE)).toEqual({ packages: 0, events: 0, rejections: 0, bookings: 0, threads: 1, messages: 1 });
    expect(await sortedIds(db.threads)).toEqual(['t-mixed']);
  });

  it('keeps an old message a pending local mutation touched, and its thread with it', async () => {
    db = await openTestDatabase();
    await db.threads.put(thread('t-old', '2026-01-10T00:00:00.000Z', { unread: 0, readUpTo: null }));
    await db.messages.bulkPut([message('m-pending', 't-old', '2026-01-10T00:00:00.000Z'), message('m-synced', 't-old', '2026-01-05T00:00:00.000Z')]);
    await db.shadows.put({ key: 'messages:m-pending', table: 'messages', id: 'm-pending', row: null });

    expect(await evictHistory(db, SINCE)).toEqual({ packages: 0, events: 0, rejections: 0, bookings: 0, threads: 0, messages: 1 });
    expect(await sortedIds(db.messages)).toEqual(['m-pending']);
    expect(await db.threads.get('t-old')).toBeDefined();
  });
});
