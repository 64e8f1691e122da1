import type { StaffRole } from '../../shared/domain/model';
import { isRejection, runMutation } from '../../shared/mutations/registry';
import { MutationRejected } from '../../shared/mutations/rejection';
import { SYNCED_TABLES, type RowChange, type SyncedTable } from '../../shared/sync/protocol';
import { CURSOR_KEY, LAST_PROCESSED_SEQ_KEY, storedCursor, type DeskDatabase, type OutboxEntry, type QuarantinedRow, type ShadowRow } from './database';

export { storedCursor };
import { MUTABLE_TABLES, MUTATION_TX_TABLES, UndoJournal, dexieMutationTx } from './dexieTx';
import { deskWentBackInTime, renumberOutbox } from './renumberOutbox';

/** Every table the rebase transaction touches: one transaction, all or nothing. */
export const REBASE_TABLES = [...MUTATION_TX_TABLES, 'rejections', 'outbox', 'meta', 'quarantine'] as const;

/** The server cannot serve this desk's cursor (resetRequired): the next pull starts over from 0. */
export async function forgetCursor(db: DeskDatabase): Promise<void> {
  await db.meta.delete(CURSOR_KEY);
}

/** One page of a pull, as the rebase needs it. */
export interface PulledPage {
  changes: readonly RowChange[];
  /** The cursor after this page. */
  cursor: number;
  /**
   * The server's last processed sequence number for this desk, given only with the LAST page of a
   * pull (null before): only then do the pulled rows include the effects of those mutations, so
   * dropping their outbox entries earlier would briefly hide their effect.
   */
  lastProcessedSeq: number | null;
}

export interface RebaseResult {
  /** True for the desk's first pull: local tables were replaced by the server's rows. */
  reset: boolean;
  applied: number;
  quarantined: number;
  /** Outbox entries the server has processed, now deleted. */
  dropped: number;
  /** Entries moved above the server's last processed number (this desk's database went back in time). */
  renumbered: number;
  /** Pending entries whose effect is on screen again. */
  replayed: number;
  /** Pending entries whose replay is now refused: left in the outbox for the server to decide. */
  notReplayed: Array<{ id: string; code: string }>;
}

/**
 * Applies one pulled page the Replicache way, in ONE transaction. The last page of a pull (the one
 * carrying lastProcessedSeq) and the desk's first page do all of:
 * (a) undo every optimistic effect by restoring the shadows (server state at the old cursor); on
 *     the desk's first pull, replace the local synced tables instead (demo or pre-sync data);
 * (b) apply the server's changes (rows validated with their schema; a row that fails is
 *     quarantined, never crashes sync; null is a tombstone);
 * (c) delete outbox entries the server has processed;
 * (d) replay the remaining entries in order through the shadowing transaction;
 * (e) store the new cursor.
 * If anything throws, IndexedDB rolls all of it back: tables, shadows, outbox and cursor unchanged.
 */
