import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { NoticeKind, RetryReason } from '../../shared/domain/messaging';
import type { ServerDb } from '../db/database';
import type { DeliveryStatus, Schema } from '../db/schema';

// The delivery outbox: one row per e-mail to one resident, written in the same transaction as
// what caused it (a message pushed by a desk, a package that arrived), so nothing is lost and the
// same cause never queues twice (row ids derive from the cause). The worker CLAIMS due rows in a
// transaction (queued -> sending) before sending, so two workers never send the same row, and a
// row found still "sending" after a restart is never sent again: it may have gone out, so it is
// marked `interrupted` for the desk to decide, rather than risk a duplicate.

export type DeliveryKind = 'message' | NoticeKind | 'link';

export interface NewDelivery {
  id: string;
  kind: DeliveryKind;
  residentId: string;
  messageId: string | null;
  /** Ids and numbers only. */
  payload: Readonly<Record<string, string | number | null>>;
  /** Usually queued; skipped or failed when it is already clear it cannot go out. */
  status: Extract<DeliveryStatus, 'queued' | 'skipped' | 'failed'>;
  code: string | null;
  dueAt: string;
}

export interface ClaimedDelivery {
  buildingId: string;
  id: string;
  kind: DeliveryKind;
  residentId: string;
  messageId: string | null;
  payload: Record<string, unknown>;
  /** This attempt's number (1 for the first). */
  attempt: number;
  claim: string;
}

const INSERT_CHUNK = 400;

/** Queues deliveries; a row whose id exists already is left as it is (the same cause, seen again). */
export async function enqueueDeliveries(db: Kysely<Schema>, buildingId: string, deliveries: readonly NewDelivery[], now: string): Promise<void> {
  for (let start = 0; start < deliveries.length; start += INSERT_CHUNK) {
    const chunk = deliveries.slice(start, start + INSERT_CHUNK);
    await db
      .insertInto('delivery_outbox')
      .values(
        chunk.map((delivery) => ({
          building_id: buildingId,
          id: delivery.id,
          kind: delivery.kind,
          channel: 'email',
          resident_id: delivery.residentId,
          message_id: delivery.messageId,
          payload: JSON.stringify(delivery.payload),
          status: delivery.status,
          attempts: 0,
          next_attempt_at: delivery.dueAt,
          claimed_by: null,
          claimed_at: null,
          code: delivery.code,
          smtp_code: null,
          summarized: 0,
          created_at: now,
          updated_at: now,
          sent_at: null,
        })),
      )
      .onConflict((conflict) => conflict.columns(['building_id', 'id']).doNothing())
      .execute();
  }
}

/**
 * Claims up to `limit` due rows for one worker, in one transaction: each moves from queued to
 * sending only if it is still queued, so a row is claimed once whatever the number of workers.
 * PostgreSQL skips rows another transaction holds (a push about to touch a pending notice).
 */
export async function claimDueDeliveries(db: ServerDb, options: { now: string; limit: number }): Promise<ClaimedDelivery[]> {
  const claim = randomUUID();
  return db.kysely.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('delivery_outbox')
      .select(['building_id', 'id', 'kind', 'resident_id', 'message_id', 'payload', 'attempts'])
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', options.now)
      .orderBy('next_attempt_at')
      .limit(options.limit)
      .$if(db.dialect === 'postgres', (query) => query.forUpdate().skipLocked())
      .execute();
    const claimed: ClaimedDelivery[] = [];
    for (const row of due) {
      const updated = await trx
        .updateTable('delivery_outbox')
        .set({ status: 'sending', claimed_by: claim, claimed_at: options.now, attempts: row.attempts + 1, updated_at: options.now })
        .where('building_id', '=', row.building_id)
        .where('id', '=', row.id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) continue;
      claimed.push({
        buildingId: row.building_id,
        id: row.id,
        kind: row.kind as DeliveryKind,
        residentId: row.resident_id,
        messageId: row.message_id,
        payload: parsePayload(row.payload),
        attempt: row.attempts + 1,
        claim,
      });
    }
    return claimed;
  });
}

