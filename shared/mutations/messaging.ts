import { z } from 'zod';
import {
  BroadcastScope,
  Floor,
  LocalizedBody,
  LocalizedSubject,
  MAX_BROADCAST_UNITS,
  MessageBody,
  MessageSubject,
  TemplatePurpose,
  type Message,
  type MessageTemplate,
  type MessageThread,
} from '../domain/messaging';
import { Id, IsoInstant, LANGUAGES, type Resident } from '../domain/model';
import { lineText } from '../domain/text';
import { checkPlaceholders, checkTemplateTexts, type PlaceholderProblem, type TemplateProblem } from '../messaging/placeholders';
import { unreadCount } from '../messaging/unread';
import { ALL_ROLES, defineMutator } from './define';
import { DIRECTORY_ROLES } from './directory';
import { recordEvent } from './events';
import { reject } from './rejection';
import type { MutationContext, MutationTx } from './tx';

// Messages to residents, written at the desk. The mutators record what was said and to whom; the
// central service decides who receives e-mail (address, opt-out, bounces) and writes each
// message's delivery summary back. Events carry ids and counts, never the text.

/** Who a new thread is for: one resident, or every resident of a unit. */
export const ThreadRecipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), residentId: Id }),
  z.object({ kind: z.literal('unit'), unitId: Id }),
]);
export type ThreadRecipient = z.infer<typeof ThreadRecipient>;

/** Exactly one of a typed body or a template. */
const bodyOrTemplate = <T extends { body: string | null; templateId: string | null }>(args: T) => (args.body === null) !== (args.templateId === null);
const BODY_OR_TEMPLATE = { message: 'messages.bodyOrTemplate', path: ['body'] };

export const SendMessageArgs = z
  .object({
    messageId: Id,
    threadId: Id,
    /** Only to start a thread: who it is for and what it is about. Ignored when the thread exists. */
    newThread: z.object({ to: ThreadRecipient, subject: MessageSubject }).nullable(),
    body: MessageBody.nullable(),
    templateId: Id.nullable(),
  })
  .refine(bodyOrTemplate, BODY_OR_TEMPLATE);
export type SendMessageArgs = z.input<typeof SendMessageArgs>;

/**
 * Writes a message in a thread (starting the thread when it is new). Replying counts as reading:
 * the thread's residents' messages up to now are marked read.
 */
export const sendMessage = defineMutator({
  args: SendMessageArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    if (await tx.get('messages', args.messageId)) reject('messageAlreadyExists');
    let thread = await tx.get('threads', args.threadId);
    if (!thread) {
      if (!args.newThread) reject('threadUnknown');
      thread = await newThread(tx, args.threadId, args.newThread.to, args.newThread.subject, context);
    } else if (thread.residentId !== null && !(await tx.get('residents', thread.residentId))) {
      reject('residentUnknown');
    } else if (thread.kind === 'broadcast' && !(DIRECTORY_ROLES as readonly string[]).includes(context.staffRole)) {
      // Writing in a broadcast reaches all its units again: the same people who may broadcast.
      reject('notAllowedForRole', { role: context.staffRole });
    }
    const content = await messageContent(tx, args.body, args.templateId);
    const message: Message = {
      id: args.messageId,
      threadId: thread.id,
      direction: 'outbound',
      staffId: context.staffId,
      residentId: null,
      body: content.body,
      template: content.template,
      sentAt: context.at,
      mutationId: context.mutationId,
      delivery: null,
    };
    await tx.put('messages', message);
    await tx.put('threads', await withReadState(tx, { ...thread, lastMessageAt: later(thread.lastMessageAt, context.at) }, context.at, context.staffId));
    await recordEvent(tx, context, 0, 'message.sent', {
      unitId: thread.unitId,
      residentId: thread.residentId,
      data: { threadId: thread.id, messageId: message.id, kind: thread.kind, template: content.template?.id ?? null },
    });
  },
});

async function newThread(tx: MutationTx, threadId: string, to: ThreadRecipient, subject: string, context: MutationContext): Promise<MessageThread> {
  let unitId: string;
  let residentId: string | null = null;
  if (to.kind === 'resident') {
    const resident = await tx.get('residents', to.residentId);
    if (!resident) reject('recipientUnknown');
    unitId = resident.unitId;
    residentId = resident.id;
  } else {
    if (!(await tx.get('units', to.unitId))) reject('unitUnknown');
    unitId = to.unitId;
  }
  return {
    id: threadId,
    kind: to.kind,
    unitId,
    residentId,
    broadcast: null,
    subject,
    createdAt: context.at,
    createdBy: context.staffId,
    lastMessageAt: context.at,
    lastInboundAt: null,
    unread: 0,
    readUpTo: null,
    readBy: null,
  };
}

