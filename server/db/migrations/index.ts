import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial';
import * as workingSet from './0002_working_set';
import * as bookings from './0003_bookings';
import * as messaging from './0004_messaging';
import * as eventSearch from './0005_event_search';
import * as retentionIndexes from './0006_retention_indexes';

/**
 * Every migration, in order, as code: bundled with the server, nothing read from disk at run
 * time. Kysely runs them sorted by name, so names keep their zero-padded numeric prefix.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_working_set': workingSet,
  '0003_bookings': bookings,
  '0004_messaging': messaging,
  '0005_event_search': eventSearch,
  '0006_retention_indexes': retentionIndexes,
};

export const codeMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
