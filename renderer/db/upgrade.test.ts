import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/platform/globals';
import { DeskDatabase, SCHEMA_V1, type QuarantinedRow } from './database';
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
    expect(db.verno).toBe(2);
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