function parsePayload(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export type DeliveryResult =
  | { status: 'sent'; providerId: string | null }
  | { status: 'retry'; reason: RetryReason; smtpCode: number | null; nextAttemptAt: string }
  | { status: 'failed' | 'skipped'; code: string; smtpCode: number | null; addressHash?: string };

/**
 * Records how one claimed attempt ended, and logs it. Only the claim that moved the row to
 * "sending" can finish it (a row marked interrupted meanwhile stays so).
 */
export async function finishDelivery(db: ServerDb, delivery: ClaimedDelivery, result: DeliveryResult, now: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const base = { updated_at: now, summarized: 0, claimed_by: null, claimed_at: null };
    const changes =
      result.status === 'sent'
        ? { ...base, status: 'sent' as const, sent_at: now, code: null, smtp_code: null }
        : result.status === 'retry'
          ? { ...base, status: 'queued' as const, next_attempt_at: result.nextAttemptAt, code: result.reason, smtp_code: result.smtpCode }
          : {
              ...base,
              status: result.status,
              code: result.code,
              smtp_code: result.smtpCode,
              ...(result.addressHash ? { payload: JSON.stringify({ ...delivery.payload, addressHash: result.addressHash }) } : {}),
            };
    const updated = await trx
      .updateTable('delivery_outbox')
      .set(changes)
      .where('building_id', '=', delivery.buildingId)
      .where('id', '=', delivery.id)
      .where('status', '=', 'sending')
      .where('claimed_by', '=', delivery.claim)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return;
    await trx
      .insertInto('delivery_log')
      .values({
        id: randomUUID(),
        building_id: delivery.buildingId,
        delivery_id: delivery.id,
        attempt: delivery.attempt,
        at: now,
        outcome: result.status,
        code: result.status === 'sent' ? null : result.status === 'retry' ? result.reason : result.code,
        smtp_code: result.status === 'sent' ? null : result.smtpCode,
        provider_id: result.status === 'sent' ? result.providerId : null,
      })
      .execute();
  });
}

/** Puts rows this worker claimed but never started back in the queue (a graceful stop). */
export async function releaseClaims(db: ServerDb, deliveries: readonly ClaimedDelivery[], now: string): Promise<void> {
  for (const delivery of deliveries) {
    await db.kysely
      .updateTable('delivery_outbox')
      .set({ status: 'queued', attempts: delivery.attempt - 1, claimed_by: null, claimed_at: null, updated_at: now })
      .where('building_id', '=', delivery.buildingId)
      .where('id', '=', delivery.id)
      .where('status', '=', 'sending')
      .where('claimed_by', '=', delivery.claim)
      .execute();
  }
}

/**
 * Rows left "sending" by a worker that stopped (a crash, a killed process) longer ago than the
 * lease: the e-mail may or may not have reached the mail server, so it is NOT sent again; it is
 * marked interrupted, which the desk shows with "send again if needed".
 */
export async function markInterrupted(db: ServerDb, options: { now: string; claimedBefore: string }): Promise<number> {
  const stale = await db.kysely
    .selectFrom('delivery_outbox')
    .select(['building_id', 'id', 'attempts'])
    .where('status', '=', 'sending')
    .where('claimed_at', '<', options.claimedBefore)
    .limit(1000)
    .execute();
  let marked = 0;
  for (const row of stale) {
    await db.kysely.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('delivery_outbox')
        .set({ status: 'failed', code: 'interrupted', smtp_code: null, summarized: 0, claimed_by: null, claimed_at: null, updated_at: options.now })
        .where('building_id', '=', row.building_id)
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('claimed_at', '<', options.claimedBefore)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return;
      marked += 1;
      await trx
        .insertInto('delivery_log')
        .values({ id: randomUUID(), building_id: row.building_id, delivery_id: row.id, attempt: row.attempts, at: options.now, outcome: 'failed', code: 'interrupted', smtp_code: null, provider_id: null })
        .execute();
    });
  }
  return marked;
}

/** Exponential backoff with jitter: base, 2×base, 4×base… capped, each drawn in [half, full]. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}
