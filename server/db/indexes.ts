import type { Kysely } from 'kysely';
import type { TableName, TableRows } from '../../shared/domain/model';
import type { Rejection } from '../../shared/sync/protocol';
import type { IndexName } from '../../shared/mutations/tx';
import type { Schema, SyncedRowColumns } from './schema';

/** The synced tables stored as generic rows (the building row has real columns instead). */
export const ROW_TABLES = ['units', 'residents', 'staff', 'packages', 'events', 'amenities', 'bookings', 'threads', 'messages', 'templates', 'rejections'] as const;
export type RowTable = (typeof ROW_TABLES)[number];

/** The row type each row table holds. */
export type RowTypes = Omit<TableRows, 'buildings'> & { rejections: Rejection };

type IndexFieldOf<T extends RowTable> = T extends TableName ? IndexName<T> : never;

/**
 * Where each of QUERYABLE_INDEXES (shared/mutations/tx.ts) lives in SQL. The `satisfies` clause
 * fails to compile when an index is added there and not here, or names a column the table lacks;
 * the first migration creates the columns and a (building_id, column) index for each.
 */
export const INDEX_COLUMNS = {
  units: { label: 'label' },
  residents: { unitId: 'unit_id' },
  staff: {},
  packages: { status: 'status', unitId: 'unit_id', residentId: 'resident_id', trackingNumber: 'tracking_number', shortCode: 'short_code' },
  events: { packageId: 'package_id' },
  amenities: {},
  bookings: { amenityId: 'amenity_id', unitId: 'unit_id', status: 'status' },
  threads: { unitId: 'unit_id', residentId: 'resident_id' },
  messages: { threadId: 'thread_id' },
  templates: {},
  rejections: {},
} as const satisfies { [T in RowTable]: Record<IndexFieldOf<T>, Exclude<keyof Schema[T], keyof SyncedRowColumns>> };

export type IndexColumn = { [T in RowTable]: (typeof INDEX_COLUMNS)[T][keyof (typeof INDEX_COLUMNS)[T]] }[RowTable];

/**
 * The row tables as the generic row code sees them: alike, each with every index column. Kysely
 * cannot type one query builder over "any of these six tables" otherwise; the code that uses this
 * view only writes the columns INDEX_COLUMNS names for the table at hand, which the satisfies
 * clause above ties to the real schema.
 */
export type RowTablesView = { [T in RowTable]: SyncedRowColumns & { [C in IndexColumn]: string | null } };

/** The index column values of a row: each indexed field's value when it is a string, else null. */
export function indexValues(table: RowTable, row: object | null): Partial<Record<IndexColumn, string | null>> {
  const fields = row as Record<string, unknown> | null;
  const values: Partial<Record<IndexColumn, string | null>> = {};
  for (const [field, column] of Object.entries(INDEX_COLUMNS[table]) as [string, IndexColumn][]) {
    const value = fields?.[field];
    values[column] = typeof value === 'string' ? value : null;
  }
  return values;
}

/** The column of one index, or undefined when the table has no such index. */
export function indexColumn(table: RowTable, field: string): IndexColumn | undefined {
  const columns: Readonly<Record<string, IndexColumn>> = INDEX_COLUMNS[table];
  return Object.hasOwn(columns, field) ? columns[field] : undefined;
}

/** The same database seen through RowTablesView (one query builder for any row table). */
export function rowTablesOf(db: Kysely<Schema>): Kysely<RowTablesView> {
  return db as unknown as Kysely<RowTablesView>;
}

/**
 * Columns the service alone searches by (older history, privacy exports), filled from the row on
 * every write; desks never query them, so they are not in QUERYABLE_INDEXES.
 */
export function searchColumns(table: RowTable, row: object | null): Record<string, string | null> {
  if (table !== 'events') return {};
  const fields = row as Record<string, unknown> | null;
  const text = (key: string) => (typeof fields?.[key] === 'string' ? (fields[key] as string) : null);
  return { resident_id: text('residentId'), unit_id: text('unitId'), staff_id: text('staffId'), occurred_at: text('at') };
}
