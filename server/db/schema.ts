// Kysely's view of the central database. One set of tables serves SQLite and PostgreSQL, so the
// column types are the portable subset: text, integer (0/1 flags) and bigint (versions, sequence
// numbers; read back as JS numbers on both dialects, see ./postgres.ts). Timestamps are ISO-8601
// UTC text, which sorts like the instant it names. Rows that desks receive are stored whole as
// JSON text in `data`; only the columns that queries filter on are real columns.

/** Columns every synced row table has. */
export interface SyncedRowColumns {
  building_id: string;
  id: string;
  /** The building's version at this row's last write: pulls page by it (see server/README.md). */
  version: number;
  /** 1 for a tombstone: the row was deleted and syncs as `row: null`. */
  deleted: number;
  /** The row as JSON text, shaped as in shared/domain/model.ts or shared/sync/protocol.ts; null for a tombstone. */
  data: string | null;
  /** When the row became settled history (shared/sync/workingSet.ts), null while desks always keep it. */
  history_at: string | null;
}

// The extra columns below mirror QUERYABLE_INDEXES (shared/mutations/tx.ts) so that
// `queryByIndex` is an indexed SQL query; ./indexes.ts maps each index to its column.
export interface UnitsTable extends SyncedRowColumns {
  label: string | null;
}

export interface ResidentsTable extends SyncedRowColumns {
  unit_id: string | null;
}

export type StaffTable = SyncedRowColumns;

export interface PackagesTable extends SyncedRowColumns {
  status: string | null;
  unit_id: string | null;
  resident_id: string | null;
  tracking_number: string | null;
  short_code: string | null;
}

export interface EventsTable extends SyncedRowColumns {
  package_id: string | null;
  /** The service's own search columns (migration 0005): the event's subject, author and instant. */
  resident_id: string | null;
  unit_id: string | null;
  staff_id: string | null;
  occurred_at: string | null;
}

export type AmenitiesTable = SyncedRowColumns;

export interface BookingsTable extends SyncedRowColumns {
  amenity_id: string | null;
  unit_id: string | null;
  status: string | null;
}

export interface ThreadsTable extends SyncedRowColumns {
  unit_id: string | null;
  resident_id: string | null;
}

export interface MessagesTable extends SyncedRowColumns {
  thread_id: string | null;
}

export type TemplatesTable = SyncedRowColumns;

export type RejectionsTable = SyncedRowColumns;

export interface BuildingsTable {
  id: string;
  name: string;
  time_zone: string;
  default_language: string;
  /** The building's version counter: the highest version given to any of its rows. */
  version: number;
  /** The version of the building row itself, which syncs like the other rows. */
  row_version: number;
  created_at: string;
}

export interface DesksTable {
  /** Assigned by the server at enrollment, unique across buildings. */
  id: string;
  building_id: string;
  name: string;
  /** A hash of the device secret; the secret itself is never stored here. */
  credential_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  /** The last outbox sequence number of this desk that was applied, rejected or acknowledged. */
  last_processed_seq: number;
}

export type MutationStatus = 'applied' | 'rejected';

/** One row per processed mutation id: what makes a retried push exactly-once. */
export interface MutationLogTable {
  id: string;
  building_id: string;
  desk_id: string;
  seq: number;
  name: string;
  staff_id: string;
  status: MutationStatus;
  /** The rejection code, or null when applied. */
  code: string | null;
  /** The rejection parameters as JSON text, or null when applied. */
  params: string | null;
  processed_at: string;
}

export interface EnrollmentCodesTable {
  /** A hash of the one-time code: a leaked database does not leak usable codes. */
  code_hash: string;
  building_id: string;
  /** The staff member (manager or admin) who issued it. */
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The desk enrolled with it, once used. */
  desk_id: string | null;
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

/** One e-mail (or later SMS, push) to one resident: a message's copy or an automatic notice. */
export interface DeliveryOutboxTable {
  building_id: string;
  id: string;
  kind: string;
  channel: string;
  resident_id: string;
  message_id: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  code: string | null;
  smtp_code: number | null;
  summarized: number;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Every attempt and its outcome: codes and ids only, never addresses or text. */
export interface DeliveryLogTable {
  id: string;
  building_id: string;
  delivery_id: string;
  attempt: number;
  at: string;
  outcome: string;
  code: string | null;
  smtp_code: number | null;
  provider_id: string | null;
}

/** One-time links e-mailed to residents; only a hash of the token is kept. */
export interface ResidentLinksTable {
  token_hash: string;
  building_id: string;
  resident_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ResidentSessionsTable {
  token_hash: string;
  building_id: string;
  resident_id: string;
  form_token: string;
  created_at: string;
  expires_at: string;
}

export interface Schema {
  buildings: BuildingsTable;
  units: UnitsTable;
  residents: ResidentsTable;
  staff: StaffTable;
  packages: PackagesTable;
  events: EventsTable;
  amenities: AmenitiesTable;
  bookings: BookingsTable;
  threads: ThreadsTable;
  messages: MessagesTable;
  templates: TemplatesTable;
  rejections: RejectionsTable;
  desks: DesksTable;
  mutation_log: MutationLogTable;
  enrollment_codes: EnrollmentCodesTable;
  delivery_outbox: DeliveryOutboxTable;
  delivery_log: DeliveryLogTable;
  resident_links: ResidentLinksTable;
  resident_sessions: ResidentSessionsTable;
}
