import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageThread } from '../../shared/domain/messaging';
import type { ServerDb } from '../db/database';
import { createNoticeHooks } from '../messaging/notices';
import { postResidentMessage } from '../messaging/residentWrites';
import { receiveArgs } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { seedMailBuilding } from '../testing/messaging';
import { applyRetention } from './retention';

const NOW = new Date('2026-03-01T16:00:00.000Z');
/** Keeps what is younger than a year: the cutoff is 2025-03-01T16:00Z. */
const POLICY = { packageDetailsDays: 3650, eventDays: 3650, messageDays: 365 };
const OLD = '2024-06-01T10:00:00.000Z';
const RECENT = '2026-02-20T10:00:00.000Z';

for (const target of testDatabaseTargets()) {
  describe(`message retention on ${target.dialect}`, () => {
    let testDb: TestDatabase;
    let db: ServerDb;
    beforeAll(async () => {
      testDb = await target.create();
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb.dispose();
    });

    it('removes old messages, the threads they leave empty and the records of their e-mails, once, and desks receive it', async () => {
      const b = 'mr';
      await seedMailBuilding(db, b);
      const desk = await TestDesk.enroll(db, b, 'mr-desk', 'mr-s1');
      const hooksAt = (at: string) => ({ afterApply: createNoticeHooks({ channel: null, packageNoticeDelayMs: 120_000, now: () => new Date(at) }) });
      const send = (messageId: string, threadId: string, at: string, to: { kind: 'resident'; residentId: string } | { kind: 'unit'; unitId: string } | null) =>
        desk.mutation('sendMessage', { messageId, threadId, newThread: to ? { to, subject: `About ${threadId}` } : null, body: `Hello from ${messageId}`, templateId: null }, { at });

      // A conversation entirely in the past; one that went on recently; a package still waiting.
      await desk.push([send('m-old-1', 't-old', OLD, { kind: 'resident', residentId: `${b}-r1` }), send('m-old-2', 't-old', '2024-06-02T10:00:00.000Z', null)], hooksAt(OLD));
      await desk.push([send('m-mixed-1', 't-mixed', OLD, { kind: 'unit', unitId: `${b}-u1` }), desk.mutation('receivePackage', receiveArgs(b, 'p-waiting'), { at: OLD })], hooksAt(OLD));
      await desk.push([send('m-mixed-2', 't-mixed', RECENT, null)], hooksAt(RECENT));
      // Residents' replies nobody read: one thread only old ones, one an old and a recent one.
      const lonely = await postResidentMessage(db, { buildingId: b, residentId: `${b}-r3`, threadId: null, subject: 'Old question', body: 'Anyone?', now: new Date(OLD) });
      const asked = await postResidentMessage(db, { buildingId: b, residentId: `${b}-r2`, threadId: null, subject: 'Noise', body: 'It is loud', now: new Date(OLD) });
      if (!lonely.ok || !asked.ok) throw new Error('resident posts failed');
      await postResidentMessage(db, { buildingId: b, residentId: `${b}-r2`, threadId: asked.threadId, subject: null, body: 'Still loud', now: new Date(RECENT) });

      // What only the service holds: a reminder for the waiting package (it must stay, or the
      // scan would send it again), one for a package long collected, attempt logs, links, sessions.
      const reminder = (id: string, packageId: string) => ({
        building_id: b, id, kind: 'packageReminder', channel: 'email', resident_id: `${b}-r1`, message_id: null, payload: JSON.stringify({ level: 0, packageId }),
        status: 'sent' as const, attempts: 1, next_attempt_at: OLD, claimed_by: null, claimed_at: null, code: null, smtp_code: null, summarized: 1, created_at: OLD, updated_at: OLD, sent_at: OLD,
      });
      await db.kysely.insertInto('delivery_outbox').values([reminder('rm-waiting', 'p-waiting'), reminder('rm-gone', 'p-collected')]).execute();
      const log = (id: string, deliveryId: string, at: string) => ({ id, building_id: b, delivery_id: deliveryId, attempt: 1, at, outcome: 'sent', code: null, smtp_code: null, provider_id: null });
      await db.kysely.insertInto('delivery_log').values([log('l-waiting-old', 'rm-waiting', OLD), log('l-gone', 'rm-gone', OLD), log('l-recent', 'rm-waiting', RECENT)]).execute();
      const link = (hash: string, expiresAt: string) => ({ token_hash: hash, building_id: b, resident_id: `${b}-r1`, created_at: OLD, expires_at: expiresAt, used_at: null });
      await db.kysely.insertInto('resident_links').values([link('link-old', '2024-06-04T10:00:00.000Z'), link('link-recent', '2026-02-23T10:00:00.000Z')]).execute();
      const session = (hash: string, expiresAt: string) => ({ token_hash: hash, building_id: b, resident_id: `${b}-r1`, form_token: 'f', created_at: OLD, expires_at: expiresAt });
      await db.kysely.insertInto('resident_sessions').values([session('session-ended', '2026-03-01T04:00:00.000Z'), session('session-open', '2026-03-01T20:00:00.000Z')]).execute();
      const outboxBefore = await db.kysely.selectFrom('delivery_outbox').select('id').where('building_id', '=', b).execute();

      desk.now = () => new Date('2024-06-03T00:00:00.000Z'); // a desk whose window still holds them
      await desk.pullAll();
      expect(desk.row('threads', lonely.threadId)).toMatchObject({ unread: 1 });
      expect(desk.row('threads', asked.threadId)).toMatchObject({ unread: 2 });

      const first = await applyRetention(db, NOW, POLICY);
      // Messages m-old-1, m-old-2, m-mixed-1 and the two old replies; threads t-old and the lonely one.
      // Outbox: the e-mails of the three removed desk messages (r1 for t-old, twice; r1, r3, r4 of u1
      // for t-mixed) and the reminder of the collected package; logs: its own and the old one kept apart.
      expect(first).toMatchObject({ messagesRemoved: 5, threadsRemoved: 2, deliveriesRemoved: 6, deliveryLogsRemoved: 2, linksRemoved: 1, sessionsRemoved: 1, packagesAnonymized: 0, eventsRemoved: 0 });
      expect(await applyRetention(db, NOW, POLICY)).toEqual({
        packagesAnonymized: 0, eventsRemoved: 0, messagesRemoved: 0, threadsRemoved: 0, deliveriesRemoved: 0, deliveryLogsRemoved: 0, linksRemoved: 0, sessionsRemoved: 0,
      });

      const outboxAfter = await db.kysely.selectFrom('delivery_outbox').select(['id', 'message_id']).where('building_id', '=', b).orderBy('id').execute();
      expect(outboxBefore.length - outboxAfter.length).toBe(6);
      expect(outboxAfter.every((row) => row.message_id === null || row.message_id === 'm-mixed-2')).toBe(true);
      expect(outboxAfter.map((row) => row.id)).toContain('rm-waiting');
      expect(await db.kysely.selectFrom('delivery_log').select('id').where('building_id', '=', b).execute()).toEqual([{ id: 'l-recent' }]);
      expect(await db.kysely.selectFrom('resident_links').select('token_hash').where('building_id', '=', b).execute()).toEqual([{ token_hash: 'link-recent' }]);
      expect(await db.kysely.selectFrom('resident_sessions').select('token_hash').where('building_id', '=', b).execute()).toEqual([{ token_hash: 'session-open' }]);

      const changes = await desk.pullAll();
      const removed = (table: string) => changes.filter((change) => change.table === table && change.row === null).map((change) => change.id).sort();
      expect(removed('threads')).toEqual(['t-old', lonely.threadId].sort());
      expect(removed('messages')).toHaveLength(5);
      expect(desk.row('threads', 't-old')).toBeUndefined();
      expect(desk.row('messages', 'm-old-1')).toBeUndefined();
      expect(desk.row('threads', 't-mixed')).toMatchObject({ lastMessageAt: RECENT });
      expect(desk.row('messages', 'm-mixed-2')).toMatchObject({ body: 'Hello from m-mixed-2' });
      // The old unread reply is gone, so it no longer counts; the recent one still does.
      expect(desk.row('threads', asked.threadId) as MessageThread).toMatchObject({ unread: 1, lastMessageAt: RECENT });
      expect([...desk.rows.keys()].filter((key) => key.startsWith('messages/'))).toHaveLength(2);
    });
  });
}