interface Content {
  body: string;
  template: Message['template'];
}

/** A typed body as is, or a template's texts kept whole (each recipient gets their language). */
async function messageContent(tx: MutationTx, body: string | null, templateId: string | null): Promise<Content> {
  if (body !== null) {
    rejectBrokenPlaceholder(checkPlaceholders(body, 'custom'), 'body');
    return { body, template: null };
  }
  const template = templateId === null ? undefined : await tx.get('templates', templateId);
  if (!template || template.purpose !== 'custom') reject('templateUnknown');
  const problem = checkTemplateTexts(template.subject, template.body, 'custom');
  if (problem) rejectBrokenTemplate(problem);
  // What the desk shows for it; every recipient gets their own language (or the building's).
  const shown = LANGUAGES.map((language) => template.body[language]).find((text) => text !== undefined);
  if (shown === undefined) reject('templateInvalid', { problem: 'empty', language: '', field: 'body', placeholder: '' });
  return { body: shown, template: { id: template.id, subject: template.subject, body: template.body } };
}

function rejectBrokenPlaceholder(problem: PlaceholderProblem | null, field: string): void {
  if (problem) reject('templateInvalid', { problem: problem.kind, placeholder: problem.placeholder, field, language: '' });
}

function rejectBrokenTemplate(problem: TemplateProblem): never {
  reject('templateInvalid', { problem: problem.kind, placeholder: problem.placeholder, field: problem.field, language: problem.language });
}

/** The later of two instants (ISO strings in UTC compare as text). */
function later(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * The thread marked read up to `upTo` (never backwards) by `staffId`, with its unread count
 * recomputed from the residents' messages after that instant, so a reply that arrived on the
 * service after the desk looked stays unread.
 */
async function withReadState(tx: MutationTx, thread: MessageThread, upTo: string, staffId: string): Promise<MessageThread> {
  const readUpTo = thread.readUpTo === null ? upTo : later(thread.readUpTo, upTo);
  const messages = await tx.queryByIndex('messages', 'threadId', thread.id);
  return { ...thread, readUpTo, readBy: staffId, unread: unreadCount(readUpTo, messages) };
}

export const MarkThreadReadArgs = z.object({ threadId: Id, upTo: IsoInstant });
export type MarkThreadReadArgs = z.input<typeof MarkThreadReadArgs>;

/** The desk has read a thread up to the newest message it showed. Idempotent; no event (it is not an action on anyone's behalf). */
export const markThreadRead = defineMutator({
  args: MarkThreadReadArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const thread = await tx.get('threads', args.threadId);
    if (!thread) reject('threadUnknown');
    await tx.put('threads', await withReadState(tx, thread, args.upTo, context.staffId));
  },
});

export const BroadcastArgs = z
  .object({
    messageId: Id,
    threadId: Id,
    scope: BroadcastScope,
    floors: z.array(Floor).max(400),
    /** The units the staff confirmed, resolved from the scope at that moment. */
    unitIds: z
      .array(Id)
      .min(1, { message: 'messages.noUnits' })
      .max(MAX_BROADCAST_UNITS)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'messages.duplicateUnits' }),
    subject: MessageSubject,
    body: MessageBody.nullable(),
    templateId: Id.nullable(),
    /** The number of residents shown when the staff confirmed (for the record). */
    confirmedRecipients: z.number().int().min(0),
  })
  .refine(bodyOrTemplate, BODY_OR_TEMPLATE);
export type BroadcastArgs = z.input<typeof BroadcastArgs>;

