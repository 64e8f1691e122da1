import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../shared/domain/model';
import { ResidentsTab } from './ResidentsTab';
import { UnitsTab } from './UnitsTab';
import { StaffTab } from './StaffTab';

export const MANAGE_TABS = ['residents', 'units', 'staff'] as const;
export type ManageTab = (typeof MANAGE_TABS)[number];

/**
 * Managers keep the building's directory and staff from the desk (F6). Every change is a mutation:
 * it is saved on this desk at once, works offline, and the central service checks it again.
 * Alt+1/2/3 switch tabs, Alt+N starts a new entry in the current one.
 */
export function ManageScreen({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ManageTab>('residents');
  // Bumped by Alt+N: the current tab opens an empty form.
  const [newRequest, setNewRequest] = useState(0);
  const tabButtons = useRef<Partial<Record<ManageTab, HTMLButtonElement | null>>>({});

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = ['1', '2', '3'].indexOf(event.key);
      const chosen = MANAGE_TABS[index];
      if (chosen) {
        event.preventDefault();
        setTab(chosen);
      } else if (event.key.toLowerCase() === 'n' || event.code === 'KeyN') {
        event.preventDefault();
        setNewRequest((count) => count + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function onTabKey(event: KeyboardEvent<HTMLDivElement>) {
    const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = MANAGE_TABS[(MANAGE_TABS.indexOf(tab) + move + MANAGE_TABS.length) % MANAGE_TABS.length] ?? 'residents';
    setTab(next);
    tabButtons.current[next]?.focus();
  }

  return (
    <section className="screen manage" aria-labelledby="manage-title">
      <header className="screen-header">
        <h1 id="manage-title">{t('manage.title')}</h1>
        <p className="hint">{t('manage.shortcuts')}</p>
      </header>
      <div className="tabs" role="tablist" aria-labelledby="manage-title" onKeyDown={onTabKey}>
        {MANAGE_TABS.map((name, index) => (
          <button
            key={name}
            ref={(element) => {
              tabButtons.current[name] = element;
            }}
            id={`manage-tab-${name}`}
            role="tab"
            type="button"
            className={name === tab ? 'tab active' : 'tab'}
            aria-selected={name === tab}
            aria-controls={`manage-panel-${name}`}
            tabIndex={name === tab ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`manage.tabs.${name}`)}
            <kbd>Alt+{index + 1}</kbd>
          </button>
        ))}
      </div>
      <div id={`manage-panel-${tab}`} role="tabpanel" aria-labelledby={`manage-tab-${tab}`} className="manage-panel">
        {tab === 'residents' && <ResidentsTab newRequest={newRequest} />}
        {tab === 'units' && <UnitsTab newRequest={newRequest} />}
        {tab === 'staff' && <StaffTab me={staff} newRequest={newRequest} />}
      </div>
    </section>
  );
}
