import { z } from 'zod';
import { Id, IsoInstant, Language } from './model';
import { lineText, noteText } from './text';

// Resident messaging (tracker issue 5): threads between the desk and residents, the messages in
// them, and templates written per language. Rows sync to every desk of the building like packages.
// Who a message reaches and how its e-mails fared is decided by the central service; the desk
// sees a summary per message (`delivery`), written back by the service as e-mails go out.

/** What the desk may write in one message; the same bound applies to a resident's reply. */
export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_SUBJECT_LENGTH = 120;
/** A broadcast names its units (frozen when the staff confirmed the count). */
export const MAX_BROADCAST_UNITS = 5000;

/** A message body: trimmed, not empty, at most MAX_MESSAGE_LENGTH characters, newlines allowed. */
export const MessageBody = noteText(MAX_MESSAGE_LENGTH).pipe(z.string().min(1, { message: 'text.required' }));
export const MessageSubject = lineText(MAX_SUBJECT_LENGTH);

/** Text per language; the building's default language is the fallback for everyone else. */
export const LocalizedSubject = z.partialRecord(Language, MessageSubject);
export type LocalizedSubject = z.infer<typeof LocalizedSubject>;
export const LocalizedBody = z.partialRecord(Language, MessageBody);
export type LocalizedBody = z.infer<typeof LocalizedBody>;

/** What a template is for: compose at the desk, or one of the notices the service sends by itself. */
export const NOTICE_KINDS = ['packageReceived', 'packageReminder', 'bookingConfirmed', 'bookingDeclined', 'bookingCancelled', 'bookingOffered'] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;
export const TEMPLATE_PURPOSES = ['custom', ...NOTICE_KINDS] as const;
export const TemplatePurpose = z.enum(TEMPLATE_PURPOSES);
export type TemplatePurpose = z.infer<typeof TemplatePurpose>;

/** The id under which a building overrides the built-in wording of a notice. */
export function noticeTemplateId(kind: NoticeKind): string {
  return `notice-${kind}`;
}

