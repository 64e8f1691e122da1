import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { carrierText } from '../packages/carrierText';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PACKAGE_FLAGS, type PackageFlag } from '../../../shared/domain/model';
import { formatDateTime, formatWaitingTime, waitingDays } from '../../../shared/i18n/format';
import { useBuilding, useDirectory, useWaitingPackages } from '../../data/hooks';
import { useSession } from '../../app/session';
import { useScanner } from '../../scanner/useScanner';
import { normalizeShortCode } from '../../../shared/packages/shortCode';
import { useLanguage } from '../../app/useLanguage';
import { filterChoices, filterWaiting, NO_FILTERS, type WaitingFilters } from './filterWaiting';

const ROW_HEIGHT = 44;
const AGE_CHOICES = [1, 3, 7, 14];

/** Highlight thresholds: a package waiting this many days deserves a reminder, then attention. */
function agingClass(days: number): string {
  if (days >= 7) return 'aging-old';
  if (days >= 3) return 'aging-warn';
  return '';
}

export function WaitingScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const packages = useWaitingPackages();
  const [filters, setFilters] = useState<WaitingFilters>(NO_FILTERS);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const now = useMemo(() => new Date(), [packages]);
  const timeZone = building?.timeZone ?? 'UTC';

  const rows = useMemo(() => (packages && directory ? filterWaiting(packages, filters, directory, now) : []), [packages, directory, filters, now]);
  const choices = useMemo(() => filterChoices(packages ?? []), [packages]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const update = (patch: Partial<WaitingFilters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setActive(0);
  };
  // Scanning a shelf label or a parcel here finds it in the list.
  useScanner((code) => update({ text: normalizeShortCode(code) ?? code.replace(/[\s-]/g, '').toUpperCase() }));

  function onListKey(event: KeyboardEvent<HTMLDivElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + move));
      setActive(next);
      virtualizer.scrollToIndex(next);
    } else if (event.key === 'Enter' && rows[active]) {
      event.preventDefault();
      useSession.getState().go('release', { releaseUnitId: rows[active].unitId });
    }
  }

  return (
    <section className="screen waiting" aria-labelledby="waiting-title">
      <header className="screen-header">
        <h1 id="waiting-title">{t('waiting.title')}</h1>
        <span className="count" data-testid="waiting-count">
          {t('waiting.count', { count: rows.length })}
        </span>
      </header>
      <div className="filters" role="search">
        <label>
          {t('waiting.filterText')}
          <input value={filters.text} maxLength={60} onChange={(event) => update({ text: event.target.value })} autoFocus autoComplete="off" />
        </label>
        <label>
          {t('waiting.carrier')}
          <select value={filters.carrier ?? ''} onChange={(event) => update({ carrier: event.target.value || null })}>
            <option value="">{t('waiting.any')}</option>
            {choices.carriers.map((carrier) => (
              <option key={carrier} value={carrier}>
                {carrierText({ carrier, kind: 'parcel' }, t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waiting.age')}
          <select value={filters.minAgeDays ?? ''} onChange={(event) => update({ minAgeDays: event.target.value ? Number(event.target.value) : null })}>
            <option value="">{t('waiting.any')}</option>
            {AGE_CHOICES.map((days) => (
              <option key={days} value={days}>
                {t('waiting.olderThan', { days })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waiting.flag')}
          <select value={filters.flag ?? ''} onChange={(event) => update({ flag: (event.target.value || null) as PackageFlag | null })}>
            <option value="">{t('waiting.any')}</option>
            {PACKAGE_FLAGS.map((flag) => (
              <option key={flag} value={flag}>
                {t(`packages.flags.${flag}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waiting.location')}
          <select value={filters.location ?? ''} onChange={(event) => update({ location: event.target.value || null })}>
            <option value="">{t('waiting.any')}</option>
            {choices.locations.map((location) => (
              <option key={location} value={location}>
                {location}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="table-head waiting-columns" aria-hidden="true">
        <span>{t('waiting.columns.code')}</span>
        <span>{t('waiting.columns.unit')}</span>
        <span>{t('waiting.columns.recipient')}</span>
        <span>{t('waiting.columns.carrier')}</span>
        <span>{t('waiting.columns.received')}</span>
        <span>{t('waiting.columns.age')}</span>
        <span>{t('waiting.columns.location')}</span>
        <span>{t('waiting.columns.flags')}</span>
      </div>
      <div
        ref={scroller}
        className="virtual-list"
        role="listbox"
        tabIndex={0}
        aria-label={t('waiting.title')}
        aria-activedescendant={rows[active] ? `waiting-${rows[active].id}` : undefined}
        onKeyDown={onListKey}
        data-testid="waiting-list"
      >
        {rows.length === 0 && <p className="hint empty">{t('waiting.empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const pkg = rows[item.index];
            if (!pkg) return null;
            const unit = directory?.unitsById.get(pkg.unitId);
            const resident = directory?.residentsById.get(pkg.residentId);
            return (
              <div
                key={pkg.id}
                id={`waiting-${pkg.id}`}
                role="option"
                aria-selected={item.index === active}
                className={`waiting-row waiting-columns ${agingClass(waitingDays(pkg.receivedAt, now))} ${item.index === active ? 'active' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => setActive(item.index)}
                onDoubleClick={() => useSession.getState().go('release', { releaseUnitId: pkg.unitId })}
              >
                <span className="short-code">{pkg.shortCode}</span>
                <span className="unit-label">{unit?.label}</span>
                <span className="ellipsis">{resident ? `${resident.firstName} ${resident.lastName}` : ''}</span>
                <span>{carrierText(pkg, t)}</span>
                <span>{formatDateTime(pkg.receivedAt, language, timeZone)}</span>
                <span>{formatWaitingTime(pkg.receivedAt, now, language, t('time.justNow'))}</span>
                <span>{pkg.location ?? '—'}</span>
                <span className="ellipsis">
                  {pkg.flags.map((flag) => (
                    <span key={flag} className={`flag flag-${flag}`}>
                      {t(`packages.flags.${flag}`)}
                    </span>
                  ))}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <p className="hint">{t('waiting.openHint')}</p>
    </section>
  );
}
