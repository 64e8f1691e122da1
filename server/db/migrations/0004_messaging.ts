import { sql, type Kysely } from 'kysely';

// Resident messaging (issue 5). Threads, messages and templates are synced row tables like the
// others. The rest stays on the service: the delivery outbox (one row per recipient and notice,
// claimed in a transaction so a restart never sends twice), its log of attempts, and the
// residents' one-time links and page sessions (stored as hashes). Frozen once shipped.

const ROW_TABLES: Record<string, readonly string[]> = {
  threads: ['unit_id', 'resident_id'],
  messages: ['thread_id'],
  templates: [],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, indexColumns] of Object.entries(ROW_TABLES)) {
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

  await db.schema
    .createTable('delivery_outbox')
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    // Derived from what caused it (message and resident, notice and batch), so the same cause
    // can never queue a second e-mail.
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    /** Ids and numbers the notice needs (booking id, reminder level); never personal text. */
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'skipped')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    /** A problem code (shared/domain/messaging.ts) or a retry reason. */
    .addColumn('code', 'text')
    .addColumn('smtp_code', 'integer')
    /** 0 until the desk-facing summary (message delivery, resident bounce) reflects this row's state. */
    .addColumn('summarized', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('delivery_outbox_pk', ['building_id', 'id'])
    .execute();
  await db.schema.createIndex('delivery_outbox_due').on('delivery_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('delivery_outbox_by_message').on('delivery_outbox').columns(['building_id', 'message_id']).execute();
  await db.schema.createIndex('delivery_outbox_by_resident').on('delivery_outbox').columns(['building_id', 'resident_id', 'kind', 'status']).execute();
  await db.schema.createIndex('delivery_outbox_unsummarized').on('delivery_outbox').columns(['summarized', 'building_id']).execute();

  await db.schema
    .createTable('delivery_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('smtp_code', 'integer')
    /** The Message-ID the mail server accepted, to trace an e-mail with the provider. */
    .addColumn('provider_id', 'text')
    .execute();
  await db.schema.createIndex('delivery_log_by_delivery').on('delivery_log').columns(['building_id', 'delivery_id']).execute();

  await db.schema
    .createTable('resident_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('resident_links_by_resident').on('resident_links').columns(['building_id', 'resident_id']).execute();

  await db.schema
    .createTable('resident_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull())
    /** Echoed in every form the page posts (with the SameSite cookie, against cross-site posts). */
    .addColumn('form_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['resident_sessions', 'resident_links', 'delivery_log', 'delivery_outbox', ...Object.keys(ROW_TABLES)]) {
    await db.schema.dropTable(table).execute();
  }
}
