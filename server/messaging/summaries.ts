import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DeliveryProblemCode, MAX_LISTED_PROBLEMS, RetryReason, type MessageDelivery } from '../../shared/domain/messaging';
import type { ServerDb } from '../db/database';
import type { Schema } from '../db/schema';
import { BuildingRows } from '../sync/buildingRows';
import { inBuildingTransaction } from '../sync/buildingTransaction';

// What desks see of deliveries: each message's `delivery` summary and each resident's bounce
// mark, both synced rows. They are recomputed from the outbox rows (never counted up by hand), so
// a summary is right however many times it is written, and a crash between an e-mail's result
// and its summary only delays the summary to the next round.

/** The delivery summary of one message, from its outbox rows. */
export async function messageDeliverySummary(db: Kysely<Schema>, buildingId: string, messageId: string, now: string): Promise<MessageDelivery> {
  const groups = await db
    .selectFrom('delivery_outbox')
    .select((eb) => ['status', 'code', eb.fn.countAll<number>().as('count'), eb.fn.max('attempts').as('maxAttempts')])
    .where('building_id', '=', buildingId)
    .where('message_id', '=', messageId)
    .groupBy(['status', 'code'])
    .execute();
  const summary: MessageDelivery = { recipients: 0, queued: 0, retrying: 0, retryReason: null, sent: 0, failed: 0, skipped: 0, problemCounts: {}, problems: [], updatedAt: now };
  let retryReasonCount = 0;
  for (const group of groups) {
    const count = Number(group.count);
    summary.recipients += count;
    if (group.status === 'queued' || group.status === 'sending') {
      summary.queued += count;
      const reason = RetryReason.safeParse(group.code);
      if (reason.success) {
        summary.retrying += count;
        if (count > retryReasonCount) {
          retryReasonCount = count;
          summary.retryReason = reason.data;
        }
      }
    } else if (group.status === 'sent') summary.sent += count;
    else {
      if (group.status === 'failed') summary.failed += count;
      else summary.skipped += count;
      const code = DeliveryProblemCode.safeParse(group.code);
      if (code.success) summary.problemCounts[code.data] = (summary.problemCounts[code.data] ?? 0) + count;
    }
  }
  if (summary.failed + summary.skipped > 0) {
    const problems = await db
      .selectFrom('delivery_outbox')
      .select(['resident_id', 'code', 'smtp_code', 'updated_at'])
      .where('building_id', '=', buildingId)
      .where('message_id', '=', messageId)
      .where('status', 'in', ['failed', 'skipped'])
      .orderBy('updated_at')
      .orderBy('id')
      .limit(MAX_LISTED_PROBLEMS)
      .execute();
    summary.problems = problems.flatMap((row) => {
      const code = DeliveryProblemCode.safeParse(row.code);
      return code.success ? [{ residentId: row.resident_id, code: code.data, smtpCode: row.smtp_code, at: row.updated_at }] : [];
    });
  }
  return summary;
}

/** Rewrites a message's delivery summary when it changed (each write is a version desks pull). */
export async function writeMessageSummary(rows: BuildingRows, db: Kysely<Schema>, messageId: string, now: string): Promise<boolean> {
  const message = await rows.get('messages', messageId);
  if (!message) return false;
  const summary = await messageDeliverySummary(db, rows.buildingId, messageId, now);
  const comparable = (delivery: MessageDelivery | null) => (delivery ? JSON.stringify({ ...delivery, updatedAt: '' }) : null);
  if (comparable(message.delivery) === comparable(summary)) return false;
  await rows.put('messages', { ...message, delivery: summary });
  return true;
}

export function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}

const SUMMARY_BATCH = 500;

/**
 * Brings desks up to date with finished deliveries: for each building with outbox rows changed
 * since they were last summarized, in that building's write transaction, marks them summarized
 * FIRST (a row that changes afterwards is flagged again and comes in the next round), then
 * rewrites the affected messages' summaries and marks residents whose address was refused.
 * Returns the buildings whose rows changed, to poke their desks.
 */
export async function summarizePending(db: ServerDb, now: string): Promise<string[]> {
  const pending = await db.kysely
    .selectFrom('delivery_outbox')
    .select(['building_id', 'id'])
    .where('summarized', '=', 0)
    .where('status', '!=', 'sending')
    .limit(SUMMARY_BATCH)
    .execute();
  const byBuilding = new Map<string, string[]>();
  for (const row of pending) byBuilding.set(row.building_id, [...(byBuilding.get(row.building_id) ?? []), row.id]);
  const changed: string[] = [];
  for (const [buildingId, ids] of byBuilding) {
    const wrote = await inBuildingTransaction(db, buildingId, async (trx, building) => {
      await trx.updateTable('delivery_outbox').set({ summarized: 1 }).where('building_id', '=', buildingId).where('id', 'in', ids).execute();
      const states = await trx
        .selectFrom('delivery_outbox')
        .select(['message_id', 'resident_id', 'code', 'smtp_code', 'payload', 'updated_at'])
        .where('building_id', '=', buildingId)
        .where('id', 'in', ids)
        .execute();
      const rows = new BuildingRows(trx, buildingId, building.clock);
      let wroteAny = false;
      for (const messageId of new Set(states.flatMap((state) => (state.message_id ? [state.message_id] : [])))) {
        if (await writeMessageSummary(rows, trx, messageId, now)) wroteAny = true;
      }
      for (const state of states.filter((candidate) => candidate.code === 'refused')) {
        if (await markBounced(rows, state.resident_id, state.payload, state.smtp_code, state.updated_at)) wroteAny = true;
      }
      return wroteAny;
    });
    if (wrote) changed.push(buildingId);
  }
  return changed;
}

/** Marks the resident's address as bounced, if it is still the address that was refused. */
async function markBounced(rows: BuildingRows, residentId: string, payload: string, smtpCode: number | null, at: string): Promise<boolean> {
  const resident = await rows.get('residents', residentId);
  if (!resident?.email) return false;
  const refused: unknown = (JSON.parse(payload) as Record<string, unknown>).addressHash;
  if (refused !== addressHash(resident.email)) return false;
  if (resident.emailBounce && resident.emailBounce.at >= at) return false;
  await rows.put('residents', { ...resident, emailBounce: { at, smtpCode } });
  return true;
}
