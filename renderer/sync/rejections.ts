import type { DeskDatabase, RejectionAck } from '../db/database';

/**
 * The staff member has read a rejection and dealt with it: it leaves the badge and the panel's
 * list on this desk. Local only; the rejection row itself stays as the server sent it.
 */
export async function acknowledgeRejection(db: DeskDatabase, rejectionId: string, staffId: string | null, now: () => Date = () => new Date()): Promise<void> {
  const ack: RejectionAck = { id: rejectionId, staffId, at: now().toISOString() };
  await db.rejectionAcks.put(ack);
}