/** A message to many units at once (managers and administrators). Each resident receives it in their own e-mail. */
export const broadcast = defineMutator({
  args: BroadcastArgs,
  roles: DIRECTORY_ROLES,
  async apply(tx, args, context) {
    if (await tx.get('messages', args.messageId)) reject('messageAlreadyExists');
    if (await tx.get('threads', args.threadId)) reject('messageAlreadyExists');
    let unknown = 0;
    for (const unitId of args.unitIds) if (!(await tx.get('units', unitId))) unknown += 1;
    if (unknown > 0) reject('unitUnknown', { count: unknown });
    const content = await messageContent(tx, args.body, args.templateId);
    const thread: MessageThread = {
      id: args.threadId,
      kind: 'broadcast',
      unitId: null,
      residentId: null,
      broadcast: { scope: args.scope, floors: args.floors, unitIds: args.unitIds },
      subject: args.subject,
      createdAt: context.at,
      createdBy: context.staffId,
      lastMessageAt: context.at,
      lastInboundAt: null,
      unread: 0,
      readUpTo: null,
      readBy: null,
    };
    await tx.put('threads', thread);
    await tx.put('messages', {
      id: args.messageId,
      threadId: thread.id,
      direction: 'outbound',
      staffId: context.staffId,
      residentId: null,
      body: content.body,
      template: content.template,
      sentAt: context.at,
      mutationId: context.mutationId,
      delivery: null,
    });
    await recordEvent(tx, context, 0, 'message.broadcast', {
      data: { threadId: thread.id, messageId: args.messageId, scope: args.scope, units: args.unitIds.length, confirmedRecipients: args.confirmedRecipients },
    });
  },
});

export const UpsertTemplateArgs = z.object({
  templateId: Id,
  name: lineText(80),
  purpose: TemplatePurpose,
  subject: LocalizedSubject,
  body: LocalizedBody,
});
export type UpsertTemplateArgs = z.input<typeof UpsertTemplateArgs>;

/**
 * Saves a template (managers). Every placeholder must be known and have a value for the
 * template's purpose; each language present has both a subject and a body.
 */
export const upsertTemplate = defineMutator({
  args: UpsertTemplateArgs,
  roles: DIRECTORY_ROLES,
  async apply(tx, args, context) {
    const problem = checkTemplateTexts(args.subject, args.body, args.purpose);
    if (problem) rejectBrokenTemplate(problem);
    // At least one language; the desk also asks for the building's default language, the fallback
    // for residents whose language is missing (the service falls back to any language it has).
    if (!LANGUAGES.some((language) => args.body[language] !== undefined)) {
      reject('templateInvalid', { problem: 'empty', language: '', field: 'body', placeholder: '' });
    }
    // A language with a body needs a subject too, or its e-mails would carry another language's subject.
    const halfDone = LANGUAGES.find((language) => (args.body[language] === undefined) !== (args.subject[language] === undefined));
    if (halfDone) reject('templateInvalid', { problem: 'subjectOrBodyMissing', language: halfDone, field: args.body[halfDone] === undefined ? 'body' : 'subject', placeholder: '' });
    const before = await tx.get('templates', args.templateId);
    if (before && before.purpose !== args.purpose) reject('templateInvalid', { problem: 'purposeChanged', language: '', field: 'purpose', placeholder: '' });
    const template: MessageTemplate = {
      id: args.templateId,
      name: args.name,
      purpose: args.purpose,
      subject: args.subject,
      body: args.body,
      updatedAt: context.at,
      updatedBy: context.staffId,
    };
    await tx.put('templates', template);
    await recordEvent(tx, context, 0, 'template.saved', { data: { templateId: template.id, purpose: template.purpose, languages: LANGUAGES.filter((language) => args.body[language] !== undefined).join(',') } });
  },
});

export const SetResidentMessagingArgs = z.object({
  residentId: Id,
  emailOptOut: z.boolean(),
  /** Reminders pause through this date in the building's zone; null ends the hold. */
  vacationHoldUntil: z.iso.date({ message: 'messages.invalidDate' }).nullable(),
  /** The resident says the mailbox works again: e-mail is tried again. */
  clearBounce: z.boolean(),
});
export type SetResidentMessagingArgs = z.input<typeof SetResidentMessagingArgs>;

/** A resident's e-mail choices, recorded at the desk (the resident page changes the opt-out too). */
export const setResidentMessaging = defineMutator({
  args: SetResidentMessagingArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const resident = await tx.get('residents', args.residentId);
    if (!resident) reject('residentUnknown');
    const updated: Resident = {
      ...resident,
      emailOptOut: args.emailOptOut,
      vacationHoldUntil: args.vacationHoldUntil,
      emailBounce: args.clearBounce ? null : (resident.emailBounce ?? null),
    };
    await tx.put('residents', updated);
    await recordEvent(tx, context, 0, 'resident.messagingChanged', {
      unitId: resident.unitId,
      residentId: resident.id,
      data: { emailOptOut: args.emailOptOut, vacationHold: args.vacationHoldUntil !== null, bounceCleared: args.clearBounce },
    });
  },
});
