import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { SyncError } from './errors';

export interface DeskState {
  lastProcessedSeq: number;
}

/**
 * The desk as the engine sees it. The HTTP layer authenticates the device; this re-checks, in
 * the same transaction as the work, that the desk belongs to the building and is not revoked,
 * so a revocation takes effect at once, even in the middle of a push.
 */
export async function loadActiveDesk(db: Kysely<Schema>, buildingId: string, deskId: string): Promise<DeskState> {
  const desk = await db
    .selectFrom('desks')
    .select(['last_processed_seq', 'revoked_at'])
    .where('id', '=', deskId)
    .where('building_id', '=', buildingId)
    .executeTakeFirst();
  if (!desk) throw new SyncError('wrongBuilding', 'this desk is not enrolled in this building');
  if (desk.revoked_at !== null) throw new SyncError('deviceRevoked', 'this desk was revoked');
  return { lastProcessedSeq: desk.last_processed_seq };
}

export function assertSameDesk(authenticatedDeskId: string, requestDeskId: string): void {
  if (authenticatedDeskId !== requestDeskId) {
    throw new SyncError('malformedRequest', 'the request names another desk than the one that sent it');
  }
}
