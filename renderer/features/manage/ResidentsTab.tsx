import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { newId } from '../../../shared/platform/globals';
import { compareUnitLabels } from '../../../shared/search/recipients';
import type { Resident, Unit } from '../../../shared/domain/model';
import { useBuilding, useDirectory, useWaitingPackages } from '../../data/hooks';
import { isNewRequest } from './forms';
import { ResidentForm } from './ResidentForm';

const ROW_HEIGHT = 44;

type Editing = { kind: 'new'; id: string } | { kind: 'edit'; id: string } | null;

interface Row {
  resident: Resident;
  unit: Unit;
}

/** Find a resident (the desk's own search index), then edit, add or move out in the panel beside. */
export function ResidentsTab({ newRequest }: { newRequest: number }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const waiting = useWaitingPackages();
  const defaultLanguage = useBuilding()?.defaultLanguage ?? 'en';
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const search = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const seenRequest = useRef(newRequest);

  useEffect(() => {
    if (isNewRequest(seenRequest, newRequest)) setEditing({ kind: 'new', id: newId() });
  }, [newRequest]);

  const waitingByResident = useMemo(() => {
    const counts = new Map<string, number>();
    for (const pkg of waiting ?? []) counts.set(pkg.residentId, (counts.get(pkg.residentId) ?? 0) + 1);
    return counts;
  }, [waiting]);

  const rows: Row[] = useMemo(() => {
    if (!directory) return [];
    if (query.trim()) return directory.index.search(query, 500);
    return directory.residents
      .flatMap((resident) => {
        const unit = directory.unitsById.get(resident.unitId);
        return unit ? [{ resident, unit }] : [];
      })
      .sort((a, b) => compareUnitLabels(a.unit.label, b.unit.label) || a.resident.lastName.localeCompare(b.resident.lastName));
  }, [directory, query]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  function open(index: number) {
    const row = rows[index];
    if (row) setEditing({ kind: 'edit', id: row.resident.id });
  }

  function onListKey(event: KeyboardEvent<HTMLElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + move));
      setActive(next);
      virtualizer.scrollToIndex(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(active);
    }
  }

  function closeEditor() {
    setEditing(null);
    // Back to the search, its text selected: typing starts the next search.
    search.current?.select();
  }

  const edited = editing?.kind === 'edit' ? directory?.residentsById.get(editing.id) : undefined;
  const activeRow = rows[active];

  return (
    <div className="manage-grid">
      <div className="manage-list">
        <div className="filters" role="search">
          <label>
            {t('manage.residents.search')}
            <input
              ref={search}
              value={query}
              maxLength={60}
              autoFocus
              autoComplete="off"
              aria-controls="manage-resident-list"
              aria-activedescendant={activeRow ? `manage-resident-${activeRow.resident.id}` : undefined}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
                virtualizer.scrollToIndex(0);
              }}
              onKeyDown={onListKey}
            />
          </label>
          <button type="button" onClick={() => setEditing({ kind: 'new', id: newId() })}>
            {t('manage.residents.new')}
            <kbd>Alt+N</kbd>
          </button>
          <span className="count">{t('residents.count', { count: rows.length })}</span>
        </div>
        <div className="table-head manage-resident-columns" aria-hidden="true">
          <span>{t('residents.columns.unit')}</span>
          <span>{t('residents.columns.name')}</span>
          <span>{t('residents.columns.pickups')}</span>
          <span>{t('residents.columns.waiting')}</span>
        </div>
        <div
          ref={scroller}
          id="manage-resident-list"
          className="virtual-list"
          role="listbox"
          tabIndex={-1}
          aria-label={t('manage.tabs.residents')}
          onKeyDown={onListKey}
          data-testid="manage-resident-list"
        >
          {directory && rows.length === 0 && <p className="hint empty">{query.trim() ? t('manage.residents.noMatch', { query: query.trim() }) : t('manage.residents.none')}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const selected = editing?.kind === 'edit' && editing.id === row.resident.id;
              const count = waitingByResident.get(row.resident.id) ?? 0;
              return (
                <div
                  key={row.resident.id}
                  id={`manage-resident-${row.resident.id}`}
                  role="option"
                  aria-selected={selected}
                  className={`manage-row manage-resident-columns${item.index === active ? ' active' : ''}${selected ? ' selected' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setActive(item.index);
                    open(item.index);
                  }}
                >
                  <span className="unit-label">{row.unit.label}</span>
                  <span className="ellipsis">
                    {row.resident.lastName}, {row.resident.firstName}
                  </span>
                  <span className="ellipsis">{row.resident.authorizedPickups.map((pickup) => pickup.name).join(', ')}</span>
                  <span>{count > 0 ? count : '—'}</span>
                </div>
              );
            })}
          </div>
        </div>
        <p className="hint">{t('manage.residents.listHint')}</p>
      </div>
      <div className="manage-editor">
        {editing?.kind === 'new' && directory && (
          <ResidentForm key={editing.id} residentId={editing.id} resident={undefined} units={directory.units} waitingCount={0} defaultLanguage={defaultLanguage} onDone={closeEditor} />
        )}
        {editing?.kind === 'edit' && edited && directory && (
          <ResidentForm key={edited.id} residentId={edited.id} resident={edited} units={directory.units} waitingCount={waitingByResident.get(edited.id) ?? 0} defaultLanguage={defaultLanguage} onDone={closeEditor} />
        )}
        {editing?.kind === 'edit' && directory && !edited && <p className="card hint">{t('manage.residents.gone')}</p>}
        {editing === null && <p className="card hint">{t('manage.residents.pickHint')}</p>}
      </div>
    </div>
  );
}
