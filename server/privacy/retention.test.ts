import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDb } from '../db/database';
import { receiveArgs, tinyBuilding } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { seedBuilding } from '../sync/seed';
import { noMessageRetention } from './messageRetention';
import { applyRetention } from './retention';

for (const target of testDatabaseTargets()) {
  describe(`retention on ${target.dialect}`, () => {
    let testDb: TestDatabase;
    let db: ServerDb;
    beforeAll(async () => {
      testDb = await target.create();
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb.dispose();
    });

    it('anonymizes released packages and removes events past their limits, once, and desks receive it', async () => {
      await seedBuilding(db, tinyBuilding('rt'));
      const desk = await TestDesk.enroll(db, 'rt', 'rt-desk', 'rt-s1');
      const release = (id: string) => ({ packageId: id, to: { kind: 'resident', residentId: 'rt-r1' }, signature: 'M0,0L5,5' });
      // Mutations happen on 2026-03-01 (the test desk's clock); one package stays waiting.
      await desk.push([
        desk.mutation('receivePackage', receiveArgs('rt', 'old', { note: 'call José' })),
        desk.mutation('releasePackage', release('old')),
        desk.mutation('receivePackage', receiveArgs('rt', 'kept')),
      ]);
      await desk.pullAll();
      const versionBefore = desk.cursor;

      const tooEarly = await applyRetention(db, new Date('2026-03-20T00:00:00.000Z'), { packageDetailsDays: 30, eventDays: 60, messageDays: 60 });
      expect(tooEarly).toEqual({ packagesAnonymized: 0, eventsRemoved: 0, ...noMessageRetention() });

      const later = new Date('2026-05-15T00:00:00.000Z');
      expect(await applyRetention(db, later, { packageDetailsDays: 30, eventDays: 60, messageDays: 60 })).toEqual({ packagesAnonymized: 1, eventsRemoved: 3, ...noMessageRetention() });
      expect(await applyRetention(db, later, { packageDetailsDays: 30, eventDays: 60, messageDays: 60 })).toEqual({ packagesAnonymized: 0, eventsRemoved: 0, ...noMessageRetention() });

      desk.now = () => new Date('2026-03-02T00:00:00.000Z'); // a desk whose window still holds them
      const changes = await desk.pullAll();
      expect(desk.cursor).toBeGreaterThan(versionBefore);
      expect(changes.filter((change) => change.table === 'events' && change.row === null)).toHaveLength(3);
      expect(desk.row('packages', 'old')).toMatchObject({ note: null, release: { recipientName: '—', signature: null } });
      expect(desk.row('packages', 'kept')).toMatchObject({ status: 'waiting', note: null });
      expect(JSON.stringify(desk.row('packages', 'old'))).not.toContain('José');
    });
  });
}
