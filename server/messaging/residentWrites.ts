import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH, MessageBody, MessageSubject, type Message, type MessageThread } from '../../shared/domain/messaging';
import type { Resident } from '../../shared/domain/model';
import { interpolate, RESIDENT_CATALOGS } from '../../shared/messaging/residentText';
import type { ServerDb } from '../db/database';
import type { Schema } from '../db/schema';
import { BuildingRows } from '../sync/buildingRows';
import { inBuildingTransaction } from '../sync/buildingTransaction';

// What a resident writes on their page, written straight into the building's synced rows under
// the building's lock (like a desk's mutation, without a desk): a message in one of their threads
// and the thread's unread count, which every desk pulls after the poke. A reply to a broadcast
// goes to the resident's own thread ("Re: …"), not to everyone who received the broadcast.

export type ResidentWriteProblem = 'empty' | 'tooLong' | 'subjectTooLong' | 'invalidCharacters' | 'notFound';

export type ResidentWriteResult = { ok: true; threadId: string } | { ok: false; problem: ResidentWriteProblem; count?: number };

export interface ResidentPost {
  buildingId: string;
  residentId: string;
  /** The thread replied to, or null for a new message to the desk. */
  threadId: string | null;
  subject: string | null;
  body: string;
  now: Date;
}

/** Checks a body and subject as a desk would; the problem names what the resident must change. */
export function checkResidentText(body: string, subject: string | null): { ok: true; body: string; subject: string | null } | { ok: false; problem: ResidentWriteProblem; count?: number } {
  const parsed = MessageBody.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    if (message === 'text.tooLong') return { ok: false, problem: 'tooLong', count: body.trim().length };
    if (message === 'text.controlCharacters') return { ok: false, problem: 'invalidCharacters' };
    return { ok: false, problem: 'empty' };
  }
  if (subject === null || subject.trim() === '') return { ok: true, body: parsed.data, subject: null };
  const parsedSubject = MessageSubject.safeParse(subject);
  if (!parsedSubject.success) return { ok: false, problem: parsedSubject.error.issues[0]?.message === 'text.tooLong' ? 'subjectTooLong' : 'invalidCharacters' };
  return { ok: true, body: parsed.data, subject: parsedSubject.data };
}

export const RESIDENT_TEXT_LIMITS = { body: MAX_MESSAGE_LENGTH, subject: MAX_SUBJECT_LENGTH };

export async function postResidentMessage(db: ServerDb, post: ResidentPost): Promise<ResidentWriteResult> {
  const text = checkResidentText(post.body, post.subject);
  if (!text.ok) return text;
  return inBuildingTransaction(db, post.buildingId, async (trx, building) => {
    const rows = new BuildingRows(trx, post.buildingId, building.clock);
    const resident = await rows.get('residents', post.residentId);
    if (!resident) return { ok: false, problem: 'notFound' };
    const now = post.now.toISOString();
    const catalog = RESIDENT_CATALOGS[resident.language];
    let thread: MessageThread | undefined;
    if (post.threadId === null) {
      thread = newResidentThread(resident, text.subject ?? catalog.page.defaultSubject, now);
    } else {
      const target = await rows.get('threads', post.threadId);
      if (!target || !(await threadVisibleTo(trx, post.buildingId, target, resident))) return { ok: false, problem: 'notFound' };
      if (target.kind === 'broadcast') {
        const subject = interpolate(catalog.page.replySubject, { subject: target.subject }).slice(0, MAX_SUBJECT_LENGTH).trim();
        const own = await rows.findBy('threads', 'residentId', resident.id);
        thread = own.find((candidate) => candidate.kind === 'resident' && candidate.createdBy === null && candidate.subject === subject) ?? newResidentThread(resident, subject, now);
      } else {
        thread = target;
      }
    }
    const message: Message = {
      id: `rm-${randomUUID()}`,
      threadId: thread.id,
      direction: 'inbound',
      staffId: null,
      residentId: resident.id,
      body: text.body,
      template: null,
      sentAt: now,
      mutationId: null,
      delivery: null,
    };
    await rows.put('messages', message);
    const inThread = await rows.findBy('messages', 'threadId', thread.id);
    const readUpTo = thread.readUpTo;
    const unread = inThread.filter((candidate) => candidate.direction === 'inbound' && (readUpTo === null || candidate.sentAt > readUpTo)).length;
    await rows.put('threads', { ...thread, lastMessageAt: now > thread.lastMessageAt ? now : thread.lastMessageAt, lastInboundAt: now, unread });
    return { ok: true, threadId: thread.id };
  });
}

