import { z } from 'zod';
import { Message } from '../domain/messaging';
import { DomainEvent, Id, IsoInstant, Package } from '../domain/model';

// Searching history on the central service (ARCHITECTURE.md: desks keep a working set; older
// history is searched on the server when online). The desk resolves what the staff typed to a
// unit, a resident or a tracking number with its own directory, then asks for that building's
// packages of every age, newest change first, page by page.

export const MAX_HISTORY_PAGE = 100;

/** Tracking numbers are stored compact (no spaces or dashes, upper-case) and searched the same way. */
export function normalizeTrackingQuery(text: string): string {
  return text.normalize('NFKC').replace(/[\s-]+/g, '').toUpperCase();
}

export const HistoryQuery = z.discriminatedUnion('by', [
  z.object({ by: z.literal('unit'), unitId: Id }),
  z.object({ by: z.literal('resident'), residentId: Id }),
  /** The whole number, or its last characters (what is legible on a crumpled label). */
  z.object({ by: z.literal('tracking'), trackingNumber: z.string().min(4).max(64).regex(/^[0-9A-Z]+$/) }),
]);
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistorySearchRequest = z.object({
  query: HistoryQuery,
  /** The previous page's `nextBefore`: only packages last changed before that version. */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE),
});
export type HistorySearchRequest = z.infer<typeof HistorySearchRequest>;

export const HistorySearchResponse = z.object({
  packages: z.array(Package),
  /** Pass back as `before` for the next page; null when there is no more. */
  nextBefore: z.number().int().positive().nullable(),
});
export type HistorySearchResponse = z.infer<typeof HistorySearchResponse>;

/** The event log on the service, for history older than desks keep and for privacy exports. */
export const EventHistoryRequest = z.object({
  subject: z.discriminatedUnion('by', [
    z.object({ by: z.literal('resident'), residentId: Id }),
    z.object({ by: z.literal('unit'), unitId: Id }),
    z.object({ by: z.literal('staff'), staffId: Id }),
    z.object({ by: z.literal('building') }),
  ]),
  /** Inclusive ISO instants; either may be omitted. */
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  /** The previous page's `nextBefore`. */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE),
});
export type EventHistoryRequest = z.infer<typeof EventHistoryRequest>;

export const EventHistoryResponse = z.object({
  events: z.array(DomainEvent),
  nextBefore: z.number().int().positive().nullable(),
});
export type EventHistoryResponse = z.infer<typeof EventHistoryResponse>;

/**
 * Older messages of one conversation (desks keep only those of the working-set window), newest
 * first, page by page. A page ends at a message; the next starts strictly before it, in
 * (sentAt, id) order, so messages sent at the same instant are neither skipped nor repeated.
 */
export const MessagePosition = z.object({ sentAt: IsoInstant, id: Id });
export type MessagePosition = z.infer<typeof MessagePosition>;

export const MessageHistoryRequest = z.object({
  threadId: Id,
  /** Only messages before this one (the oldest the desk shows); omitted: from the newest. */
  before: MessagePosition.optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE),
});
export type MessageHistoryRequest = z.infer<typeof MessageHistoryRequest>;

export const MessageHistoryResponse = z.object({
  messages: z.array(Message),
  /** Pass back as `before` for the next page; null when there is no more. */
  nextBefore: MessagePosition.nullable(),
});
export type MessageHistoryResponse = z.infer<typeof MessageHistoryResponse>;
