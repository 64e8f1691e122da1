import { useEffect, useRef, useState } from 'react';
import type { Message, MessageThread } from '../../../shared/domain/messaging';
import { MAX_HISTORY_PAGE, type MessagePosition } from '../../../shared/sync/history';
import { logEvent } from '../../app/log';
import { deskTransport } from '../../sync/deskSync';
import { SyncFailure } from '../../sync/http';
import { searchMessageHistory } from '../../sync/serviceCalls';

// A conversation's messages older than the desk keeps (the working set evicts them) are fetched
// from the central service on request and shown for as long as the conversation is open: they
// are not written to the desk's database, which stays its working set.

export type OlderState = 'idle' | 'loading' | 'unreachable' | 'failed';

export interface OlderMessages {
  /** The desk's messages and those fetched, oldest first, each once. */
  shown: Message[];
  /** Whether the service may hold messages older than the oldest shown. */
  mayHaveOlder: boolean;
  state: OlderState;
  loadOlder: () => void;
}

/** Oldest first, in the (sentAt, id) order the service pages by; the desk's copy wins. */
export function mergeMessages(local: readonly Message[], fetched: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of fetched) byId.set(message.id, message);
  for (const message of local) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => (a.sentAt === b.sentAt ? a.id.localeCompare(b.id) : a.sentAt.localeCompare(b.sentAt)));
}

/**
 * Older messages may exist while the oldest one shown is later than the thread's start (its
 * first message was sent when it was created), or when none is shown, until the service says
 * there are no more.
 */
export function mayHaveOlder(thread: MessageThread, shown: readonly Message[], exhausted: boolean): boolean {
  if (exhausted) return false;
  const oldest = shown[0];
  return oldest === undefined || oldest.sentAt > thread.createdAt;
}

export function useOlderMessages(thread: MessageThread | null | undefined, local: readonly Message[] | undefined): OlderMessages {
  const threadId = thread?.id ?? null;
  const [fetched, setFetched] = useState<Message[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const [state, setState] = useState<OlderState>('idle');
  const ticket = useRef(0);

  useEffect(() => {
    ticket.current += 1;
    setFetched([]);
    setExhausted(false);
    setState('idle');
  }, [threadId]);

  const shown = mergeMessages(local ?? [], fetched);
  const oldest = shown[0];
  const before: MessagePosition | undefined = oldest ? { sentAt: oldest.sentAt, id: oldest.id } : undefined;

  function loadOlder() {
    if (threadId === null) return;
    const mine = ++ticket.current;
    setState('loading');
    void (async () => {
      const transport = await deskTransport().catch(() => null);
      if (mine !== ticket.current) return;
      if (!transport) {
        setState('unreachable');
        return;
      }
      try {
        const page = await searchMessageHistory(transport, { threadId, limit: MAX_HISTORY_PAGE, ...(before ? { before } : {}) }, Date.now());
        if (mine !== ticket.current) return;
        setFetched((earlier) => [...earlier, ...page.messages.filter((message) => message.threadId === threadId)]);
        setExhausted(page.nextBefore === null);
        setState('idle');
      } catch (error) {
        if (mine !== ticket.current) return;
        const kind = error instanceof SyncFailure ? error.kind : 'unknown';
        logEvent('warn', 'messages.olderFailed', { kind });
        setState(kind === 'network' || kind === 'temporary' ? 'unreachable' : 'failed');
      }
    })();
  }

  return { shown, mayHaveOlder: thread ? mayHaveOlder(thread, shown, exhausted) : false, state, loadOlder };
}
