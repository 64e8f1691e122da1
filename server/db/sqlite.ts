import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';

export const SQLITE_FILE_NAME = 'conserje.sqlite';

/** How long a writer waits for another process's write lock (a CLI next to the server) before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the database file and sets what every connection must have:
 * - WAL: readers never block the writer and the writer never blocks readers.
 * - synchronous=FULL: a push is acknowledged only after its transaction is on disk, and a desk
 *   deletes its outbox on that acknowledgement, so a power cut must not lose a committed push
 *   (WAL's usual NORMAL may lose the last transactions).
 * - busy_timeout: another process holding the write lock is waited for, not an instant error.
 * - foreign_keys: SQLite leaves them off unless each connection asks.
 */
export function openSqliteFile(dataDir: string, fileName = SQLITE_FILE_NAME): BetterSqlite3.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * SQLite's plain BEGIN is deferred: the write lock is taken at the first write, and a transaction
 * that read first can then fail with SQLITE_BUSY if another connection wrote in between, which
 * busy_timeout cannot fix. Every transaction here is a write transaction (push, seed, migrations),
 * so take the write lock up front: BEGIN IMMEDIATE. Within this process, Kysely's SQLite driver
 * already runs one transaction at a time on its single connection.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Distinct statement texts kept prepared: the engine's fixed queries, with room for IN lists of several lengths. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements reused by SQL text.
 * Kysely prepares every statement it runs, and SQLite parsing and planning each one was about a
 * fifth of a push's time (a backlog drain runs about ten statements per mutation). A statement
 * still being iterated (a streamed query) is busy and cannot run twice at once, so then a fresh
 * one is prepared. Schema changes (migrations) are safe: SQLite re-prepares a stale statement.
 */
export function withStatementCache(db: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Least recently used first: a hit moves to the end.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value ?? sql);
      }
      return statement;
    },
  };
}
