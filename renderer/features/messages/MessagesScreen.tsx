import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../shared/domain/model';
import { DIRECTORY_ROLES } from '../../../shared/mutations/directory';
import { BroadcastPanel } from './BroadcastPanel';
import { ConversationsPanel } from './ConversationsPanel';
import { TemplatesPanel } from './TemplatesPanel';
import { useUnreadTotal } from './messagesData';

const TABS = ['threads', 'broadcast', 'templates'] as const;
type Tab = (typeof TABS)[number];

/**
 * Messages (F7): conversations with residents and units, broadcasts and templates. Everything
 * is a mutation saved on this desk first; the central service e-mails residents in their
 * language and reports back how each e-mail fared. Alt+1/2/3 switch tabs, Alt+N starts a message.
 */
export function MessagesScreen({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  const manager = (DIRECTORY_ROLES as readonly string[]).includes(staff.role);
  // Broadcasts and templates are managers' work (the mutators refuse them to doorpersons too).
  const tabs = useMemo<readonly Tab[]>(() => (manager ? TABS : ['threads']), [manager]);
  const [tab, setTab] = useState<Tab>('threads');
  const [composeRequest, setComposeRequest] = useState(0);
  const unread = useUnreadTotal() ?? 0;
  const tabButtons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const chosen = tabs[['1', '2', '3'].indexOf(event.key)];
      if (chosen) {
        event.preventDefault();
        setTab(chosen);
      } else if (event.key.toLowerCase() === 'n' || event.code === 'KeyN') {
        event.preventDefault();
        setTab('threads');
        setComposeRequest((count) => count + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tabs]);

  function onTabKey(event: KeyboardEvent<HTMLDivElement>) {
    const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = tabs[(tabs.indexOf(tab) + move + tabs.length) % tabs.length] ?? 'threads';
    setTab(next);
    tabButtons.current[next]?.focus();
  }

  return (
    <section className="screen messages" aria-labelledby="messages-title">
      <header className="screen-header">
        <h1 id="messages-title">{t('messages.title')}</h1>
        {unread > 0 && (
          <span className="pill warn" data-testid="messages-unread">
            {t('messages.unreadCount', { count: unread })}
          </span>
        )}
        <span className="spacer" />
        <p className="hint">{manager ? t('messages.shortcutsManager') : t('messages.shortcuts')}</p>
      </header>
      {tabs.length > 1 && (
        <div className="tabs" role="tablist" aria-labelledby="messages-title" onKeyDown={onTabKey}>
          {tabs.map((name, index) => (
            <button
              key={name}
              ref={(element) => {
                tabButtons.current[name] = element;
              }}
              role="tab"
              id={`messages-tab-${name}`}
              aria-selected={tab === name}
              aria-controls="messages-panel"
              tabIndex={tab === name ? 0 : -1}
              className={tab === name ? 'tab active' : 'tab'}
              onClick={() => setTab(name)}
            >
              {t(`messages.tabs.${name}`)} <kbd>Alt+{index + 1}</kbd>
            </button>
          ))}
        </div>
      )}
      <div id="messages-panel" role="tabpanel" aria-labelledby={`messages-tab-${tab}`} className="messages-panel">
        {tab === 'threads' && <ConversationsPanel composeRequest={composeRequest} />}
        {tab === 'broadcast' && manager && <BroadcastPanel />}
        {tab === 'templates' && manager && <TemplatesPanel />}
      </div>
    </section>
  );
}
