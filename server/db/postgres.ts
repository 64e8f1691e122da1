import pg from 'pg';

/** PostgreSQL's type id of bigint (int8). */
const INT8_OID = 20;

/**
 * node-postgres returns bigint columns as strings, because int8 exceeds JS's safe integers. Ours
 * (versions, sequence numbers, counts) stay far below 2^53, so read them as numbers like SQLite
 * does, and fail loudly rather than round if one ever does not.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} exceeds JavaScript's safe integer range`);
  return value;
}

/** Schema names are spliced into a connection option, so only plain identifiers are accepted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresPoolOptions {
  url: string;
  /** The schema the tables live in; each connection's search_path is set to it. */
  schema: string;
  maxConnections: number;
  /** Errors of idle pooled connections (server restart, network): the pool drops the connection. */
  onIdleError: (error: Error) => void;
}

export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid PostgreSQL schema name: ${options.schema}`);
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    types,
    // Set at connection start-up, so every pooled connection (not only the first) sees the schema.
    options: `-c search_path=${options.schema}`,
    application_name: 'conserje-server',
  });
  // Without a listener, an idle connection's error is an unhandled 'error' event that ends the process.
  pool.on('error', options.onIdleError);
  return pool;
}
