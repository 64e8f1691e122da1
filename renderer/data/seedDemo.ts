import { generateBuilding, workingSet, type FixtureSize } from '../../shared/demo/fixture';
import type { DeskDatabase } from '../db/database';

export interface DemoOptions {
  size: FixtureSize;
  seed: number;
}

/**
 * The demo building a fresh desk starts with: `?demo=small|large&seed=N` in the URL picks the
 * benchmark buildings of BENCHMARKS.md instead (1,000 units for trying the desk at scale).
 */
export function demoOptionsFromUrl(search: string): DemoOptions {
  const params = new URLSearchParams(search);
  const requested = params.get('demo');
  const size: FixtureSize = requested === 'small' || requested === 'large' ? requested : 'demo';
  const seed = Number.parseInt(params.get('seed') ?? '1', 10);
  return { size, seed: Number.isSafeInteger(seed) && seed > 0 ? seed : 1 };
}

/**
 * Until this desk is enrolled with a central service (next milestone), a fresh desk starts with the
 * deterministic demo building, written as if it had been pulled from a server: straight into the
 * tables, not through the outbox. Returns false when the desk already has a building.
 */
export async function seedDemoBuildingIfEmpty(
  db: DeskDatabase,
  onProgress: (done: number, total: number) => void,
  options: DemoOptions = { size: 'demo', seed: 1 },
): Promise<boolean> {
  if ((await db.buildings.count()) > 0) return false;
  onProgress(0, 2);
  const now = new Date();
  const fixture = await generateBuilding({ size: options.size, seed: options.seed, now });
  const rows = workingSet(fixture, now);
  onProgress(1, 2);
  await db.transaction('rw', [db.buildings, db.units, db.residents, db.staff, db.packages, db.events, db.amenities, db.bookings, db.threads, db.messages], async () => {
    if ((await db.buildings.count()) > 0) return; // another window seeded it first
    await db.buildings.put(rows.building);
    await db.units.bulkPut(rows.units);
    await db.residents.bulkPut(rows.residents);
    await db.staff.bulkPut(rows.staff);
    await db.packages.bulkPut(rows.packages);
    await db.events.bulkPut(rows.events);
    await db.amenities.bulkPut(rows.amenities);
    await db.bookings.bulkPut(rows.bookings);
    await db.threads.bulkPut(rows.threads);
    await db.messages.bulkPut(rows.messages);
  });
  onProgress(2, 2);
  return true;
}
