import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase, type DatabaseConfig, type ServerDb, type SqlDialect } from '../db/database';
import { migrateToLatest } from '../db/migrate';

// Test databases: every storage test runs on SQLite (always) and on PostgreSQL (when
// TEST_DATABASE_URL is set; CI sets it, see .ci/run). Each test file gets its own database: a
// temporary SQLite file, or a fresh PostgreSQL schema that is dropped afterwards.

export interface TestDatabase {
  readonly db: ServerDb;
  /** The config of `db`: open another handle (its own connections) on the same database. */
  readonly config: DatabaseConfig;
  dispose(): Promise<void>;
}

export interface TestDatabaseTarget {
  readonly dialect: SqlDialect;
  /** A new, migrated, empty database. */
  create(): Promise<TestDatabase>;
}

let skipNoticePrinted = false;

export function testDatabaseTargets(env: Readonly<Record<string, string | undefined>> = process.env): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [sqliteTarget];
  const url = env.TEST_DATABASE_URL?.trim();
  if (url) {
    targets.push(postgresTarget(url));
  } else if (!skipNoticePrinted) {
    skipNoticePrinted = true;
    console.info('[server tests] PostgreSQL run skipped: TEST_DATABASE_URL is not set (see server/README.md); running on SQLite only.');
  }
  return targets;
}

const sqliteTarget: TestDatabaseTarget = {
  dialect: 'sqlite',
  async create() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'conserje-server-test-'));
    const config: DatabaseConfig = { kind: 'sqlite', dataDir };
    const db = createDatabase(config);
    await migrateToLatest(db);
    return {
      db,
      config,
      async dispose() {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function postgresTarget(url: string): TestDatabaseTarget {
  return {
    dialect: 'postgres',
    async create() {
      const schema = `test_${randomBytes(8).toString('hex')}`;
      await withAdmin(url, (admin) => sql`create schema ${sql.id(schema)}`.execute(admin.kysely));
      // Several connections, so concurrent pushes really run concurrently.
      const config: DatabaseConfig = { kind: 'postgres', url, schema, maxConnections: 8 };
      const db = createDatabase(config);
      await migrateToLatest(db);
      return {
        db,
        config,
        async dispose() {
          await db.close();
          await withAdmin(url, (admin) => sql`drop schema ${sql.id(schema)} cascade`.execute(admin.kysely));
        },
      };
    },
  };
}

async function withAdmin(url: string, work: (admin: ServerDb) => Promise<unknown>): Promise<void> {
  const admin = createDatabase({ kind: 'postgres', url, maxConnections: 1 });
  try {
    await work(admin);
  } finally {
    await admin.close();
  }
}
