import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/domain/model';
import { normalizeShortCode } from '../../../shared/packages/shortCode';
import { describeScan } from '../../../shared/packages/carrier';
import { formatDate } from '../../../shared/i18n/format';
import { useBuilding, useDirectory, type Directory } from '../../data/hooks';
import { deskDatabase } from '../../data/database';
import { useScanner } from '../../scanner/useScanner';
import { useSession } from '../../app/session';
import { useNotices } from '../../app/notices';
import { useLanguage } from '../../app/useLanguage';
import { ReleasePanel } from './ReleasePanel';

interface UnitMatch {
  unit: Unit;
  names: string[];
}

export function ReleaseScreen() {
  const { t } = useTranslation();
  const directory = useDirectory();
  const building = useBuilding();
  const language = useLanguage();
  const show = useNotices((state) => state.show);
  const requestedUnitId = useSession((state) => state.releaseUnitId);
  const [unitId, setUnitId] = useState<string | null>(requestedUnitId);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [scannedPackageId, setScannedPackageId] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => setUnitId(requestedUnitId), [requestedUnitId]);
  useEffect(() => {
    if (!unitId) search.current?.focus();
  }, [unitId]);

  const unitMatches = useMemo(() => (directory ? matchUnits(directory, query) : []), [directory, query]);

  const onScan = useCallback(
    async (code: string) => {
      const db = deskDatabase();
      const shortCode = normalizeShortCode(code);
      const scan = describeScan(code);
      const trackingNumber = scan.kind === 'tracking' ? scan.best.trackingNumber : scan.normalized;
      const candidates = [
        ...(shortCode ? await db.packages.where('shortCode').equals(shortCode).toArray() : []),
        ...(trackingNumber ? await db.packages.where('trackingNumber').equals(trackingNumber).toArray() : []),
      ];
      const waiting = candidates.find((pkg) => pkg.status === 'waiting');
      if (waiting) {
        setUnitId(waiting.unitId);
        setScannedPackageId(waiting.id);
        return;
      }
      const released = candidates.find((pkg) => pkg.release);
      if (released?.release) {
        show({
          tone: 'warning',
          timeoutMs: 12_000,
          text: t('release.alreadyReleased', {
            code: released.shortCode,
            date: formatDate(released.release.at, language, building?.timeZone ?? 'UTC'),
            name: released.release.recipientName,
          }),
        });
        return;
      }
      show({ tone: 'warning', text: t('release.scanUnknown', { code: shortCode ?? trackingNumber ?? code.slice(0, 20) }) });
    },
    [show, t, language, building],
  );
  useScanner((code) => void onScan(code));

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((current) => Math.max(0, Math.min(unitMatches.length - 1, current + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const match = unitMatches[highlight];
      if (match) setUnitId(match.unit.id);
    }
  }

  const unit = unitId ? directory?.unitsById.get(unitId) : undefined;
  return (
    <section className="screen release" aria-labelledby="release-title">
      <header className="screen-header">
        <h1 id="release-title">{t('release.title')}</h1>
      </header>
      {!unit || !directory ? (
        <div className="release-search">
          <label htmlFor="release-search">{t('release.searchLabel')}</label>
          <input
            id="release-search"
            ref={search}
            role="combobox"
            aria-expanded={unitMatches.length > 0}
            aria-controls="release-units"
            aria-activedescendant={unitMatches[highlight] ? `release-unit-${unitMatches[highlight].unit.id}` : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={60}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setHighlight(0);
            }}
            onKeyDown={onSearchKey}
          />
          <ul id="release-units" role="listbox" className="recipient-options">
            {unitMatches.map((match, position) => (
              <li
                key={match.unit.id}
                id={`release-unit-${match.unit.id}`}
                role="option"
                aria-selected={position === highlight}
                className={position === highlight ? 'recipient-option selected' : 'recipient-option'}
                onMouseDown={(event) => {
                  event.preventDefault();
                  setUnitId(match.unit.id);
                }}
              >
                <span className="unit-label">{match.unit.label}</span>
                <span className="resident-name">{match.names.join(', ')}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ReleasePanel
          key={unit.id}
          unit={unit}
          directory={directory}
          preselectedPackageId={scannedPackageId}
          onDone={() => {
            setUnitId(null);
            setScannedPackageId(null);
            setQuery('');
            useSession.getState().go('release');
          }}
        />
      )}
    </section>
  );
}

/** Residents grouped by unit, in the order the recipient search ranks them. */
function matchUnits(directory: Directory, query: string): UnitMatch[] {
  if (!query.trim()) return [];
  const byUnit = new Map<string, UnitMatch>();
  for (const match of directory.index.search(query, 40)) {
    const entry = byUnit.get(match.unit.id) ?? { unit: match.unit, names: [] };
    entry.names.push(`${match.resident.firstName} ${match.resident.lastName}`);
    byUnit.set(match.unit.id, entry);
  }
  return [...byUnit.values()].slice(0, 8);
}
