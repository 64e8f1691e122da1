import { erasedPackage } from '../../shared/mutations/privacy';
import { historyAt } from '../../shared/sync/workingSet';
import type { ServerDb } from '../db/database';
import { BuildingRows } from '../sync/buildingRows';
import { inBuildingTransaction } from '../sync/buildingTransaction';
import { forEachAgedChunk, RETENTION_CHUNK } from './agedRows';
import { applyMessageRetention, noMessageRetention, type MessageRetentionResult } from './messageRetention';

// Retention (the privacy policy: personal data is kept only as long as the service needs it).
// Configurable limits after which the service anonymizes released packages (who collected them,
// the signature, the note) and removes old events and old messages (./messageRetention.ts). Desks
// follow through sync: every change takes a new version like any write (desks keep far less
// history than these limits anyway).

export interface RetentionPolicy {
  /** Days after its release (or return) a package keeps who collected it, the signature and the note. */
  packageDetailsDays: number;
  /** Days the event log keeps an event. */
  eventDays: number;
  /**
   * Days a message is kept (then its thread too, once empty), with the service's records of its
   * e-mails and the residents' page links.
   */
  messageDays: number;
}

/**
 * Messages are kept as long as events (730 days): a conversation is part of what happened for a
 * resident, and "did the desk tell 12B about the water cut last year?" should be answerable for
 * as long as the event that says a message was sent (`message.sent`) exists; past two years the
 * free text, the most personal data the service holds, has no use a lease or a dispute needs.
 */
export const DEFAULT_RETENTION: RetentionPolicy = { packageDetailsDays: 365, eventDays: 730, messageDays: 730 };

export interface RetentionResult extends MessageRetentionResult {
  packagesAnonymized: number;
  eventsRemoved: number;
}

const MS_PER_DAY = 86_400_000;

/** Applies the policy to every building. Safe to run again and from several instances (idempotent). */
export async function applyRetention(db: ServerDb, now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<RetentionResult> {
  const result: RetentionResult = { packagesAnonymized: 0, eventsRemoved: 0, ...noMessageRetention() };
  const packageCutoff = new Date(now.getTime() - policy.packageDetailsDays * MS_PER_DAY).toISOString();
  const eventCutoff = new Date(now.getTime() - policy.eventDays * MS_PER_DAY).toISOString();
  const messageCutoff = new Date(now.getTime() - policy.messageDays * MS_PER_DAY).toISOString();
  const buildings = await db.kysely.selectFrom('buildings').select('id').execute();
  for (const { id: buildingId } of buildings) {
    result.packagesAnonymized += await anonymizePackages(db, buildingId, packageCutoff);
    result.eventsRemoved += await removeEvents(db, buildingId, eventCutoff);
    const messages = await applyMessageRetention(db, buildingId, messageCutoff, now.toISOString());
    for (const key of Object.keys(messages) as (keyof MessageRetentionResult)[]) result[key] += messages[key];
  }
  return result;
}

async function anonymizePackages(db: ServerDb, buildingId: string, cutoff: string): Promise<number> {
  let total = 0;
  await forEachAgedChunk(db, buildingId, 'packages', cutoff, async (ids, rows) => {
    for (const id of ids) {
      const current = await rows.get('packages', id);
      const settled = current ? historyAt('packages', current) : null;
      if (!current || settled === null || settled >= cutoff) continue;
      const erased = erasedPackage(current);
      if (JSON.stringify(erased) === JSON.stringify(current)) continue;
      await rows.put('packages', erased);
      total += 1;
    }
  });
  return total;
}

async function removeEvents(db: ServerDb, buildingId: string, cutoff: string): Promise<number> {
  let total = 0;
  for (;;) {
    const old = await db.kysely
      .selectFrom('events')
      .select('id')
      .where('building_id', '=', buildingId)
      .where('deleted', '=', 0)
      .where('occurred_at', '<', cutoff)
      .limit(RETENTION_CHUNK)
      .execute();
    if (old.length === 0) return total;
    await inBuildingTransaction(db, buildingId, async (trx, building) => {
      const rows = new BuildingRows(trx, buildingId, building.clock);
      for (const { id } of old) await rows.delete('events', id);
    });
    total += old.length;
    if (old.length < RETENTION_CHUNK) return total;
  }
}