export const MessageTemplate = z.object({
  id: Id,
  name: lineText(80),
  purpose: TemplatePurpose,
  subject: LocalizedSubject,
  body: LocalizedBody,
  updatedAt: IsoInstant,
  updatedBy: Id,
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const BROADCAST_SCOPES = ['building', 'floors', 'units'] as const;
export const BroadcastScope = z.enum(BROADCAST_SCOPES);
export type BroadcastScope = z.infer<typeof BroadcastScope>;

export const Floor = z.number().int().min(-10).max(300);

export const BroadcastAudience = z.object({
  scope: BroadcastScope,
  /** The floors chosen (scope 'floors'), for the record; `unitIds` is what counts. */
  floors: z.array(Floor).max(400),
  unitIds: z.array(Id).min(1).max(MAX_BROADCAST_UNITS),
});
export type BroadcastAudience = z.infer<typeof BroadcastAudience>;

export const THREAD_KINDS = ['resident', 'unit', 'broadcast'] as const;
export const ThreadKind = z.enum(THREAD_KINDS);
export type ThreadKind = z.infer<typeof ThreadKind>;

/**
 * A conversation with one resident, with a whole unit (every resident of it receives it), or a
 * broadcast to many units. A resident's reply to a broadcast lands in their own thread.
 */
export const MessageThread = z.object({
  id: Id,
  kind: ThreadKind,
  /** The unit of a resident or unit thread; null for a broadcast. */
  unitId: Id.nullable(),
  /** The resident of a resident thread; null otherwise. */
  residentId: Id.nullable(),
  broadcast: BroadcastAudience.nullable(),
  subject: MessageSubject,
  createdAt: IsoInstant,
  /** The staff member who started it, or null when a resident wrote first. */
  createdBy: Id.nullable(),
  lastMessageAt: IsoInstant,
  lastInboundAt: IsoInstant.nullable(),
  /** Residents' messages after `readUpTo`: what the desk has not read yet. */
  unread: z.number().int().min(0),
  readUpTo: IsoInstant.nullable(),
  readBy: Id.nullable(),
});
export type MessageThread = z.infer<typeof MessageThread>;

/** Why a recipient did not get (or will not get) a message. */
export const DELIVERY_PROBLEMS = [
  /** The resident has no e-mail address. */
  'noEmail',
  /** The resident asked for no e-mail. */
  'optedOut',
  /** An earlier e-mail to this address came back as refused; correct the address first. */
  'bounced',
  /** The mail server refused the address now (a permanent 5xx answer). */
  'refused',
  /** The mail server refused the message itself (size, content) permanently. */
  'rejected',
  /** Every retry failed (the mail server stayed unreachable or kept deferring). */
  'gaveUp',
  /** The service stopped while handing the e-mail over: it may or may not have gone out. */
  'interrupted',
  /** The central service has no mail server configured. */
  'notConfigured',
  /** The resident left the directory before the e-mail went out. */
  'residentGone',
] as const;
export const DeliveryProblemCode = z.enum(DELIVERY_PROBLEMS);
export type DeliveryProblemCode = z.infer<typeof DeliveryProblemCode>;

/** Why the e-mails still queued are waiting for another attempt. */
export const RETRY_REASONS = ['connection', 'timeout', 'deferred', 'authentication'] as const;
export const RetryReason = z.enum(RETRY_REASONS);
export type RetryReason = z.infer<typeof RetryReason>;

export const MAX_LISTED_PROBLEMS = 20;

export const DeliveryProblem = z.object({
  residentId: Id,
  code: DeliveryProblemCode,
  /** The mail server's reply code when it gave one (550, 421…). */
  smtpCode: z.number().int().min(200).max(599).nullable(),
  at: IsoInstant,
});
export type DeliveryProblem = z.infer<typeof DeliveryProblem>;

/** How a message's e-mails fared, as the central service last summarized them. */
export const MessageDelivery = z.object({
  /** Residents the message was addressed to. */
  recipients: z.number().int().min(0),
  /** Waiting to be handed to the mail server (first attempt or a retry). */
  queued: z.number().int().min(0),
  /** Of `queued`: those that failed at least once and wait for another attempt. */
  retrying: z.number().int().min(0),
  retryReason: RetryReason.nullable(),
  sent: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Not sent on purpose: no address, opted out, bounced before. */
  skipped: z.number().int().min(0),
  /** How many recipients each problem concerns (all of them, unlike `problems`). */
  problemCounts: z.partialRecord(DeliveryProblemCode, z.number().int().min(0)),
  /** The first problems, by resident (at most MAX_LISTED_PROBLEMS). */
  problems: z.array(DeliveryProblem).max(MAX_LISTED_PROBLEMS),
  updatedAt: IsoInstant,
});
export type MessageDelivery = z.infer<typeof MessageDelivery>;

export const MessageDirection = z.enum(['outbound', 'inbound']);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const Message = z.object({
  id: Id,
  threadId: Id,
  /** outbound: the desk wrote to residents; inbound: a resident wrote to the desk. */
  direction: MessageDirection,
  staffId: Id.nullable(),
  /** The resident who wrote an inbound message. */
  residentId: Id.nullable(),
  /** As typed, or the template in the building's language; placeholders are filled per recipient. */
  body: MessageBody,
  /** A template's text in every language, kept as it was when sent (later edits do not change it). */
  template: z.object({ id: Id, subject: LocalizedSubject, body: LocalizedBody }).nullable(),
  sentAt: IsoInstant,
  /** The desk mutation that wrote it; null for a resident's message. */
  mutationId: Id.nullable(),
  /** Null until the central service has planned the e-mails (and always for inbound messages). */
  delivery: MessageDelivery.nullable(),
});
export type Message = z.infer<typeof Message>;
