import type { TableName, TableRows } from '../domain/model';
import { deepClone } from '../platform/globals';
import { QUERYABLE_INDEXES, type IndexName, type MutationTx } from './tx';

type Tables = { [T in TableName]: Map<string, TableRows[T]> };

/**
 * An in-memory store behind the mutator interface: for unit tests of mutators and for the sync
 * simulator's model. Rows are cloned on the way in and out, as a database would.
 */
export class MemoryStore {
  private tables: Tables = {
    buildings: new Map(),
    units: new Map(),
    residents: new Map(),
    staff: new Map(),
    packages: new Map(),
    amenities: new Map(),
    bookings: new Map(),
    threads: new Map(),
    messages: new Map(),
    templates: new Map(),
    events: new Map(),
  };

  seed<T extends TableName>(table: T, rows: readonly TableRows[T][]): void {
    for (const row of rows) this.tables[table].set(row.id, deepClone(row));
  }

  rows<T extends TableName>(table: T): TableRows[T][] {
    return [...this.tables[table].values()].map((row) => deepClone(row));
  }

  /** Runs `work` with all-or-nothing semantics, like a database transaction. */
  async transaction<R>(work: (tx: MutationTx) => Promise<R>): Promise<R> {
    const snapshot = this.snapshot();
    try {
      return await work(this.tx());
    } catch (error) {
      this.restore(snapshot);
      throw error;
    }
  }

  private tx(): MutationTx {
    const tables = this.tables;
    return {
      async get<T extends TableName>(table: T, id: string) {
        const row = tables[table].get(id);
        return row === undefined ? undefined : deepClone(row);
      },
      async put<T extends TableName>(table: T, row: TableRows[T]) {
        tables[table].set(row.id, deepClone(row));
      },
      async delete(table, id) {
        tables[table].delete(id);
      },
      async queryByIndex<T extends TableName>(table: T, index: IndexName<T>, value: string) {
        if (!(QUERYABLE_INDEXES[table] as readonly string[]).includes(index)) throw new Error(`no index ${table}.${index}`);
        const matches: TableRows[T][] = [];
        for (const row of tables[table].values()) {
          if ((row as unknown as Record<string, unknown>)[index] === value) matches.push(deepClone(row));
        }
        return matches;
      },
    };
  }

  private snapshot(): Tables {
    return deepClone(this.tables);
  }

  private restore(snapshot: Tables): void {
    this.tables = snapshot;
  }
}
