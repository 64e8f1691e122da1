import type { Building, TableName, TableRows } from '../../shared/domain/model';
import { QUERYABLE_INDEXES, type IndexName, type MutationTx } from '../../shared/mutations/tx';
import type { BuildingRows } from './buildingRows';

/**
 * The shared mutators' transaction interface over one building's SQL tables. Mutators see only
 * that building: `get` of another building's id finds nothing, `put` writes under this building.
 * Each put and delete takes the building's next version (see BuildingRows).
 */
export function createSqlMutationTx(rows: BuildingRows): MutationTx {
  return {
    async get<T extends TableName>(table: T, id: string): Promise<TableRows[T] | undefined> {
      if (table === 'buildings') {
        return (id === rows.buildingId ? await rows.getBuilding() : undefined) as TableRows[T] | undefined;
      }
      return (await rows.get(table as Exclude<TableName, 'buildings'>, id)) as TableRows[T] | undefined;
    },

    async put<T extends TableName>(table: T, row: TableRows[T]): Promise<void> {
      if (table === 'buildings') {
        await rows.putBuilding(row as Building);
        return;
      }
      const rowTable = table as Exclude<TableName, 'buildings'>;
      await rows.put(rowTable, row as TableRows[typeof rowTable]);
    },

    async delete(table: TableName, id: string): Promise<void> {
      // A building is never deleted by a desk's mutation; that is an operator's decision.
      if (table === 'buildings') throw new Error('mutators cannot delete a building');
      await rows.delete(table, id);
    },

    async queryByIndex<T extends TableName>(table: T, index: IndexName<T>, value: string): Promise<TableRows[T][]> {
      // The same contract as the desk's store: only the declared indexes may be queried.
      if (table === 'buildings' || !(QUERYABLE_INDEXES[table] as readonly string[]).includes(index)) {
        throw new Error(`no index ${table}.${String(index)}`);
      }
      return (await rows.findBy(table as Exclude<TableName, 'buildings'>, index, value)) as TableRows[T][];
    },
  };
}
