import { sql, type Kysely } from 'kysely';

// The working set (shared/sync/workingSet.ts): every synced row gets `history_at`, the instant it
// became settled history (null while it belongs on every desk whatever its age), so a pull can
// leave out history older than the desks' window without reading the rows' JSON.
// Frozen like every migration: the backfill below is the rule as of this migration.

const ROW_TABLES = ['units', 'residents', 'staff', 'packages', 'events', 'rejections'] as const;
const BACKFILL_CHUNK = 1_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ROW_TABLES) {
    await db.schema.alterTable(table).addColumn('history_at', 'text').execute();
    // Pulls walk (building_id, version) and test history_at: with it in the index they never
    // touch the table for a row they leave out (a first pull skips years of history this way).
    await db.schema.createIndex(`${table}_by_version_history`).on(table).columns(['building_id', 'version', 'history_at']).execute();
  }
  await backfill(db, 'packages', (row) => (row.status === 'waiting' ? null : (stringAt(row.release, 'at') ?? stringOf(row.receivedAt))));
  await backfill(db, 'events', (row) => stringOf(row.at));
  await backfill(db, 'rejections', (row) => stringOf(row.decidedAt));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ROW_TABLES) {
    await db.schema.dropIndex(`${table}_by_version_history`).execute();
    await db.schema.alterTable(table).dropColumn('history_at').execute();
  }
}

type Json = Record<string, unknown>;

async function backfill(db: Kysely<unknown>, table: string, settledAt: (row: Json) => string | null): Promise<void> {
  let after = { buildingId: '', id: '' };
  for (;;) {
    const { rows } = await sql<{ building_id: string; id: string; data: string | null }>`
      select building_id, id, data from ${sql.table(table)}
      where deleted = 0 and (building_id > ${after.buildingId} or (building_id = ${after.buildingId} and id > ${after.id}))
      order by building_id, id limit ${BACKFILL_CHUNK}`.execute(db);
    for (const row of rows) {
      const value = row.data === null ? null : settledAt(JSON.parse(row.data) as Json);
      if (value !== null) await sql`update ${sql.table(table)} set history_at = ${value} where building_id = ${row.building_id} and id = ${row.id}`.execute(db);
    }
    const last = rows.at(-1);
    if (!last || rows.length < BACKFILL_CHUNK) return;
    after = { buildingId: last.building_id, id: last.id };
  }
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function stringAt(value: unknown, key: string): string | null {
  return value !== null && typeof value === 'object' ? stringOf((value as Json)[key]) : null;
}
