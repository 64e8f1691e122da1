import type { TableName, TableRows } from '../../shared/domain/model';
import type { IndexName, MutationTx } from '../../shared/mutations/tx';
import type { DeskDatabase } from './database';

/** Domain tables a mutation may touch on the desk; the outbox and meta are written by the committer. */
export const MUTABLE_TABLES = ['buildings', 'units', 'residents', 'staff', 'packages', 'events'] as const satisfies readonly TableName[];

/** The shared mutator transaction interface over Dexie. Must be used inside `db.transaction`. */
export function dexieMutationTx(db: DeskDatabase): MutationTx {
  return {
    async get<T extends TableName>(table: T, id: string) {
      return (await db.table(table).get(id)) as TableRows[T] | undefined;
    },
    async put<T extends TableName>(table: T, row: TableRows[T]) {
      await db.table(table).put(row);
    },
    async delete(table, id) {
      await db.table(table).delete(id);
    },
    async queryByIndex<T extends TableName>(table: T, index: IndexName<T>, value: string) {
      return (await db.table(table).where(index).equals(value).toArray()) as TableRows[T][];
    },
  };
}
