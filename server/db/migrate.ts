import { Migrator } from 'kysely';
import type { ServerDb } from './database';
import { codeMigrationProvider } from './migrations';

/**
 * Brings the schema up to date; run at start-up before serving. Safe with several server
 * instances starting at once: Kysely's migrator takes a lock (an advisory lock on PostgreSQL).
 * Returns the names of the migrations it applied.
 */
export async function migrateToLatest(db: ServerDb): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: codeMigrationProvider,
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours; with
    // one schema per tenant or test, another schema's tables would fool it.
    ...(db.schema === null ? {} : { migrationTableSchema: db.schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
