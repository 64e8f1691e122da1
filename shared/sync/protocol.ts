import { z } from 'zod';
import { Amenity, Booking } from '../domain/bookings';
import { Message, MessageTemplate, MessageThread } from '../domain/messaging';
import { Building, DomainEvent, Id, IsoInstant, Package, Resident, Staff, Unit } from '../domain/model';
import { REJECTION_CODES } from '../mutations/rejection';
import { MutationNameSchema } from '../mutations/registry';

// The sync protocol between desks and the central service (see ../shared/ARCHITECTURE.md).
// Push: the desk sends its outbox in order; the server runs each mutation in its own transaction,
// serialized per building, and answers with one result per mutation. Pull: the desk asks for every
// row whose version is above its cursor, page by page, and learns the last outbox sequence number
// the server has processed for it. Rejections are rows too, so they reach every desk as data.

/** Bumped on any incompatible change of the messages below; a desk that differs is told to update. */
export const PROTOCOL_VERSION = 1;
/** Bumped when the shape of synced rows changes (the desk's IndexedDB schema follows it). */
export const DATA_SCHEMA_VERSION = 1;

export const PROTOCOL_HEADER = 'x-conserje-protocol';
export const SCHEMA_HEADER = 'x-conserje-schema';

export const MAX_MUTATIONS_PER_PUSH = 100;
export const MAX_PULL_PAGE = 1000;
export const MAX_PUSH_BODY_BYTES = 1_000_000;

/** Mutation ids are UUIDs made by desks; the bound leaves room for derived ids (events: `<id>-e0`). */
export const MutationId = Id.max(56);

export const PushedMutation = z.object({
  id: MutationId,
  /** The desk's sequence number: 1, 2, 3… per desk, never reused. */
  seq: z.number().int().positive(),
  name: MutationNameSchema,
  args: z.unknown(),
  staffId: Id,
  at: IsoInstant,
});
export type PushedMutation = z.infer<typeof PushedMutation>;

export const PushRequest = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  schemaVersion: z.literal(DATA_SCHEMA_VERSION),
  deskId: Id,
  mutations: z.array(PushedMutation).min(1).max(MAX_MUTATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const RejectionCode = z.enum(REJECTION_CODES);
export const RejectionParams = z.record(z.string(), z.union([z.string(), z.number()]));

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ id: Id, seq: z.number().int(), status: z.literal('applied') }),
  /** Seen before: acknowledged, nothing applied again (exactly-once effects). */
  z.object({ id: Id, seq: z.number().int(), status: z.literal('duplicate') }),
  z.object({ id: Id, seq: z.number().int(), status: z.literal('rejected'), code: RejectionCode, params: RejectionParams }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  /** The building's version after this push. */
  version: z.number().int().nonnegative(),
  /** The last sequence number of this desk the server has processed. */
  lastProcessedSeq: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** A business-rule rejection, kept as data: the desk shows it in its sync panel with the reason. */
export const Rejection = z.object({
  id: Id, // the mutation id
  deskId: Id,
  staffId: Id,
  seq: z.number().int().positive(),
  mutationName: MutationNameSchema,
  code: RejectionCode,
  params: RejectionParams,
  at: IsoInstant,
  /** Server time the rejection was decided. */
  decidedAt: IsoInstant,
});
export type Rejection = z.infer<typeof Rejection>;

/** Every table a desk receives, with its row schema. */
export const SYNCED_TABLES = {
  buildings: Building,
  units: Unit,
  residents: Resident,
  staff: Staff,
  packages: Package,
  events: DomainEvent,
  amenities: Amenity,
  bookings: Booking,
  threads: MessageThread,
  messages: Message,
  templates: MessageTemplate,
  rejections: Rejection,
} as const;
export type SyncedTable = keyof typeof SYNCED_TABLES;
export const SyncedTableName = z.enum(Object.keys(SYNCED_TABLES) as [SyncedTable, ...SyncedTable[]]);

export const RowChange = z.object({
  table: SyncedTableName,
  id: Id,
  version: z.number().int().positive(),
  /** The row as the server has it, or null when it was deleted (a tombstone). */
  row: z.unknown().nullable(),
});
export type RowChange = z.infer<typeof RowChange>;

export const PullRequest = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  schemaVersion: z.literal(DATA_SCHEMA_VERSION),
  deskId: Id,
  /** The highest version this desk has applied; 0 for a new desk. */
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_PULL_PAGE).default(500),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  /** Ordered by version. */
  changes: z.array(RowChange),
  /** Pass back as `cursor` for the next page. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** The last of this desk's sequence numbers the server has processed: outbox entries up to it are done. */
  lastProcessedSeq: z.number().int().nonnegative(),
  /**
   * The start of the working set's history window on the server's clock (shared/sync/workingSet.ts):
   * the server sent no history settled before it, and the desk evicts what has aged past it.
   * Absent from a server that keeps no window: the desk then evicts nothing.
   */
  historySince: IsoInstant.optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Machine-readable error codes of 4xx answers; every answer also carries a human message. */
export const SYNC_ERROR_CODES = [
  'malformedRequest',
  'bodyTooLarge',
  'protocolOutdated',
  'schemaOutdated',
  'unauthenticated',
  'deviceRevoked',
  'wrongBuilding',
  'sequenceGap',
  /** A new mutation under a sequence number already processed (the desk's database went back in time): renumber and push again. */
  'sequenceReused',
  /** The desk's cursor is ahead of the server (restored backup, new database): drop local data and pull again. */
  'resetRequired',
  'enrollmentCodeInvalid',
  'notFound',
] as const;
export const SyncErrorCode = z.enum(SYNC_ERROR_CODES);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

export const ErrorResponse = z.object({
  error: SyncErrorCode,
  message: z.string(),
  /** With sequenceGap: the sequence number the server expected next, and the last it processed. */
  expectedSeq: z.number().int().optional(),
  lastProcessedSeq: z.number().int().nonnegative().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
