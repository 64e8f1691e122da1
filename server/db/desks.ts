import type { ServerDb } from './database';

// The desk rows the sync engine relies on. Enrollment (codes, device secrets) builds on these.

export interface NewDesk {
  id: string;
  buildingId: string;
  name: string;
  credentialHash: string;
  enrolledAt: string;
}

export async function insertDesk(db: ServerDb, desk: NewDesk): Promise<void> {
  await db.kysely
    .insertInto('desks')
    .values({
      id: desk.id,
      building_id: desk.buildingId,
      name: desk.name,
      credential_hash: desk.credentialHash,
      enrolled_at: desk.enrolledAt,
      revoked_at: null,
      last_processed_seq: 0,
    })
    .execute();
}

/** A revoked desk can neither push nor pull; its rows and log stay. */
export async function revokeDesk(db: ServerDb, buildingId: string, deskId: string, at: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('desks')
    .set({ revoked_at: at })
    .where('building_id', '=', buildingId)
    .where('id', '=', deskId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
