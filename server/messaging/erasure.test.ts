import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDb } from '../db/database';
import { receiveArgs, tinyBuilding } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { seedBuilding } from '../sync/seed';
import { createNoticeHooks } from './notices';

for (const target of testDatabaseTargets()) {
  describe(`an erased resident on the service (${target.dialect})`, () => {
    let testDb: TestDatabase;
    let db: ServerDb;
    beforeAll(async () => {
      testDb = await target.create();
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb.dispose();
    });

    it('keeps no page link, no session and no queued e-mail for them', async () => {
      await seedBuilding(db, tinyBuilding('er'));
      const desk = await TestDesk.enroll(db, 'er', 'er-desk', 'er-s2');
      const now = '2026-03-01T12:00:00.000Z';
      await db.kysely.insertInto('resident_links').values({ token_hash: 'h1', building_id: 'er', resident_id: 'er-r2', created_at: now, expires_at: now, used_at: null }).execute();
      await db.kysely.insertInto('resident_sessions').values({ token_hash: 'h2', building_id: 'er', resident_id: 'er-r2', form_token: 'f', created_at: now, expires_at: now }).execute();
      await db.kysely.insertInto('resident_links').values({ token_hash: 'h3', building_id: 'er', resident_id: 'er-r1', created_at: now, expires_at: now, used_at: null }).execute();
      const hooks = createNoticeHooks({ channel: null, packageNoticeDelayMs: 120_000, now: () => new Date(now) });
      await desk.push([desk.mutation('receivePackage', receiveArgs('er', 'er-p1', { residentId: 'er-r1' })), desk.mutation('eraseResident', { residentId: 'er-r2' })], { afterApply: hooks });
      expect(await db.kysely.selectFrom('resident_links').select('token_hash').where('building_id', '=', 'er').execute()).toEqual([{ token_hash: 'h3' }]);
      expect(await db.kysely.selectFrom('resident_sessions').select('token_hash').where('building_id', '=', 'er').execute()).toEqual([]);
      expect(await db.kysely.selectFrom('delivery_outbox').select('id').where('building_id', '=', 'er').where('resident_id', '=', 'er-r2').execute()).toEqual([]);
    });
  });
}
