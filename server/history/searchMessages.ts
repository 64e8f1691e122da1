import { Message } from '../../shared/domain/messaging';
import type { MessageHistoryRequest, MessageHistoryResponse } from '../../shared/sync/history';
import type { ServerDb } from '../db/database';

/**
 * One page of a conversation's messages of every age (retention has removed those past its
 * limit), newest first. `history_at` of a message is its sentAt (shared/sync/workingSet.ts), a
 * real column, so the page is ordered and cut in SQL; a thread of another building is not found.
 */
export async function searchMessageHistory(db: ServerDb, buildingId: string, request: MessageHistoryRequest): Promise<MessageHistoryResponse> {
  let select = db.kysely
    .selectFrom('messages')
    .select(['id', 'history_at', 'data'])
    .where('building_id', '=', buildingId)
    .where('thread_id', '=', request.threadId)
    .where('deleted', '=', 0);
  const { before } = request;
  if (before) select = select.where((eb) => eb.or([eb('history_at', '<', before.sentAt), eb.and([eb('history_at', '=', before.sentAt), eb('id', '<', before.id)])]));
  const rows = await select.orderBy('history_at', 'desc').orderBy('id', 'desc').limit(request.limit + 1).execute();
  const page = rows.slice(0, request.limit);
  const messages: Message[] = [];
  for (const row of page) {
    const parsed = Message.safeParse(JSON.parse(row.data ?? 'null'));
    if (parsed.success) messages.push(parsed.data);
  }
  const last = page.at(-1);
  return { messages, nextBefore: rows.length > request.limit && last?.history_at ? { sentAt: last.history_at, id: last.id } : null };
}