export async function rebaseOnPull(db: DeskDatabase, page: PulledPage, now: () => Date = () => new Date()): Promise<RebaseResult> {
  return db.transaction('rw', [...REBASE_TABLES], async () => {
    const result: RebaseResult = { reset: false, applied: 0, quarantined: 0, dropped: 0, renumbered: 0, replayed: 0, notReplayed: [] };
    const at = now().toISOString();

    const firstPull = (await storedCursor(db)) === null;

    // A page before the last of a pull: the server's acknowledgement (and the effects of the
    // acknowledged mutations) may still be in later pages, so the pending entries are not replayed
    // yet. A row this desk changed optimistically keeps showing that change: the server's value
    // goes into its shadow, which the last page restores before replaying. Other rows take the
    // server's value directly. So a pull of many pages replays the outbox once, not per page.
    if (!firstPull && page.lastProcessedSeq === null) {
      const rows = await validatedRows(db, page.changes, at, result);
      // Usually nothing is pending (a first sync, a quiet desk): skip a thousand shadow lookups.
      const shadows = (await db.shadows.count()) === 0 ? [] : await db.shadows.bulkGet(rows.map(({ change }) => `${change.table}:${change.id}`));
      const updatedShadows: ShadowRow[] = [];
      const direct: ValidRow[] = [];
      rows.forEach((row, position) => {
        const shadow = shadows[position];
        if (shadow) updatedShadows.push({ ...shadow, row: row.value });
        else direct.push(row);
      });
      await db.shadows.bulkPut(updatedShadows);
      await writeRows(db, direct);
      await db.meta.put({ key: CURSOR_KEY, value: page.cursor });
      return result;
    }

    // (a) Back to the server's state at the previous cursor.
    if (firstPull) {
      result.reset = true;
      for (const table of [...MUTABLE_TABLES, 'rejections'] as const) await db.table(table).clear();
    } else {
      // In bulk per table: after a long outage thousands of rows have a shadow.
      const shadows = await db.shadows.toArray();
      const byTable = new Map<string, { puts: unknown[]; deletes: string[] }>();
      for (const shadow of shadows) {
        const entry = byTable.get(shadow.table) ?? { puts: [], deletes: [] };
        if (shadow.row === null) entry.deletes.push(shadow.id);
        else entry.puts.push(shadow.row);
        byTable.set(shadow.table, entry);
      }
      for (const [table, { puts, deletes }] of byTable) {
        if (deletes.length > 0) await db.table(table).bulkDelete(deletes);
        if (puts.length > 0) await db.table(table).bulkPut(puts);
      }
    }
    await db.shadows.clear();

    // (b) The server's changes win.
    await writeRows(db, await validatedRows(db, page.changes, at, result));

    // (c) Entries the server has processed are done (applied, duplicate or rejected).
    if (page.lastProcessedSeq !== null && (await deskWentBackInTime(db, page.lastProcessedSeq))) {
      // Numbers at or below it may be reused by entries the server never saw: keep them all.
      result.renumbered = await renumberOutbox(db, page.lastProcessedSeq);
    } else if (page.lastProcessedSeq !== null) {
      result.dropped = await db.outbox.where('seq').belowOrEqual(page.lastProcessedSeq).delete();
      const known = await db.meta.get(LAST_PROCESSED_SEQ_KEY);
      const previous = typeof known?.value === 'number' ? known.value : 0;
      await db.meta.put({ key: LAST_PROCESSED_SEQ_KEY, value: Math.max(previous, page.lastProcessedSeq) });
    }

    // (d) Pending mutations on top, each all-or-nothing.
    const pending = await db.outbox.orderBy('seq').toArray();
    const journal = new UndoJournal();
    const tx = dexieMutationTx(db, { journal });
    for (const entry of pending) {
      journal.clear();
      try {
        await runMutation(tx, entry.name, entry.args, await replayContext(db, entry));
        result.replayed += 1;
      } catch (error) {
        if (!isRejection(error)) throw error;
        await journal.rollBack(db);
        result.notReplayed.push({ id: entry.id, code: error.code });
      }
    }

    // (e) The new cursor.
    await db.meta.put({ key: CURSOR_KEY, value: page.cursor });
    return result;
  });
}

interface ValidRow {
  change: RowChange;
  /** The parsed row, or null for a tombstone. */
  value: object | null;
}

/**
 * The page's rows as they may be stored: parsed rows and tombstones. A row that fails validation
 * goes to quarantine instead (sync goes on). Counts into `result`.
 */
async function validatedRows(db: DeskDatabase, changes: readonly RowChange[], at: string, result: RebaseResult): Promise<ValidRow[]> {
  const valid: ValidRow[] = [];
  const quarantined: QuarantinedRow[] = [];
  for (const change of changes) {
    if (change.row === null) {
      valid.push({ change, value: null });
      continue;
    }
    const parsed = SYNCED_TABLES[change.table as SyncedTable].safeParse(change.row);
    if (parsed.success && parsed.data.id === change.id) {
      valid.push({ change, value: parsed.data });
    } else {
      const reason = parsed.success ? 'idMismatch' : (parsed.error.issues[0]?.message ?? 'invalid');
      quarantined.push({ table: change.table, row: change.row, reason: `pull v${change.version}: ${reason}`.slice(0, 200), at });
    }
  }
  if (quarantined.length > 0) await db.quarantine.bulkAdd(quarantined);
  result.applied += valid.length;
  result.quarantined += quarantined.length;
  return valid;
}

/**
 * Writes rows table by table in bulk: one IndexedDB request per table instead of one per row,
 * which is most of a first sync's time. A page holds each row once, so order within it is free.
 */
async function writeRows(db: DeskDatabase, rows: readonly ValidRow[]): Promise<void> {
  const byTable = new Map<string, { puts: object[]; deletes: string[] }>();
  for (const { change, value } of rows) {
    const entry = byTable.get(change.table) ?? { puts: [], deletes: [] };
    if (value === null) entry.deletes.push(change.id);
    else entry.puts.push(value);
    byTable.set(change.table, entry);
  }
  for (const [table, { puts, deletes }] of byTable) {
    if (deletes.length > 0) await db.table(table).bulkDelete(deletes);
    if (puts.length > 0) await db.table(table).bulkPut(puts);
  }
}

/** The context a pending mutation is replayed with: as committed, with the staff's current role. */
async function replayContext(db: DeskDatabase, entry: OutboxEntry) {
  const staff = await db.staff.get(entry.staffId);
  if (!staff) throw new MutationRejected('staffUnknown');
  if (!staff.active) throw new MutationRejected('staffInactive');
  const staffRole: StaffRole = staff.role;
  return { mutationId: entry.id, staffId: entry.staffId, staffRole, deskId: entry.deskId, at: entry.at };
}
