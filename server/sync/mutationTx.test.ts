import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Package } from '../../shared/domain/model';
import { QUERYABLE_INDEXES, type MutationTx } from '../../shared/mutations/tx';
import { generateBuilding } from '../../shared/demo/fixture';
import { historySince, inWorkingSet } from '../../shared/sync/workingSet';
import { SYNCED_TABLES } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import { partyBooking, partyRoom, tinyBuilding } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { BuildingRows } from './buildingRows';
import { inBuildingTransaction } from './buildingTransaction';
import { createSqlMutationTx } from './mutationTx';
import { seedBuilding } from './seed';

const pkg = (id: string, extra: Partial<Package> = {}): Package => ({
  id, shortCode: 'ABC123', trackingNumber: '1Z999AA10123456784', carrier: 'ups', trackingFormat: null, kind: 'parcel',
  unitId: 'a-u1', residentId: 'a-r1', status: 'waiting', size: null, location: null, flags: [], note: null,
  receivedAt: '2026-03-01T15:00:00.000Z', receivedBy: 'a-s1', receivedDeskId: 'd1', release: null, ...extra,
});

for (const target of testDatabaseTargets()) {
  describe(`SQL MutationTx on ${target.dialect}`, () => {
    let testDb: TestDatabase;
    let db: ServerDb;

    beforeAll(async () => {
      testDb = await target.create();
      db = testDb.db;
      await seedBuilding(db, tinyBuilding('a'));
      await seedBuilding(db, tinyBuilding('b'));
    });
    afterAll(async () => {
      await testDb.dispose();
    });

    /** Runs `work` as a mutator would: in a building transaction, through the adapter. */
    function inBuilding<R>(buildingId: string, work: (tx: MutationTx) => Promise<R>): Promise<R> {
      return inBuildingTransaction(db, buildingId, (trx, building) => work(createSqlMutationTx(new BuildingRows(trx, building.id, building.clock))));
    }

    it('reads and writes rows of its own building only', async () => {
      expect(await inBuilding('a', (tx) => tx.get('residents', 'a-r1'))).toMatchObject({ firstName: 'José' });
      expect(await inBuilding('a', (tx) => tx.get('residents', 'b-r1'))).toBeUndefined();
      expect(await inBuilding('a', (tx) => tx.get('buildings', 'a'))).toEqual({ id: 'a', name: 'Building a', timeZone: 'America/New_York', defaultLanguage: 'en' });
      expect(await inBuilding('a', (tx) => tx.get('buildings', 'b'))).toBeUndefined();
      await expect(inBuilding('a', (tx) => tx.put('buildings', { id: 'b', name: 'Taken', timeZone: 'UTC', defaultLanguage: 'en' }))).rejects.toThrow();
      await inBuilding('a', (tx) => tx.put('buildings', { id: 'a', name: 'Renamed', timeZone: 'Europe/Madrid', defaultLanguage: 'es' }));
      expect(await inBuilding('b', (tx) => tx.get('buildings', 'b'))).toMatchObject({ name: 'Building b' });
      expect(await inBuilding('a', (tx) => tx.get('buildings', 'a'))).toMatchObject({ name: 'Renamed', defaultLanguage: 'es' });
    });

    it('answers every declared index with an indexed query, live rows of the building only', async () => {
      await inBuilding('a', async (tx) => {
        await tx.put('packages', pkg('ix-1'));
        await tx.put('packages', pkg('ix-2', { status: 'released', shortCode: 'ABC124' }));
        await tx.put('events', { id: 'ix-e', type: 'package.received', at: '2026-03-01T15:00:00.000Z', staffId: 'a-s1', deskId: 'd1', mutationId: 'ix', packageId: 'ix-1', unitId: 'a-u1', residentId: 'a-r1', data: {} });
      });
      await inBuilding('a', async (tx) => {
        await tx.put('amenities', partyRoom('a'));
        await tx.put('bookings', partyBooking('a', 'ix-bk', '2026-03-05T23:00:00.000Z', '2026-03-06T01:30:00.000Z'));
        await tx.put('threads', { id: 'ix-t', kind: 'resident', unitId: 'a-u1', residentId: 'a-r1', broadcast: null, subject: 'Parcel', createdAt: '2026-03-01T15:00:00.000Z', createdBy: 'a-s1', lastMessageAt: '2026-03-01T15:00:00.000Z', lastInboundAt: null, unread: 0, readUpTo: null, readBy: null });
        await tx.put('messages', { id: 'ix-m', threadId: 'ix-t', direction: 'outbound', staffId: 'a-s1', residentId: null, body: 'Hello', template: null, sentAt: '2026-03-01T15:00:00.000Z', mutationId: 'ix-mm', delivery: null });
      });
      await inBuilding('b', (tx) => tx.put('packages', pkg('ix-b', { unitId: 'b-u1', residentId: 'b-r1' })));

      const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
      const found = await inBuilding('a', async (tx) => ({
        label: ids(await tx.queryByIndex('units', 'label', '12B')),
        unitResidents: ids(await tx.queryByIndex('residents', 'unitId', 'a-u1')),
        waiting: ids(await tx.queryByIndex('packages', 'status', 'waiting')),
        byUnit: ids(await tx.queryByIndex('packages', 'unitId', 'a-u1')),
        byResident: ids(await tx.queryByIndex('packages', 'residentId', 'a-r1')),
        byTracking: ids(await tx.queryByIndex('packages', 'trackingNumber', '1Z999AA10123456784')),
        byShortCode: ids(await tx.queryByIndex('packages', 'shortCode', 'ABC124')),
        events: ids(await tx.queryByIndex('events', 'packageId', 'ix-1')),
        bookingsByAmenity: ids(await tx.queryByIndex('bookings', 'amenityId', 'a-party')),
        bookingsByUnit: ids(await tx.queryByIndex('bookings', 'unitId', 'a-u1')),
        bookingsByStatus: ids(await tx.queryByIndex('bookings', 'status', 'confirmed')),
        threadsByUnit: ids(await tx.queryByIndex('threads', 'unitId', 'a-u1')),
        threadsByResident: ids(await tx.queryByIndex('threads', 'residentId', 'a-r1')),
        messagesByThread: ids(await tx.queryByIndex('messages', 'threadId', 'ix-t')),
      }));
      expect(found).toEqual({
        label: ['a-u1'],
        unitResidents: ['a-r1', 'a-r3'],
        waiting: ['ix-1'],
        byUnit: ['ix-1', 'ix-2'],
        byResident: ['ix-1', 'ix-2'],
        byTracking: ['ix-1', 'ix-2'],
        byShortCode: ['ix-2'],
        events: ['ix-e'],
        bookingsByAmenity: ['ix-bk'],
        bookingsByUnit: ['ix-bk'],
        bookingsByStatus: ['ix-bk'],
        threadsByUnit: ['ix-t'],
        threadsByResident: ['ix-t'],
        messagesByThread: ['ix-m'],
      });
      // Each index the mutators may use has been exercised above.
      expect(Object.values(QUERYABLE_INDEXES).flat()).toHaveLength(14);

      await expect(inBuilding('a', (tx) => tx.queryByIndex('staff', 'role' as never, 'admin'))).rejects.toThrow(/no index/);
    });

    it('deletes as a tombstone that syncs as row: null, and revives on put', async () => {
      const desk = await TestDesk.enroll(db, 'a', 'a-tomb', 'a-s1');
      await desk.pullAll();
      await inBuilding('a', (tx) => tx.put('packages', pkg('gone')));
      await inBuilding('a', async (tx) => {
        await tx.delete('packages', 'gone');
        await tx.delete('packages', 'never-existed');
      });
      expect(await inBuilding('a', (tx) => tx.get('packages', 'gone'))).toBeUndefined();
      expect(await inBuilding('a', (tx) => tx.queryByIndex('packages', 'shortCode', 'ABC123'))).not.toContainEqual(expect.objectContaining({ id: 'gone' }));
      const page = await desk.pullPage();
      expect(page.changes).toEqual([{ table: 'packages', id: 'gone', version: page.cursor, row: null }]);

      await inBuilding('a', (tx) => tx.put('packages', pkg('gone', { note: 'back' })));
      expect((await desk.pullPage()).changes).toEqual([expect.objectContaining({ id: 'gone', row: expect.objectContaining({ note: 'back' }) })]);
    });

    it('rolls back rows and the version counter when the transaction fails', async () => {
      const version = async () => (await db.kysely.selectFrom('buildings').select('version').where('id', '=', 'a').executeTakeFirstOrThrow()).version;
      const before = await version();
      await expect(
        inBuilding('a', async (tx) => {
          await tx.put('packages', pkg('half'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await version()).toBe(before);
      expect(await inBuilding('a', (tx) => tx.get('packages', 'half'))).toBeUndefined();
    });

    it('seeds a generated fixture that a desk pulls whole, every row valid', async () => {
      const now = new Date('2026-03-01T12:00:00Z');
      const fixture = await generateBuilding({ size: 'small', seed: 7, now });
      const seeded = await seedBuilding(db, { ...fixture, threads: [], messages: [] });
      const stored = 1 + fixture.units.length + fixture.residents.length + fixture.staff.length + fixture.packages.length + fixture.amenities.length + fixture.bookings.length;
      expect(fixture.amenities).toHaveLength(3);
      expect(fixture.bookings).toHaveLength(1000);
      expect(seeded).toEqual({ buildingId: fixture.building.id, version: stored });

      // The desk receives the working set: the three years of released packages and of past
      // bookings stay on the server; bookings still to come (and recently ended) go to the desk.
      const desk = await TestDesk.enroll(db, fixture.building.id, 'fixture-desk', fixture.staff[0]?.id ?? '');
      desk.now = () => now;
      const changes = await desk.pullAll(1000);
      const kept = fixture.packages.filter((pkg) => inWorkingSet('packages', pkg, historySince(now))).length;
      const keptBookings = fixture.bookings.filter((booking) => inWorkingSet('bookings', booking, historySince(now))).length;
      expect(kept).toBeLessThan(fixture.packages.length / 5);
      expect(keptBookings).toBeGreaterThan(fixture.bookings.length / 5);
      expect(keptBookings).toBeLessThan(fixture.bookings.length / 2);
      expect(changes).toHaveLength(stored - fixture.packages.length + kept - fixture.bookings.length + keptBookings);
      expect(changes.filter((change) => change.table === 'bookings')).toHaveLength(keptBookings);
      expect(changes.filter((change) => change.table === 'amenities')).toHaveLength(3);
      expect(desk.cursor).toBe(stored);
      for (const change of changes) SYNCED_TABLES[change.table].parse(change.row);
      const waiting = await inBuilding(fixture.building.id, (tx) => tx.queryByIndex('packages', 'status', 'waiting'));
      expect(waiting).toHaveLength(fixture.packages.filter((p) => p.status === 'waiting').length);
    });

    it('refuses to seed invalid rows, writing nothing', async () => {
      const seed = tinyBuilding('bad');
      const broken = { ...seed, residents: [...seed.residents, { ...seed.residents[0], id: 'has spaces' }] } as typeof seed;
      await expect(seedBuilding(db, broken)).rejects.toThrow();
      expect(await db.kysely.selectFrom('buildings').select('id').where('id', '=', 'bad').executeTakeFirst()).toBeUndefined();
      expect(await db.kysely.selectFrom('units').select('id').where('building_id', '=', 'bad').execute()).toEqual([]);
    });
  });
}