function newResidentThread(resident: Resident, subject: string, now: string): MessageThread {
  return {
    id: `rt-${randomUUID()}`,
    kind: 'resident',
    unitId: resident.unitId,
    residentId: resident.id,
    broadcast: null,
    subject,
    createdAt: now,
    createdBy: null,
    lastMessageAt: now,
    lastInboundAt: null,
    unread: 0,
    readUpTo: null,
    readBy: null,
  };
}

/**
 * A resident sees their own threads, their unit's threads, and the broadcasts that were
 * addressed to them (an outbox row exists for them): never a neighbour's private thread.
 */
export async function threadVisibleTo(db: Kysely<Schema>, buildingId: string, thread: MessageThread, resident: Resident): Promise<boolean> {
  if (thread.kind === 'resident') return thread.residentId === resident.id;
  if (thread.kind === 'unit') return thread.unitId === resident.unitId;
  const addressed = await db
    .selectFrom('delivery_outbox')
    .innerJoin('messages', (join) => join.onRef('messages.building_id', '=', 'delivery_outbox.building_id').onRef('messages.id', '=', 'delivery_outbox.message_id'))
    .select('delivery_outbox.id')
    .where('delivery_outbox.building_id', '=', buildingId)
    .where('delivery_outbox.resident_id', '=', resident.id)
    .where('messages.thread_id', '=', thread.id)
    .executeTakeFirst();
  return addressed !== undefined;
}

/** The threads on a resident's page, newest activity first. */
export async function residentThreads(db: Kysely<Schema>, buildingId: string, resident: Resident, limit = 50): Promise<MessageThread[]> {
  const own = await db
    .selectFrom('threads')
    .select('data')
    .where('building_id', '=', buildingId)
    .where('deleted', '=', 0)
    .where((eb) => eb.or([eb('resident_id', '=', resident.id), eb.and([eb('unit_id', '=', resident.unitId), eb('resident_id', 'is', null)])]))
    .execute();
  const broadcasts = await db
    .selectFrom('delivery_outbox')
    .innerJoin('messages', (join) => join.onRef('messages.building_id', '=', 'delivery_outbox.building_id').onRef('messages.id', '=', 'delivery_outbox.message_id'))
    .innerJoin('threads', (join) => join.onRef('threads.building_id', '=', 'messages.building_id').onRef('threads.id', '=', 'messages.thread_id'))
    .select('threads.data')
    .distinct()
    .where('delivery_outbox.building_id', '=', buildingId)
    .where('delivery_outbox.resident_id', '=', resident.id)
    .where('threads.deleted', '=', 0)
    .where('threads.unit_id', 'is', null)
    .execute();
  const threads = [...own, ...broadcasts].flatMap((row) => (row.data === null ? [] : [JSON.parse(row.data) as MessageThread]));
  const unique = new Map(threads.map((thread) => [thread.id, thread]));
  return [...unique.values()].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt)).slice(0, limit);
}

/** The resident's own e-mail choice, from their page. */
export async function setEmailOptOutFromPage(db: ServerDb, input: { buildingId: string; residentId: string; optOut: boolean }): Promise<boolean> {
  return inBuildingTransaction(db, input.buildingId, async (trx, building) => {
    const rows = new BuildingRows(trx, input.buildingId, building.clock);
    const resident = await rows.get('residents', input.residentId);
    if (!resident) return false;
    if ((resident.emailOptOut ?? false) === input.optOut) return true;
    await rows.put('residents', { ...resident, emailOptOut: input.optOut });
    return true;
  });
}
