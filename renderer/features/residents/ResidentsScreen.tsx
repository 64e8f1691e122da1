import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { compareUnitLabels } from '../../../shared/search/recipients';
import { useDirectory, useWaitingPackages } from '../../data/hooks';
import { useSession } from '../../app/session';

const ROW_HEIGHT = 44;

/** The residents directory: read-only until editing arrives with the central service. */
export function ResidentsScreen() {
  const { t } = useTranslation();
  const directory = useDirectory();
  const waiting = useWaitingPackages();
  const [query, setQuery] = useState('');
  const scroller = useRef<HTMLDivElement>(null);

  const waitingByResident = useMemo(() => {
    const counts = new Map<string, number>();
    for (const pkg of waiting ?? []) counts.set(pkg.residentId, (counts.get(pkg.residentId) ?? 0) + 1);
    return counts;
  }, [waiting]);

  const rows = useMemo(() => {
    if (!directory) return [];
    if (query.trim()) return directory.index.search(query, 500);
    return [...directory.residents]
      .map((resident) => ({ resident, unit: directory.unitsById.get(resident.unitId) }))
      .filter((row): row is { resident: typeof row.resident; unit: NonNullable<typeof row.unit> } => row.unit !== undefined)
      .sort((a, b) => compareUnitLabels(a.unit.label, b.unit.label) || a.resident.lastName.localeCompare(b.resident.lastName));
  }, [directory, query]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  return (
    <section className="screen residents" aria-labelledby="residents-title">
      <header className="screen-header">
        <h1 id="residents-title">{t('residents.title')}</h1>
        <span className="count">{t('residents.count', { count: rows.length })}</span>
      </header>
      <div className="filters" role="search">
        <label>
          {t('residents.search')}
          <input value={query} maxLength={60} onChange={(event) => setQuery(event.target.value)} autoFocus autoComplete="off" />
        </label>
        <p className="hint">{t('residents.editingSoon')}</p>
      </div>
      <div className="table-head resident-columns" aria-hidden="true">
        <span>{t('residents.columns.unit')}</span>
        <span>{t('residents.columns.name')}</span>
        <span>{t('residents.columns.language')}</span>
        <span>{t('residents.columns.email')}</span>
        <span>{t('residents.columns.pickups')}</span>
        <span>{t('residents.columns.waiting')}</span>
      </div>
      <div ref={scroller} className="virtual-list" role="list" aria-label={t('residents.title')}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const waitingCount = waitingByResident.get(row.resident.id) ?? 0;
            return (
              <div
                key={row.resident.id}
                role="listitem"
                className="resident-row resident-columns"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span className="unit-label">{row.unit.label}</span>
                <span className="ellipsis">
                  {row.resident.firstName} {row.resident.lastName}
                </span>
                <span>{row.resident.language.toUpperCase()}</span>
                <span className="ellipsis">{row.resident.email ?? t('residents.noEmail')}</span>
                <span className="ellipsis">{row.resident.authorizedPickups.map((pickup) => pickup.name).join(', ')}</span>
                <span>
                  {waitingCount > 0 ? (
                    <button type="button" className="small" onClick={() => useSession.getState().go('release', { releaseUnitId: row.unit.id })}>
                      {waitingCount}
                    </button>
                  ) : (
                    '—'
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
