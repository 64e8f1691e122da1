import Dexie, { type EntityTable } from 'dexie';
import type { Building, DomainEvent, Package, Resident, Staff, Unit } from '../../shared/domain/model';
import type { MutationName } from '../../shared/mutations/registry';
import { quarantinePackagesThatFailValidation } from './upgrades';

/** A mutation waiting to reach the central service, in the order the desk made them. */
export interface OutboxEntry {
  id: string;
  seq: number;
  name: MutationName;
  args: unknown;
  staffId: string;
  deskId: string;
  at: string;
}

/** Small key/value facts about this desk: its id, the next sequence number, remembered choices. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A row that failed validation during a schema upgrade: kept aside, never silently dropped. */
export interface QuarantinedRow {
  id?: number;
  table: string;
  row: unknown;
  reason: string;
  at: string;
}

export const DATABASE_NAME = 'conserje-desk';

// Version 1 was the first release's layout. Version 2 adds the indexes the waiting list filters on
// ([status+receivedAt], location, carrier) and validates every package row on the way, moving rows
// that no longer parse to `quarantine` instead of failing the upgrade.
export const SCHEMA_V1 = {
  buildings: 'id',
  units: 'id, label',
  residents: 'id, unitId',
  staff: 'id',
  packages: 'id, status, unitId, residentId, trackingNumber, shortCode, receivedAt',
  events: 'id, at, packageId',
  outbox: 'id, &seq',
  meta: 'key',
} as const;

export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  packages: 'id, status, unitId, residentId, trackingNumber, shortCode, receivedAt, [status+receivedAt], location, carrier',
  quarantine: '++id, table',
} as const;

export class DeskDatabase extends Dexie {
  buildings!: EntityTable<Building, 'id'>;
  units!: EntityTable<Unit, 'id'>;
  residents!: EntityTable<Resident, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  packages!: EntityTable<Package, 'id'>;
  events!: EntityTable<DomainEvent, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  quarantine!: EntityTable<QuarantinedRow, 'id'>;

  constructor(name = DATABASE_NAME) {
    // Strict durability: a commit is reported only once it is on disk, so "saved" on screen means
    // saved through a power cut (Chromium otherwise relaxes it and may lose the last writes).
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) => quarantinePackagesThatFailValidation(tx));
  }
}
