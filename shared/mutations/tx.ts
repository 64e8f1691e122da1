import type { StaffRole, TableName, TableRows } from '../domain/model';

/**
 * The indexes that both the desk (Dexie) and the server (SQL) keep, so a mutator may query by
 * them on either side. Adding one here means adding it to both stores.
 */
export const QUERYABLE_INDEXES = {
  buildings: [],
  units: ['label'],
  residents: ['unitId'],
  staff: [],
  packages: ['status', 'unitId', 'residentId', 'trackingNumber', 'shortCode'],
  events: ['packageId'],
  amenities: [],
  bookings: ['amenityId', 'unitId', 'status'],
  threads: ['unitId', 'residentId'],
  messages: ['threadId'],
  templates: [],
} as const satisfies { [T in TableName]: readonly (keyof TableRows[T] & string)[] };

export type IndexName<T extends TableName> = (typeof QUERYABLE_INDEXES)[T][number];

/** The small transaction interface mutators run against: the desk's IndexedDB or the server's SQL. */
export interface MutationTx {
  get<T extends TableName>(table: T, id: string): Promise<TableRows[T] | undefined>;
  put<T extends TableName>(table: T, row: TableRows[T]): Promise<void>;
  delete(table: TableName, id: string): Promise<void>;
  queryByIndex<T extends TableName>(table: T, index: IndexName<T>, value: string): Promise<TableRows[T][]>;
}

/** Who runs a mutation, where and when. `at` is the desk's clock at the moment of the action. */
export interface MutationContext {
  mutationId: string;
  staffId: string;
  staffRole: StaffRole;
  deskId: string;
  at: string;
}
