import type { Kysely } from 'kysely';
import type { Building } from '../../shared/domain/model';
import { Language } from '../../shared/domain/model';
import { historyAt } from '../../shared/sync/workingSet';
import { indexColumn, indexValues, rowTablesOf, searchColumns, type IndexColumn, type RowTable, type RowTablesView, type RowTypes } from '../db/indexes';
import type { Schema } from '../db/schema';
import type { VersionClock } from './versionClock';

/**
 * Reads and writes of one building's synced rows inside a write transaction. Every query is
 * scoped by building_id, so nothing of another building can be read or overwritten through it;
 * every write takes the next version from the building's clock.
 */
export interface BuildingRowsOptions {
  /** Hears of every row written (put or tombstoned), after the write: the push drops what it cached of that row. */
  onWrite?: (table: RowTable, id: string) => void;
}

export class BuildingRows {
  readonly #db: Kysely<Schema>;
  readonly #rows: Kysely<RowTablesView>;
  readonly #onWrite: BuildingRowsOptions['onWrite'];

  constructor(
    db: Kysely<Schema>,
    readonly buildingId: string,
    readonly clock: VersionClock,
    options: BuildingRowsOptions = {},
  ) {
    this.#db = db;
    this.#rows = rowTablesOf(db);
    this.#onWrite = options.onWrite;
  }

  /** A live row, or undefined when missing or deleted. */
  async get<T extends RowTable>(table: T, id: string): Promise<RowTypes[T] | undefined> {
    const found = await this.#rows
      .selectFrom(anyRowTable(table))
      .select('data')
      .where('building_id', '=', this.buildingId)
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return found?.data == null ? undefined : decodeRow<T>(found.data);
  }

  /** Inserts or replaces a row (reviving a tombstone); returns the version it got. */
  async put<T extends RowTable>(table: T, row: RowTypes[T]): Promise<number> {
    const version = this.clock.next();
    const changes = { version, deleted: 0, data: JSON.stringify(row), history_at: historyAt(table, row), ...indexValues(table, row), ...searchColumns(table, row) };
    await this.#rows
      .insertInto(anyRowTable(table))
      .values({ building_id: this.buildingId, id: row.id, ...changes })
      .onConflict((conflict) => conflict.columns(['building_id', 'id']).doUpdateSet(changes))
      .execute();
    this.#onWrite?.(table, row.id);
    return version;
  }

  /**
   * Deletes a row by turning it into a tombstone, which syncs to desks as `row: null`. Deleting
   * a missing or already deleted row changes nothing and takes no version.
   */
  async delete(table: RowTable, id: string): Promise<boolean> {
    const existing = await this.#rows
      .selectFrom(table)
      .select('id')
      .where('building_id', '=', this.buildingId)
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!existing) return false;
    await this.#rows
      .updateTable(table)
      .set({ version: this.clock.next(), deleted: 1, data: null, history_at: null, ...indexValues(table, null), ...searchColumns(table, null) })
      .where('building_id', '=', this.buildingId)
      .where('id', '=', id)
      .execute();
    this.#onWrite?.(table, id);
    return true;
  }

  /**
   * Live rows whose indexed field equals `value`, in id order (an indexed query).
   *
   * The order is applied here, not with ORDER BY: SQLite (no statistics) satisfies ORDER BY id
   * with the primary key (building_id, id) and then reads every row of the building instead of
   * the (building_id, column) index, which made each receivePackage scan all the building's
   * packages twice. Ids are [A-Za-z0-9_-] (shared/domain/model.ts `Id`), so comparing code units
   * gives the order SQLite's BINARY collation gave, which is also the desks' IndexedDB order and
   * PostgreSQL's under the C collation (under a linguistic collation the dialects used to differ).
   */
  async findBy<T extends RowTable>(table: T, field: string, value: string): Promise<RowTypes[T][]> {
    const column: IndexColumn | undefined = indexColumn(table, field);
    if (column === undefined) throw new Error(`no index ${table}.${field}`);
    const found = await this.#rows
      .selectFrom(anyRowTable(table))
      .select(['id', 'data'])
      .where('building_id', '=', this.buildingId)
      .where(column, '=', value)
      .where('deleted', '=', 0)
      .execute();
    found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return found.flatMap((row) => (row.data == null ? [] : [decodeRow<T>(row.data)]));
  }

  async getBuilding(): Promise<Building> {
    const row = await this.#db
      .selectFrom('buildings')
      .select(['id', 'name', 'time_zone', 'default_language'])
      .where('id', '=', this.buildingId)
      .executeTakeFirstOrThrow();
    return buildingFromColumns(row);
  }

  /** Updates the building row itself (name, zone, language); the id is the building's own. */
  async putBuilding(building: Building): Promise<void> {
    if (building.id !== this.buildingId) throw new Error('a building may only write its own building row');
    await this.#db
      .updateTable('buildings')
      .set({ name: building.name, time_zone: building.timeZone, default_language: building.defaultLanguage, row_version: this.clock.next() })
      .where('id', '=', this.buildingId)
      .execute();
  }
}

/**
 * Kysely cannot resolve columns for a generic table parameter; over the plain union of the row
 * tables it can, since they all have the same shape in RowTablesView.
 */
function anyRowTable(table: RowTable): RowTable {
  return table;
}

/**
 * Stored rows were validated on their way in: seeding parses them with the domain schemas, and
 * mutators build them from validated arguments. Re-validating every read would only cost time.
 */
export function decodeRow<T extends RowTable>(data: string): RowTypes[T] {
  return JSON.parse(data) as RowTypes[T];
}

export function buildingFromColumns(row: { id: string; name: string; time_zone: string; default_language: string }): Building {
  return { id: row.id, name: row.name, timeZone: row.time_zone, defaultLanguage: Language.parse(row.default_language) };
}
