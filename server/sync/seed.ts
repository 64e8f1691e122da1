import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Amenity, Booking } from '../../shared/domain/bookings';
import type { Message, MessageTemplate, MessageThread } from '../../shared/domain/messaging';
import type { Building, DomainEvent, Package, Resident, Staff, Unit } from '../../shared/domain/model';
import { SYNCED_TABLES } from '../../shared/sync/protocol';
import { historyAt } from '../../shared/sync/workingSet';
import type { ServerDb } from '../db/database';
import { indexValues, rowTablesOf, searchColumns, type RowTable, type RowTypes } from '../db/indexes';
import type { Schema } from '../db/schema';
import { VersionClock } from './versionClock';

/** A building and its first rows; a BuildingFixture from shared/demo fits as it is. */
export interface BuildingSeed {
  building: Building;
  units: readonly Unit[];
  residents: readonly Resident[];
  staff: readonly Staff[];
  packages?: readonly Package[];
  /** A fixture's `events` (null when not materialized) or any iterable, e.g. fixtureEvents(fixture). */
  events?: Iterable<DomainEvent> | null;
  amenities?: readonly Amenity[];
  bookings?: readonly Booking[];
  threads?: readonly MessageThread[];
  messages?: readonly Message[];
  templates?: readonly MessageTemplate[];
}

export interface SeedOptions {
  now?: () => Date;
}

/** The shared schema of each row table, typed per table. */
const ROW_SCHEMAS: { [T in RowTable]: z.ZodType<RowTypes[T]> } = {
  units: SYNCED_TABLES.units,
  residents: SYNCED_TABLES.residents,
  staff: SYNCED_TABLES.staff,
  packages: SYNCED_TABLES.packages,
  events: SYNCED_TABLES.events,
  amenities: SYNCED_TABLES.amenities,
  bookings: SYNCED_TABLES.bookings,
  threads: SYNCED_TABLES.threads,
  messages: SYNCED_TABLES.messages,
  templates: SYNCED_TABLES.templates,
  rejections: SYNCED_TABLES.rejections,
};

/** Rows per INSERT: well under both dialects' bound-parameter limits (SQLite 32766, PostgreSQL 65535). */
const CHUNK = 500;

/**
 * Creates a building with its rows in one transaction (for --init, the demo and tests). Every
 * row is checked against its shared schema first and takes the next version, the building row
 * itself version 1, so a new desk's first pull from 0 receives all of it. Fails, writing
 * nothing, when the building exists or a row is invalid.
 */
export async function seedBuilding(db: ServerDb, seed: BuildingSeed, options: SeedOptions = {}): Promise<{ buildingId: string; version: number }> {
  const building = SYNCED_TABLES.buildings.parse(seed.building);
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('buildings').select('id').where('id', '=', building.id).executeTakeFirst();
    if (existing) throw new Error(`building ${building.id} already exists`);
    const clock = new VersionClock(0);
    await trx
      .insertInto('buildings')
      .values({
        id: building.id,
        name: building.name,
        time_zone: building.timeZone,
        default_language: building.defaultLanguage,
        version: 0,
        row_version: clock.next(),
        created_at: createdAt,
      })
      .execute();
    await insertRows(trx, building.id, clock, 'units', seed.units);
    await insertRows(trx, building.id, clock, 'residents', seed.residents);
    await insertRows(trx, building.id, clock, 'staff', seed.staff);
    await insertRows(trx, building.id, clock, 'packages', seed.packages ?? []);
    await insertRows(trx, building.id, clock, 'events', seed.events ?? []);
    await insertRows(trx, building.id, clock, 'amenities', seed.amenities ?? []);
    await insertRows(trx, building.id, clock, 'bookings', seed.bookings ?? []);
    await insertRows(trx, building.id, clock, 'threads', seed.threads ?? []);
    await insertRows(trx, building.id, clock, 'messages', seed.messages ?? []);
    await insertRows(trx, building.id, clock, 'templates', seed.templates ?? []);
    await trx.updateTable('buildings').set({ version: clock.current }).where('id', '=', building.id).execute();
    return { buildingId: building.id, version: clock.current };
  });
}

async function insertRows<T extends Exclude<RowTable, 'rejections'>>(
  trx: Kysely<Schema>,
  buildingId: string,
  clock: VersionClock,
  table: T,
  rows: Iterable<RowTypes[T]>,
): Promise<void> {
  const schema = ROW_SCHEMAS[table];
  const target: RowTable = table;
  let chunk: RowTypes[T][] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const values = chunk.map((row) => ({
      building_id: buildingId,
      id: row.id,
      version: clock.next(),
      deleted: 0,
      data: JSON.stringify(row),
      history_at: historyAt(table, row),
      ...searchColumns(table, row),
      ...indexValues(table, row),
    }));
    chunk = [];
    await rowTablesOf(trx).insertInto(target).values(values).execute();
  };
  for (const row of rows) {
    chunk.push(schema.parse(row));
    if (chunk.length === CHUNK) await flush();
  }
  await flush();
}
