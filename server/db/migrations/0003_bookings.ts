import type { Kysely } from 'kysely';

// Amenities and bookings (shared/domain/bookings.ts) as synced row tables, like the others:
// building-scoped ids, a version per write, the row as JSON, the working-set column, and the
// columns the mutators query by index. Frozen once shipped.

const TABLES: Record<string, readonly string[]> = {
  amenities: [],
  bookings: ['amenity_id', 'unit_id', 'status'],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, indexColumns] of Object.entries(TABLES)) {
    let create = db.schema
      .createTable(table)
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('data', 'text')
      .addColumn('history_at', 'text');
    for (const column of indexColumns) create = create.addColumn(column, 'text');
    await create.addPrimaryKeyConstraint(`${table}_pk`, ['building_id', 'id']).execute();
    await db.schema.createIndex(`${table}_by_version`).on(table).columns(['building_id', 'version']).unique().execute();
    await db.schema.createIndex(`${table}_by_version_history`).on(table).columns(['building_id', 'version', 'history_at']).execute();
    for (const column of indexColumns) {
      await db.schema.createIndex(`${table}_by_${column}`).on(table).columns(['building_id', column]).execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(TABLES)) await db.schema.dropTable(table).execute();
}
