import { historyAt } from '../../shared/sync/workingSet';
import { unreadCount } from '../../shared/messaging/unread';
import type { ServerDb } from '../db/database';
import type { DeliveryStatus } from '../db/schema';
import { BuildingRows } from '../sync/buildingRows';
import { forEachAgedChunk, RETENTION_CHUNK } from './agedRows';
import { inBuildingTransaction } from '../sync/buildingTransaction';

// Retention of resident messaging (server/privacy/retention.ts runs it with the other limits).
// A message is removed once it is older than the limit: it becomes a tombstone, so every desk
// drops it at its next pull. A thread lives as long as it has messages: when its last one goes,
// the thread goes too (an empty conversation with its subject and participants left behind would
// keep personal data for nothing); a thread that keeps newer messages gets its unread count
// recomputed from what is left. What the service alone holds about those e-mails goes as well:
// the delivery outbox rows and their attempt log, and the residents' page links; page sessions
// open nothing once expired, so they go at the first run after that.


/** Outbox rows in these states are done: nothing will send or summarize them again. */
const FINISHED: readonly DeliveryStatus[] = ['sent', 'failed', 'skipped'];

export interface MessageRetentionResult {
  messagesRemoved: number;
  threadsRemoved: number;
  /** Delivery outbox rows (one e-mail to one resident) and their attempt log rows. */
  deliveriesRemoved: number;
  deliveryLogsRemoved: number;
  /** Resident page links and sessions. */
  linksRemoved: number;
  sessionsRemoved: number;
}

export function noMessageRetention(): MessageRetentionResult {
  return { messagesRemoved: 0, threadsRemoved: 0, deliveriesRemoved: 0, deliveryLogsRemoved: 0, linksRemoved: 0, sessionsRemoved: 0 };
}

/** Applies the message limit to one building; `cutoff` is the oldest instant kept, `now` ends sessions. */
export async function applyMessageRetention(db: ServerDb, buildingId: string, cutoff: string, now: string): Promise<MessageRetentionResult> {
  const result = noMessageRetention();
  const messages = await removeMessages(db, buildingId, cutoff);
  result.messagesRemoved = messages.messagesRemoved;
  result.threadsRemoved = messages.threadsRemoved + (await removeEmptyThreads(db, buildingId, cutoff));
  // After the messages: an e-mail's record goes once its message is gone.
  const deliveries = await removeDeliveries(db, buildingId, cutoff);
  result.deliveriesRemoved = deliveries.deliveries;
  result.deliveryLogsRemoved = deliveries.logs + (await removeOldDeliveryLogs(db, buildingId, cutoff));
  result.linksRemoved = await removeLinks(db, buildingId, cutoff);
  result.sessionsRemoved = await removeSessions(db, buildingId, now);
  return result;
}

async function removeMessages(db: ServerDb, buildingId: string, cutoff: string): Promise<{ messagesRemoved: number; threadsRemoved: number }> {
  const total = { messagesRemoved: 0, threadsRemoved: 0 };
  // history_at of a message is its sentAt (shared/sync/workingSet.ts).
  await forEachAgedChunk(db, buildingId, 'messages', cutoff, async (ids, rows) => {
    const touched = new Set<string>();
    for (const id of ids) {
      // Re-read under the building's lock: an erasure may have removed it since it was listed.
      const current = await rows.get('messages', id);
      if (!current || current.sentAt >= cutoff) continue;
      await rows.delete('messages', id);
      touched.add(current.threadId);
      total.messagesRemoved += 1;
    }
    // Settled in the same transaction, so a desk never pulls a thread whose count or
    // existence disagrees with the messages it has.
    for (const threadId of touched) if ((await settleThread(rows, threadId, cutoff)) === 'removed') total.threadsRemoved += 1;
  });
  return total;
}

/**
 * A thread after some of its messages were removed: gone when none is left (and its last message
 * is past the limit: a resident's reply written meanwhile keeps it), else its unread count as the
 * mutators compute it (residents' messages after `readUpTo`), since removed unread replies no
 * longer count. `lastMessageAt` stays: it is the thread's last activity, which orders the lists.
 */
async function settleThread(rows: BuildingRows, threadId: string, cutoff: string): Promise<'removed' | 'updated' | 'unchanged'> {
  const thread = await rows.get('threads', threadId);
  if (!thread) return 'unchanged';
  const left = await rows.findBy('messages', 'threadId', threadId);
  if (left.length === 0 && thread.lastMessageAt < cutoff) {
    await rows.delete('threads', threadId);
    return 'removed';
  }
  const unread = unreadCount(thread.readUpTo, left);
  if (unread === thread.unread) return 'unchanged';
  await rows.put('threads', { ...thread, unread });
  return 'updated';
}

/**
 * Read threads whose last message is past the limit and that have no message left: what
 * removeMessages leaves behind if a thread was emptied some other way (an erasure removes a
 * resident's messages from their unit's threads). Unread threads are found through their messages.
 */
