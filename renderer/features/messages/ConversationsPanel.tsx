import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageThread } from '../../../shared/domain/messaging';
import { foldForSearch } from '../../../shared/domain/text';
import { formatCompactDateTime } from '../../../shared/i18n/format';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useLanguage } from '../../app/useLanguage';
import { ComposeForm } from './ComposeForm';
import { ThreadView } from './ThreadView';
import { threadTitle } from './messageText';
import { useThreads } from './messagesData';

const MAX_ROWS = 300;

/**
 * The conversations: a list on the left (type to filter, ↑↓ to move, Enter to open), the open
 * conversation or a new message on the right. Esc in a conversation comes back to the list.
 */
export function ConversationsPanel({ composeRequest }: { composeRequest: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const threads = useThreads();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<{ kind: 'thread'; id: string } | { kind: 'compose' } | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const timeZone = building?.timeZone ?? 'UTC';

  useEffect(() => {
    if (composeRequest > 0) setOpen({ kind: 'compose' });
  }, [composeRequest]);

  // Esc goes back to the list from wherever the focus is (the open pane handles it first when it has the focus).
  useEffect(() => {
    if (open === null) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      setOpen(null);
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const matching = useMemo(() => {
    const all = threads ?? [];
    const folded = foldForSearch(query.trim());
    if (!folded) return all;
    return all.filter((thread) => foldForSearch(`${threadTitle(t, thread, directory)} ${thread.subject}`).includes(folded));
  }, [threads, query, directory, t]);
  const shown = matching.slice(0, MAX_ROWS);

  function openThread(thread: MessageThread | undefined) {
    if (thread) setOpen({ kind: 'thread', id: thread.id });
  }

  function backToList() {
    setOpen(null);
    search.current?.focus();
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined && shown.length > 0) {
      event.preventDefault();
      setActive((current) => Math.max(0, Math.min(shown.length - 1, current + move)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openThread(shown[active]);
    }
  }

  return (
    <div className="messages-grid">
      <div className="messages-list">
        <div className="filters" role="search">
          <label>
            {t('messages.list.search')}
            <input
              ref={search}
              id="thread-search"
              value={query}
              maxLength={60}
              autoComplete="off"
              autoFocus
              role="combobox"
              aria-expanded={shown.length > 0}
              aria-controls="thread-list"
              aria-activedescendant={shown[active] ? `thread-${shown[active].id}` : undefined}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={onSearchKey}
            />
          </label>
          <button type="button" onClick={() => setOpen({ kind: 'compose' })}>
            {t('messages.list.newMessage')} <kbd>Alt+N</kbd>
          </button>
        </div>
        <ul id="thread-list" role="listbox" className="thread-list" aria-label={t('messages.tabs.threads')} data-testid="thread-list">
          {shown.map((thread, position) => (
            <li
              key={thread.id}
              id={`thread-${thread.id}`}
              role="option"
              aria-selected={position === active}
              className={['thread-row', position === active ? 'active' : '', open?.kind === 'thread' && open.id === thread.id ? 'open' : '', thread.unread > 0 ? 'unread' : ''].join(' ')}
              data-testid="thread-row"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setActive(position);
                openThread(thread);
              }}
            >
              <span className="thread-who ellipsis">{threadTitle(t, thread, directory)}</span>
              <span className="thread-time">{formatCompactDateTime(thread.lastMessageAt, language, timeZone)}</span>
              <span className="thread-subject ellipsis">{thread.subject}</span>
              {thread.unread > 0 && (
                <span className="badge" data-testid="thread-unread">
                  {t('messages.list.unread', { count: thread.unread })}
                </span>
              )}
            </li>
          ))}
        </ul>
        {threads && threads.length === 0 && <p className="hint empty">{t('messages.list.empty')}</p>}
        {threads && threads.length > 0 && matching.length === 0 && <p className="hint empty">{t('messages.list.noMatch')}</p>}
        {matching.length > shown.length && <p className="hint">{t('messages.list.more', { shown: shown.length, count: matching.length })}</p>}
      </div>
      <div className="messages-detail">
        {open?.kind === 'thread' && <ThreadView threadId={open.id} onBack={backToList} />}
        {open?.kind === 'compose' && <ComposeForm onSent={(threadId) => setOpen({ kind: 'thread', id: threadId })} onCancel={backToList} />}
        {open === null && <p className="hint">{t('messages.list.hint')}</p>}
      </div>
    </div>
  );
}
