import { Kysely, PostgresDialect } from 'kysely';
import { createPostgresPool } from './postgres';
import type { Schema } from './schema';
import { ImmediateSqliteDialect, openSqliteFile, withStatementCache } from './sqlite';

export type SqlDialect = 'sqlite' | 'postgres';

export type DatabaseConfig =
  | {
      kind: 'sqlite';
      /** Folder of the database file (created if missing). */
      dataDir: string;
      /** Default conserje.sqlite. */
      fileName?: string;
    }
  | {
      kind: 'postgres';
      /** postgres://user:password@host:port/database */
      url: string;
      /** Default public. Tests use one schema per test file. */
      schema?: string;
      /** Default 10. */
      maxConnections?: number;
      /** Default: ignore (the pool replaces the connection; the next query reports a real outage). */
      onIdleError?: (error: Error) => void;
    };

/** An open database: the query builder plus what the sync engine must know about its dialect. */
export interface ServerDb {
  readonly kysely: Kysely<Schema>;
  readonly dialect: SqlDialect;
  /** PostgreSQL: the schema holding the tables (the migrator keeps its own tables there too). */
  readonly schema: string | null;
  close(): Promise<void>;
}

export function createDatabase(config: DatabaseConfig): ServerDb {
  if (config.kind === 'sqlite') {
    const file = openSqliteFile(config.dataDir, config.fileName);
    const kysely = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(file) }) });
    return { kysely, dialect: 'sqlite', schema: null, close: () => kysely.destroy() };
  }
  const schema = config.schema ?? 'public';
  const pool = createPostgresPool({
    url: config.url,
    schema,
    maxConnections: config.maxConnections ?? 10,
    onIdleError: config.onIdleError ?? (() => {}),
  });
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', schema, close: () => kysely.destroy() };
}

/**
 * The deployment's choice: PostgreSQL when DATABASE_URL is set (many buildings, several server
 * instances), else one SQLite file in DATA_DIR (default ./data).
 */
export function databaseConfigFromEnv(env: Readonly<Record<string, string | undefined>>): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  return { kind: 'sqlite', dataDir: env.DATA_DIR?.trim() || './data' };
}