async function removeEmptyThreads(db: ServerDb, buildingId: string, cutoff: string): Promise<number> {
  let removed = 0;
  await forEachAgedChunk(db, buildingId, 'threads', cutoff, async (ids, rows) => {
    for (const id of ids) {
      const current = await rows.get('threads', id);
      const settled = current ? historyAt('threads', current) : null;
      if (!current || settled === null || settled >= cutoff) continue;
      if ((await rows.findBy('messages', 'threadId', id)).length > 0) continue;
      await rows.delete('threads', id);
      removed += 1;
    }
  });
  return removed;
}

/**
 * Finished outbox rows last changed before the limit, with their attempt log. Two kinds stay
 * while they still serve: a message's rows while the message lives (its delivery summary and
 * which residents may see a broadcast on their page are computed from them), and a package
 * reminder's row while its package still waits (the row is what stops the scan from sending the
 * same reminder again, see server/messaging/reminders.ts).
 */
async function removeDeliveries(db: ServerDb, buildingId: string, cutoff: string): Promise<{ deliveries: number; logs: number }> {
  const total = { deliveries: 0, logs: 0 };
  let afterId = '';
  for (;;) {
    const candidates = await db.kysely
      .selectFrom('delivery_outbox')
      .select(['id', 'kind', 'message_id', 'payload'])
      .where('building_id', '=', buildingId)
      .where('status', 'in', FINISHED)
      .where('updated_at', '<', cutoff)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(RETENTION_CHUNK)
      .execute();
    if (candidates.length > 0) {
      // Under the building's lock: whether a message lives or a package waits is synced state.
      const done = await inBuildingTransaction(db, buildingId, async (trx, building) => {
        const rows = new BuildingRows(trx, buildingId, building.clock);
        const ids: string[] = [];
        for (const candidate of candidates) {
          if (candidate.message_id !== null && (await rows.get('messages', candidate.message_id))) continue;
          const reminded = candidate.kind === 'packageReminder' ? payloadString(candidate.payload, 'packageId') : null;
          if (reminded !== null && (await rows.get('packages', reminded))?.status === 'waiting') continue;
          ids.push(candidate.id);
        }
        if (ids.length === 0) return { deliveries: 0, logs: 0 };
        const logs = await trx.deleteFrom('delivery_log').where('building_id', '=', buildingId).where('delivery_id', 'in', ids).executeTakeFirst();
        // The same conditions again in the DELETE: a row requeued since it was listed stays.
        const deliveries = await trx
          .deleteFrom('delivery_outbox')
          .where('building_id', '=', buildingId)
          .where('id', 'in', ids)
          .where('status', 'in', FINISHED)
          .where('updated_at', '<', cutoff)
          .executeTakeFirst();
        return { deliveries: Number(deliveries.numDeletedRows), logs: Number(logs.numDeletedRows) };
      });
      total.deliveries += done.deliveries;
      total.logs += done.logs;
    }
    const last = candidates.at(-1);
    if (!last || candidates.length < RETENTION_CHUNK) return total;
    afterId = last.id;
  }
}

function payloadString(payload: string, key: string): string | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (value === null || typeof value !== 'object') return null;
    const field = (value as Record<string, unknown>)[key];
    return typeof field === 'string' ? field : null;
  } catch {
    return null;
  }
}

/**
 * Attempt log rows older than the limit, also those of an outbox row that stays (a reminder of a
 * package still waiting): the row itself keeps the outcome, the log only the history of attempts.
 * Not synced and never read back, so no building lock is needed.
 */
async function removeOldDeliveryLogs(db: ServerDb, buildingId: string, cutoff: string): Promise<number> {
  return deleteInChunks(async () => {
    const batch = db.kysely.selectFrom('delivery_log').select('id').where('building_id', '=', buildingId).where('at', '<', cutoff).limit(RETENTION_CHUNK);
    const deleted = await db.kysely.deleteFrom('delivery_log').where('id', 'in', batch).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

/**
 * Resident page links that expired before the limit. Until then an expired link still says who
 * it was for, so a resident opening an old e-mail is offered a fresh link rather than a dead end.
 */
async function removeLinks(db: ServerDb, buildingId: string, cutoff: string): Promise<number> {
  return deleteInChunks(async () => {
    const batch = db.kysely.selectFrom('resident_links').select('token_hash').where('building_id', '=', buildingId).where('expires_at', '<', cutoff).limit(RETENTION_CHUNK);
    const deleted = await db.kysely.deleteFrom('resident_links').where('token_hash', 'in', batch).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

/** Expired page sessions: lookupSession ignores them, so they only keep who visited and when. */
async function removeSessions(db: ServerDb, buildingId: string, now: string): Promise<number> {
  return deleteInChunks(async () => {
    const batch = db.kysely.selectFrom('resident_sessions').select('token_hash').where('building_id', '=', buildingId).where('expires_at', '<', now).limit(RETENTION_CHUNK);
    const deleted = await db.kysely.deleteFrom('resident_sessions').where('token_hash', 'in', batch).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

/** Runs one bounded DELETE at a time until one removes less than a chunk. */
async function deleteInChunks(deleteChunk: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteChunk();
    total += deleted;
    if (deleted < RETENTION_CHUNK) return total;
  }
}
