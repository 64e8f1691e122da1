import type { Kysely } from 'kysely';

// Message retention (server/privacy/messageRetention.ts) removes, every day, e-mail records and
// resident page links and sessions older than a limit. These tables grow with every e-mail (each
// one carries a fresh link), so the daily job finds its rows through an index on the instant it
// tests instead of reading every row of the building. Frozen once shipped.

const INDEXES = [
  { name: 'delivery_outbox_by_update', table: 'delivery_outbox', columns: ['building_id', 'updated_at'] },
  { name: 'delivery_log_by_time', table: 'delivery_log', columns: ['building_id', 'at'] },
  { name: 'resident_links_by_expiry', table: 'resident_links', columns: ['building_id', 'expires_at'] },
  { name: 'resident_sessions_by_expiry', table: 'resident_sessions', columns: ['building_id', 'expires_at'] },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) await db.schema.createIndex(index.name).on(index.table).columns([...index.columns]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) await db.schema.dropIndex(index.name).execute();
}
