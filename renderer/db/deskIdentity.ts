import { newId } from '../../shared/platform/globals';
import type { DeskDatabase } from './database';

export interface DeskIdentity {
  deskId: string;
}

const cache = new WeakMap<DeskDatabase, Promise<DeskIdentity>>();

/** This desk's stable id, created on first use. It names the desk in every mutation it sends. */
export function deskIdentity(db: DeskDatabase): Promise<DeskIdentity> {
  let identity = cache.get(db);
  if (!identity) {
    identity = db.transaction('rw', db.meta, async () => {
      const stored = await db.meta.get('deskId');
      if (typeof stored?.value === 'string') return { deskId: stored.value };
      const deskId = `desk-${newId()}`;
      await db.meta.put({ key: 'deskId', value: deskId });
      return { deskId };
    });
    cache.set(db, identity);
  }
  return identity;
}

/**
 * Enrollment: the central service names the desk (its deskId comes with the device credential).
 * From now on every mutation and every push carries that id. Restart sync afterwards.
 */
export async function adoptDeskId(db: DeskDatabase, deskId: string): Promise<DeskIdentity> {
  await db.meta.put({ key: 'deskId', value: deskId });
  const identity = Promise.resolve({ deskId });
  cache.set(db, identity);
  return identity;
}
