// Storage of the central service: one schema and one set of migrations for SQLite and PostgreSQL.
export { createDatabase, databaseConfigFromEnv, type DatabaseConfig, type ServerDb, type SqlDialect } from './database';
export { migrateToLatest } from './migrate';
export { insertDesk, revokeDesk, type NewDesk } from './desks';
export type { Schema } from './schema';
