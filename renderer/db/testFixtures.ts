import type { Building, Package, Resident, Staff, Unit } from '../../shared/domain/model';
import { newId } from '../../shared/platform/globals';
import { DeskDatabase } from './database';
import type { DeskSession } from './commit';

// A tiny building for unit tests; scale lives in bench/ (fake-indexeddb slows down on big data).

export const testBuilding: Building = { id: 'b1', name: 'Test Tower', timeZone: 'America/New_York', defaultLanguage: 'en' };
export const testUnits: Unit[] = [
  { id: 'u-12b', label: '12B', floor: 12 },
  { id: 'u-3a', label: '3A', floor: 3 },
];
export const testResidents: Resident[] = [
  {
    id: 'r-nunez', unitId: 'u-12b', firstName: 'José', lastName: 'Núñez', email: 'jose@example.org', phone: null,
    language: 'es', measurement: 'metric', occupancy: 'owner',
    authorizedPickups: [{ id: 'ap-1', name: 'Marta Ruiz', relationship: 'neighbour' }],
  },
  {
    id: 'r-dupont', unitId: 'u-3a', firstName: 'Hélène', lastName: 'Dupont', email: null, phone: null,
    language: 'fr', measurement: 'metric', occupancy: 'tenant', authorizedPickups: [],
  },
];
export const testStaff: Staff = {
  id: 's-ana', displayName: 'Ana', role: 'doorperson', language: 'en', measurement: 'imperial', active: true,
  pin: { algorithm: 'PBKDF2-SHA-256', iterations: 10_000, salt: '00112233445566778899aabbccddeeff', hash: '0'.repeat(64) },
};
export const doorperson: DeskSession = { staffId: testStaff.id, staffRole: 'doorperson' };

export async function openTestDatabase(): Promise<DeskDatabase> {
  const db = new DeskDatabase(`test-${newId()}`);
  await db.transaction('rw', [db.buildings, db.units, db.residents, db.staff], async () => {
    await db.buildings.put(testBuilding);
    await db.units.bulkPut(testUnits);
    await db.residents.bulkPut(testResidents);
    await db.staff.put(testStaff);
  });
  return db;
}

export function receiveArgs(overrides: Partial<Parameters<typeof makeReceive>[0]> = {}) {
  return makeReceive(overrides);
}

let counter = 0;
function makeReceive(overrides: Partial<{ trackingNumber: string | null; residentId: string; flags: Package['flags'] }>) {
  counter += 1;
  return {
    name: 'receivePackage' as const,
    args: {
      packageId: `p-${counter}-${newId().slice(0, 8)}`,
      shortCode: `A${String(counter).padStart(5, '0')}`,
      trackingNumber: overrides.trackingNumber === undefined ? `1Z999AA1012345678${counter}` : overrides.trackingNumber,
      carrier: 'ups',
      trackingFormat: null,
      kind: 'parcel' as const,
      residentId: overrides.residentId ?? 'r-nunez',
      size: null,
      location: 'A1',
      flags: overrides.flags ?? [],
      note: null,
    },
  };
}
