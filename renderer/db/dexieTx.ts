import type { TableName, TableRows } from '../../shared/domain/model';
import type { IndexName, MutationTx } from '../../shared/mutations/tx';
import type { DeskDatabase, ShadowRow } from './database';

/** Domain tables a mutation may touch on the desk; the outbox and meta are written by the committer. */
export const MUTABLE_TABLES = ['buildings', 'units', 'residents', 'staff', 'packages', 'events', 'amenities', 'bookings', 'threads', 'messages', 'templates'] as const satisfies readonly TableName[];

/** Every table a transaction running mutators through `dexieMutationTx` must include. */
export const MUTATION_TX_TABLES = [...MUTABLE_TABLES, 'shadows'] as const;

export function shadowKey(table: string, id: string): string {
  return `${table}:${id}`;
}

/**
 * What one mutation wrote, oldest first, so the rebase can take back the partial writes of a
 * replayed mutation that throws halfway (IndexedDB has no savepoints inside a transaction).
 */
export class UndoJournal {
  private entries: Array<{ table: TableName; id: string; before: unknown }> = [];

  record(table: TableName, id: string, before: unknown): void {
    this.entries.push({ table, id, before });
  }

  /** Puts every written row back as it was before this journal started, newest write first. */
  async rollBack(db: DeskDatabase): Promise<void> {
    for (const { table, id, before } of this.entries.reverse()) {
      if (before === undefined) await db.table(table).delete(id);
      else await db.table(table).put(before);
    }
    this.entries = [];
  }

  clear(): void {
    this.entries = [];
  }
}

export interface DexieMutationTxOptions {
  /** Records what each write replaced, so the caller can take a failed mutation back. */
  journal?: UndoJournal;
  /**
   * Record shadows (default true). A desk that has never pulled needs none: its first pull
   * replaces the synced tables wholesale and replays the outbox (see rebase.ts).
   */
  shadows?: boolean;
}

/**
 * The shared mutator transaction interface over Dexie. Must be used inside `db.transaction` over
 * at least MUTATION_TX_TABLES.
 *
 * Every write is optimistic until the server has decided, so the first write to a (table, id)
 * records the row's previous value (or null) in `shadows`, in the same transaction. A later pull
 * restores the shadows: the server's rows win, and the pending mutations are replayed on top.
 */
export function dexieMutationTx(db: DeskDatabase, options: DexieMutationTxOptions = {}): MutationTx {
  const { journal, shadows = true } = options;
  async function beforeWrite(table: TableName, id: string): Promise<void> {
    if (!shadows && !journal) return;
    const key = shadowKey(table, id);
    const shadowed = !shadows || (await db.shadows.get(key)) !== undefined;
    if (shadowed && !journal) return;
    const previous: unknown = await db.table(table).get(id);
    journal?.record(table, id, previous);
    if (!shadowed) {
      const shadow: ShadowRow = { key, table, id, row: previous ?? null };
      await db.shadows.put(shadow);
    }
  }
  return {
    async get<T extends TableName>(table: T, id: string) {
      return (await db.table(table).get(id)) as TableRows[T] | undefined;
    },
    async put<T extends TableName>(table: T, row: TableRows[T]) {
      await beforeWrite(table, row.id);
      await db.table(table).put(row);
    },
    async delete(table, id) {
      await beforeWrite(table, id);
      await db.table(table).delete(id);
    },
    async queryByIndex<T extends TableName>(table: T, index: IndexName<T>, value: string) {
      return (await db.table(table).where(index).equals(value).toArray()) as TableRows[T][];
    },
  };
}
