import Dexie, { type EntityTable } from 'dexie';
import type { Amenity, Booking } from '../../shared/domain/bookings';
import type { Message, MessageTemplate, MessageThread } from '../../shared/domain/messaging';
import type { Building, DomainEvent, Package, Resident, Staff, Unit } from '../../shared/domain/model';
import type { MutationName } from '../../shared/mutations/registry';
import type { Rejection } from '../../shared/sync/protocol';
import { keepSequenceCounter, quarantinePackagesThatFailValidation } from './upgrades';

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

/**
 * The value a row had before the first optimistic (not yet acknowledged) write to it: the server's
 * state at the desk's cursor. A pull restores every shadow before applying the server's changes and
 * replaying the outbox, so optimistic effects never stick once the server has decided.
 */
export interface ShadowRow {
  /** `${table}:${id}` */
  key: string;
  table: string;
  id: string;
  /** The row before the first optimistic write, or null when it did not exist. */
  row: unknown;
}

/** A staff member dismissed a rejection on this desk: local only, never synced. */
export interface RejectionAck {
  id: string;
  at: string;
  staffId: string | null;
}

export const DATABASE_NAME = 'conserje-desk';

/** Meta keys written by sync: the pull cursor (absent until the first pull) and the server's ack. */
export const CURSOR_KEY = 'syncCursor';
export const LAST_PROCESSED_SEQ_KEY = 'lastProcessedSeq';

/** The pull cursor, or null while the desk has never pulled (its first pull replaces its tables). */
export async function storedCursor(db: DeskDatabase): Promise<number | null> {
  const entry = await db.meta.get(CURSOR_KEY);
  return typeof entry?.value === 'number' ? entry.value : null;
}

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

// Version 3 adds sync: `shadows` (pre-images of rows written optimistically, for the rebase),
// `rejections` (pulled from the server, one per refused mutation) and `rejectionAcks` (which of them
// the staff dismissed on this desk). Once sync deletes acknowledged outbox entries the outbox can be
// empty, so the upgrade also persists the next sequence number (it must never go back).
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  shadows: 'key',
  rejections: 'id, deskId, decidedAt',
  rejectionAcks: 'id',
} as const;

// Version 4 adds amenities and bookings (shared/domain/bookings.ts). Bookings are read by amenity
// and time (calendars), by unit (quotas, history) and by status (approvals, waitlist).
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  amenities: 'id',
  bookings: 'id, amenityId, unitId, status, start, [amenityId+start]',
} as const;

// Version 5 adds resident messaging (shared/domain/messaging.ts): threads listed newest first and
// by resident or unit and those with unread replies, messages read per thread in time order, templates.
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  threads: 'id, unitId, residentId, lastMessageAt, unread',
  messages: 'id, threadId, [threadId+sentAt]',
  templates: 'id',
} as const;

export class DeskDatabase extends Dexie {
  buildings!: EntityTable<Building, 'id'>;
  units!: EntityTable<Unit, 'id'>;
  residents!: EntityTable<Resident, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  packages!: EntityTable<Package, 'id'>;
  events!: EntityTable<DomainEvent, 'id'>;
  amenities!: EntityTable<Amenity, 'id'>;
  bookings!: EntityTable<Booking, 'id'>;
  threads!: EntityTable<MessageThread, 'id'>;
  messages!: EntityTable<Message, 'id'>;
  templates!: EntityTable<MessageTemplate, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  quarantine!: EntityTable<QuarantinedRow, 'id'>;
  shadows!: EntityTable<ShadowRow, 'key'>;
  rejections!: EntityTable<Rejection, 'id'>;
  rejectionAcks!: EntityTable<RejectionAck, 'id'>;

  constructor(name = DATABASE_NAME) {
    // Strict durability: a commit is reported only once it is on disk, so "saved" on screen means
    // saved through a power cut (Chromium otherwise relaxes it and may lose the last writes).
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) => quarantinePackagesThatFailValidation(tx));
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) => keepSequenceCounter(tx));
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
  }
}
