import { sql, type Kysely } from 'kysely';

// The first schema. Migrations are frozen history: never edit one that has shipped, add the next.
// Only portable types (text, integer, bigint) so the same migration runs on SQLite and PostgreSQL.

/** Synced row tables and their index columns, as of this migration (see ../indexes.ts). */
const ROW_TABLES: Record<string, readonly string[]> = {
  units: ['label'],
  residents: ['unit_id'],
  staff: [],
  packages: ['status', 'unit_id', 'resident_id', 'tracking_number', 'short_code'],
  events: ['package_id'],
  rejections: [],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('buildings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('default_language', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('row_version', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  for (const [table, indexColumns] of Object.entries(ROW_TABLES)) {
    let create = db.schema
      .createTable(table)
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('data', 'text');
    for (const column of indexColumns) create = create.addColumn(column, 'text');
    // Row ids are unique per building only: another building's row can never collide with, or
    // be overwritten through, one of this building's ids.
    await create.addPrimaryKeyConstraint(`${table}_pk`, ['building_id', 'id']).execute();
    // Pulls read `version > cursor` in version order. Unique because every write takes a fresh
    // version of its building; a duplicate would be a serialization bug, so let it fail loudly.
    await db.schema.createIndex(`${table}_by_version`).on(table).columns(['building_id', 'version']).unique().execute();
    for (const column of indexColumns) {
      await db.schema.createIndex(`${table}_by_${column}`).on(table).columns(['building_id', column]).execute();
    }
  }

  await db.schema
    .createTable('desks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credential_hash', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_processed_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('desks_by_building').on('desks').column('building_id').execute();

  await db.schema
    .createTable('mutation_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'rejected')`))
    .addColumn('code', 'text')
    .addColumn('params', 'text')
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .execute();
  // A desk's sequence numbers are processed once each, in order.
  await db.schema.createIndex('mutation_log_by_desk_seq').on('mutation_log').columns(['desk_id', 'seq']).unique().execute();
  await db.schema.createIndex('mutation_log_by_building').on('mutation_log').columns(['building_id', 'processed_at']).execute();

  await db.schema
    .createTable('enrollment_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('desk_id', 'text', (c) => c.references('desks.id'))
    .execute();
  await db.schema.createIndex('enrollment_codes_by_building').on('enrollment_codes').column('building_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['enrollment_codes', 'mutation_log', 'desks', ...Object.keys(ROW_TABLES), 'buildings']) {
    await db.schema.dropTable(table).execute();
  }
}
