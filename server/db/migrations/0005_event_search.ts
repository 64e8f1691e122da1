import { sql, type Kysely } from 'kysely';

// The event log is searched on the service for history older than desks keep (tracker issue 7):
// by resident (a privacy export), by unit, by staff member and by time. These columns are the
// service's own (desks never query by them), filled from each event row as it is written.
// Frozen once shipped; the backfill is the rule as of this migration.

const CHUNK = 1_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('resident_id', 'text').execute();
  await db.schema.alterTable('events').addColumn('unit_id', 'text').execute();
  await db.schema.alterTable('events').addColumn('staff_id', 'text').execute();
  await db.schema.alterTable('events').addColumn('occurred_at', 'text').execute();
  await db.schema.createIndex('events_by_resident').on('events').columns(['building_id', 'resident_id', 'occurred_at']).execute();
  await db.schema.createIndex('events_by_unit').on('events').columns(['building_id', 'unit_id', 'occurred_at']).execute();
  await db.schema.createIndex('events_by_time').on('events').columns(['building_id', 'occurred_at']).execute();
  let after = { buildingId: '', id: '' };
  for (;;) {
    const { rows } = await sql<{ building_id: string; id: string; data: string | null }>`
      select building_id, id, data from events
      where deleted = 0 and (building_id > ${after.buildingId} or (building_id = ${after.buildingId} and id > ${after.id}))
      order by building_id, id limit ${CHUNK}`.execute(db);
    for (const row of rows) {
      const event = row.data === null ? {} : (JSON.parse(row.data) as Record<string, unknown>);
      const text = (key: string) => (typeof event[key] === 'string' ? (event[key] as string) : null);
      await sql`update events set resident_id = ${text('residentId')}, unit_id = ${text('unitId')}, staff_id = ${text('staffId')}, occurred_at = ${text('at')}
        where building_id = ${row.building_id} and id = ${row.id}`.execute(db);
    }
    const last = rows.at(-1);
    if (!last || rows.length < CHUNK) return;
    after = { buildingId: last.building_id, id: last.id };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['events_by_resident', 'events_by_unit', 'events_by_time']) await db.schema.dropIndex(index).execute();
  for (const column of ['resident_id', 'unit_id', 'staff_id', 'occurred_at']) await db.schema.alterTable('events').dropColumn(column).execute();
}
