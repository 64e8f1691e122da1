import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/platform/globals';
import { DeskDatabase, SCHEMA_V1, SCHEMA_V2, type QuarantinedRow } from './database';
import { commitMutations } from './commit';
import { doorperson, testStaff } from './testFixtures';
import { testBuilding, testResidents, testUnits } from './testFixtures';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database exactly as the previous release (schema v1) left it. */
async function createVersion1Database(rows: { packages: unknown[] }): Promise<string> {
  const name = `upgrade-${newId()}`;
  names.push(name);
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('buildings').put(testBuilding);
  await v1.table('units').bulkPut(testUnits);
  await v1.table('residents').bulkPut(testResidents);
  await v1.table('packages').bulkPut(rows.packages);
  await v1.table('outbox').put({ id: 'm1', seq: 1, name: 'receivePackage', args: {}, staffId: 's', deskId: 'd', at: '2026-01-01T00:00:00.000Z' });
  v1.close();
  return name;
}

const validPackage = {
  id: 'p1', shortCode: 'ABC123', trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u-12b',
  residentId: 'r-nunez', status: 'waiting', size: null, location: 'A1', flags: [], note: null,
  receivedAt: '2026-01-01T10:00:00.000Z', receivedBy: 's', receivedDeskId: 'd', release: null,
};

describe('local database upgrade from schema v1', () => {
  it('keeps every row and the outbox, and serves the new indexes', async () => {
    const name = await createVersion1Database({ packages: [validPackage, { ...validPackage, id: 'p2', shortCode: 'ABC124', location: 'B2' }] });
    const db = new DeskDatabase(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.packages.count()).toBe(2);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.packages.where('location').equals('B2').toArray()).map((p) => p.id)).toEqual(['p2']);
    expect(await db.packages.where('[status+receivedAt]').between(['waiting', ''], ['waiting', '\uffff']).count()).toBe(2);
    db.close();
  });

  it('moves rows that no longer validate to quarantine instead of failing the upgrade', async () => {
    const name = await createVersion1Database({ packages: [validPackage, { id: 'broken', status: 'waiting', flags: 'not-a-list' }] });
    const db = new DeskDatabase(name);
    await db.open();
    expect((await db.packages.toArray()).map((p) => p.id)).toEqual(['p1']);
    const quarantined: QuarantinedRow[] = await db.quarantine.toArray();
    expect(quarantined).toEqual([expect.objectContaining({ table: 'packages', row: expect.objectContaining({ id: 'broken' }) })]);
    db.close();
  });
});

/** A database exactly as the release with schema v2 left it: data, a pending outbox, no sync tables. */
async function createVersion2Database(): Promise<string> {
  const name = `upgrade-${newId()}`;
  names.push(name);
  const v2 = new Dexie(name);
  v2.version(1).stores(SCHEMA_V1);
  v2.version(2).stores(SCHEMA_V2);
  await v2.open();
  await v2.table('buildings').put(testBuilding);
  await v2.table('units').bulkPut(testUnits);
  await v2.table('residents').bulkPut(testResidents);
  await v2.table('staff').put(testStaff);
  await v2.table('packages').put(validPackage);
  await v2.table('quarantine').add({ table: 'packages', row: { id: 'old' }, reason: 'invalid', at: '2026-01-01T00:00:00.000Z' });
  await v2.table('meta').bulkPut([{ key: 'deskId', value: 'desk-old' }]);
  await v2.table('outbox').bulkPut([
    { id: 'm1', seq: 1, name: 'recordSignIn', args: { method: 'pin' }, staffId: 's-ana', deskId: 'desk-old', at: '2026-01-01T00:00:00.000Z' },
    { id: 'm2', seq: 2, name: 'recordSignOut', args: { reason: 'manual' }, staffId: 's-ana', deskId: 'desk-old', at: '2026-01-01T00:01:00.000Z' },
  ]);
  v2.close();
  return name;
}

describe('local database upgrade from schema v2 to v3 (sync)', () => {
  it('keeps every row, the outbox and the quarantine, and adds the sync tables', async () => {
    const name = await createVersion2Database();
    const db = new DeskDatabase(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.packages.toArray()).toEqual([validPackage]);
    expect(await db.residents.count()).toBe(testResidents.length);
    expect((await db.outbox.orderBy('seq').toArray()).map((entry) => entry.id)).toEqual(['m1', 'm2']);
    expect(await db.quarantine.count()).toBe(1);
    expect(await db.meta.get('deskId')).toEqual({ key: 'deskId', value: 'desk-old' });
    expect([await db.shadows.count(), await db.rejections.count(), await db.rejectionAcks.count()]).toEqual([0, 0, 0]);
    expect(await db.rejections.where('deskId').equals('desk-old').count()).toBe(0);
    db.close();
  });

  it('persists the next sequence number, so numbers are not reused once sync empties the outbox', async () => {
    const name = await createVersion2Database();
    const db = new DeskDatabase(name);
    await db.open();
    expect(await db.meta.get('nextSeq')).toEqual({ key: 'nextSeq', value: 3 });
    await db.outbox.clear(); // what sync does once the server has processed them
    const [next] = await commitMutations(db, doorperson, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
    expect(next?.seq).toBe(3);
    db.close();
  });
});
