import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { createDatabase, databaseConfigFromEnv, type ServerDb } from './database';
import { migrateToLatest } from './migrate';
import { codeMigrationProvider, MIGRATIONS } from './migrations';
import { rowTablesOf } from './indexes';
import { SQLITE_FILE_NAME } from './sqlite';

describe('databaseConfigFromEnv', () => {
  it('picks PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://u:p@h/db', DATA_DIR: '/d' })).toEqual({ kind: 'postgres', url: 'postgres://u:p@h/db' });
    expect(databaseConfigFromEnv({ DATA_DIR: '/var/lib/conserje' })).toEqual({ kind: 'sqlite', dataDir: '/var/lib/conserje' });
    expect(databaseConfigFromEnv({ DATABASE_URL: ' ' })).toEqual({ kind: 'sqlite', dataDir: './data' });
  });
});

for (const target of testDatabaseTargets()) {
  describe(`database on ${target.dialect}`, () => {
    let testDb: TestDatabase;
    let db: ServerDb;

    beforeAll(async () => {
      testDb = await target.create();
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb.dispose();
    });

    it('migrates once: a second start applies nothing, and a second handle sees the same schema', async () => {
      expect(await migrateToLatest(db)).toEqual([]);
      const again = createDatabase(testDb.config);
      try {
        expect(await migrateToLatest(again)).toEqual([]);
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(again.kysely);
        expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS));
      } finally {
        await again.close();
      }
    });

    it('reads bigint columns back as numbers and enforces foreign keys', async () => {
      await db.kysely.insertInto('buildings').values({ id: 'big', name: 'Big', time_zone: 'UTC', default_language: 'en', version: 2 ** 40, row_version: 1, created_at: '2026-01-01T00:00:00.000Z' }).execute();
      const row = await db.kysely.selectFrom('buildings').select(['version', 'row_version']).where('id', '=', 'big').executeTakeFirstOrThrow();
      expect(row).toEqual({ version: 2 ** 40, row_version: 1 });
      await expect(db.kysely.insertInto('units').values({ building_id: 'nowhere', id: 'u', version: 1, deleted: 0, data: '{}', label: null }).execute()).rejects.toThrow();
    });

    it('tags rows stored before the working set with when they became history (migration 0002)', async () => {
      const migrator = new Migrator({ db: db.kysely, provider: codeMigrationProvider, ...(db.schema === null ? {} : { migrationTableSchema: db.schema }) });
      expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
      await db.kysely.insertInto('buildings').values({ id: 'old', name: 'Old', time_zone: 'UTC', default_language: 'en', version: 4, row_version: 1, created_at: '2026-01-01T00:00:00.000Z' }).execute();
      const row = (id: string, version: number, data: object) => ({ building_id: 'old', id, version, deleted: 0, data: JSON.stringify(data) });
      const legacy = rowTablesOf(db.kysely) as unknown as Kysely<Record<'packages' | 'events', { building_id: string; id: string; version: number; deleted: number; data: string }>>;
      await legacy.insertInto('packages').values([
        row('waiting', 1, { status: 'waiting', receivedAt: '2025-01-01T00:00:00.000Z', release: null }),
        row('released', 2, { status: 'released', receivedAt: '2025-01-01T00:00:00.000Z', release: { at: '2025-01-03T00:00:00.000Z' } }),
        row('returned', 3, { status: 'returned', receivedAt: '2025-01-02T00:00:00.000Z', release: null }),
      ]).execute();
      await legacy.insertInto('events').values(row('e1', 4, { at: '2025-01-04T00:00:00.000Z' })).execute();

      expect(await migrateToLatest(db)).toEqual(['0002_working_set', '0003_bookings', '0004_messaging', '0005_event_search', '0006_retention_indexes']);
      const packages = await db.kysely.selectFrom('packages').select(['id', 'history_at']).where('building_id', '=', 'old').orderBy('id').execute();
      expect(packages).toEqual([
        { id: 'released', history_at: '2025-01-03T00:00:00.000Z' },
        { id: 'returned', history_at: '2025-01-02T00:00:00.000Z' },
        { id: 'waiting', history_at: null },
      ]);
      expect(await db.kysely.selectFrom('events').select(['id', 'history_at']).where('building_id', '=', 'old').execute()).toEqual([{ id: 'e1', history_at: '2025-01-04T00:00:00.000Z' }]);
    });

    it('refuses two rows of a building at the same version', async () => {
      await db.kysely.insertInto('buildings').values({ id: 'dup', name: 'Dup', time_zone: 'UTC', default_language: 'en', version: 1, row_version: 1, created_at: '2026-01-01T00:00:00.000Z' }).execute();
      const unit = (id: string) => ({ building_id: 'dup', id, version: 5, deleted: 0, data: '{}', label: id });
      await db.kysely.insertInto('units').values(unit('u1')).execute();
      await expect(db.kysely.insertInto('units').values(unit('u2')).execute()).rejects.toThrow();
    });
  });
}

describe('SQLite file settings', () => {
  let dataDir: string;
  let db: ServerDb;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'conserje-sqlite-'));
    db = createDatabase({ kind: 'sqlite', dataDir: path.join(dataDir, 'nested') });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uses WAL, synchronous=FULL, a busy timeout and foreign keys', async () => {
    const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db.kysely)).rows[0] ?? {})[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('foreign_keys')).toBe(1);
  });

  it('takes the write lock when a transaction begins (BEGIN IMMEDIATE), not at its first write', async () => {
    const outsider = new BetterSqlite3(path.join(dataDir, 'nested', SQLITE_FILE_NAME));
    outsider.pragma('busy_timeout = 0');
    const trx = await db.kysely.startTransaction().execute();
    try {
      await trx.selectFrom('buildings').select('id').execute();
      expect(() => outsider.prepare("insert into buildings values ('x', 'X', 'UTC', 'en', 0, 1, '2026-01-01')").run()).toThrow(/locked|busy/i);
    } finally {
      await trx.rollback().execute();
      outsider.close();
    }
  });
});
