import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Package } from '../../../shared/domain/model';
import { formatDateTime } from '../../../shared/i18n/format';
import { MAX_HISTORY_PAGE, type HistoryQuery } from '../../../shared/sync/history';
import { WORKING_SET_DAYS } from '../../../shared/sync/workingSet';
import { useBuilding, useDirectory } from '../../data/hooks';
import { deskDatabase } from '../../data/database';
import { useLanguage } from '../../app/useLanguage';
import { logEvent } from '../../app/log';
import { useScanner } from '../../scanner/useScanner';
import { deskTransport } from '../../sync/deskSync';
import { SyncFailure } from '../../sync/http';
import { searchPackageHistory } from '../../sync/serviceCalls';
import { carrierText } from '../packages/carrierText';
import { historyChoices, matchesQuery, mergeHistory, queryOf, type HistoryChoice } from './historyChoices';

type ServiceSearch =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'done'; packages: Package[]; nextBefore: number | null }
  | { state: 'notEnrolled' }
  | { state: 'unreachable'; packages: Package[]; nextBefore: number | null }
  | { state: 'failed'; packages: Package[]; nextBefore: number | null };

/**
 * Package history: this desk keeps the last WORKING_SET_DAYS of it; older packages are asked of
 * the central service when it answers. Pick a unit, a resident or a tracking number (type or
 * scan), then read every package of it, newest first.
 */
export function HistoryScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const timeZone = building?.timeZone ?? 'UTC';
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<HistoryChoice | null>(null);
  const [service, setService] = useState<ServiceSearch>({ state: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const search = useRef(0);

  const choices = useMemo(() => (directory && !chosen ? historyChoices(text, directory.index) : []), [directory, text, chosen]);
  const query = useMemo(() => (chosen ? queryOf(chosen) : null), [chosen]);
  const onDesk = useLiveQuery(async () => (query ? await packagesOnDesk(query) : []), [query]);
  const rows = useMemo(() => mergeHistory(onDesk ?? [], 'packages' in service ? service.packages : []), [onDesk, service]);

  // A scanned parcel looks up its tracking number at once.
  useScanner((code) => {
    const [first] = directory ? historyChoices(code, directory.index) : [];
    if (first?.kind === 'tracking') {
      setText(first.trackingNumber);
      choose(first);
    } else {
      startOver();
      setText(code);
    }
  });

  async function askService(forQuery: HistoryQuery, before: number | undefined, earlier: Package[]) {
    const ticket = ++search.current;
    setService({ state: 'searching' });
    const transport = await deskTransport().catch(() => null);
    if (ticket !== search.current) return;
    if (!transport) {
      setService({ state: 'notEnrolled' });
      return;
    }
    try {
      const page = await searchPackageHistory(transport, { query: forQuery, limit: MAX_HISTORY_PAGE, ...(before ? { before } : {}) }, Date.now());
      if (ticket === search.current) setService({ state: 'done', packages: [...earlier, ...page.packages], nextBefore: page.nextBefore });
    } catch (error) {
      if (ticket !== search.current) return;
      const kind = error instanceof SyncFailure ? error.kind : 'unknown';
      logEvent('warn', 'history.searchFailed', { kind });
      setService({ state: kind === 'network' || kind === 'temporary' ? 'unreachable' : 'failed', packages: earlier, nextBefore: before ?? null });
    }
  }

  function choose(choice: HistoryChoice) {
    setChosen(choice);
    void askService(queryOf(choice), undefined, []);
  }

  function startOver() {
    search.current += 1;
    setChosen(null);
    setService({ state: 'idle' });
    setActive(0);
  }

  // Focus stays inside the screen, so Esc (start over) works from the keyboard alone.
  useEffect(() => {
    if (chosen) changeButton.current?.focus();
    else input.current?.focus();
  }, [chosen]);

  function onInputKey(event: KeyboardEvent<HTMLInputElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined && choices.length > 0) {
      event.preventDefault();
      setActive((current) => Math.max(0, Math.min(choices.length - 1, current + move)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const choice = choices[active];
      if (choice) choose(choice);
    }
  }

  const earlier = 'packages' in service ? service.packages : [];
  const retryBefore = 'nextBefore' in service ? service.nextBefore : null;

  return (
    <section className="screen history" aria-labelledby="history-title" onKeyDown={(event) => event.key === 'Escape' && chosen && startOver()}>
      <header className="screen-header">
        <h1 id="history-title">{t('history.title')}</h1>
        {chosen && (
          <span className="count" data-testid="history-count">
            {t('history.count', { count: rows.length })}
          </span>
        )}
      </header>
      <p className="hint">{t('history.intro', { days: WORKING_SET_DAYS })}</p>

      {!chosen ? (
        <div className="filters history-search" role="search">
          <label>
            {t('history.searchLabel')}
            <input
              ref={input}
              id="history-search"
              value={text}
              maxLength={64}
              autoComplete="off"
              role="combobox"
              aria-expanded={choices.length > 0}
              aria-controls="history-choices"
              aria-activedescendant={choices[active] ? `history-choice-${active}` : undefined}
              onChange={(event) => {
                setText(event.target.value);
                setActive(0);
              }}
              onKeyDown={onInputKey}
            />
          </label>
          <ul id="history-choices" role="listbox" className="history-choices" aria-label={t('history.choices')}>
            {choices.map((choice, position) => (
              <li
                key={choiceKey(choice)}
                id={`history-choice-${position}`}
                role="option"
                aria-selected={position === active}
                className={position === active ? 'recipient-option selected' : 'recipient-option'}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(choice)}
              >
                {describeChoice(choice, t)}
              </li>
            ))}
          </ul>
          {text.trim() !== '' && choices.length === 0 && <p className="hint">{t('history.noChoice')}</p>}
          <p className="hint">{t('history.searchHint')}</p>
        </div>
      ) : (
        <div className="history-chosen">
          <strong data-testid="history-chosen">{describeChoice(chosen, t)}</strong>
          <button type="button" ref={changeButton} onClick={startOver}>
            {t('history.change')} <kbd>Esc</kbd>
          </button>
        </div>
      )}

      {chosen && (
        <>
          <p className={`history-service ${service.state}`} role="status" data-testid="history-service">
            {service.state === 'searching' && t('history.service.searching')}
            {service.state === 'done' && t('history.service.done', { count: service.packages.filter((pkg) => !onDesk?.some((local) => local.id === pkg.id)).length })}
            {service.state === 'notEnrolled' && t('history.service.notEnrolled', { days: WORKING_SET_DAYS })}
            {service.state === 'unreachable' && t('history.service.unreachable', { days: WORKING_SET_DAYS })}
            {service.state === 'failed' && t('history.service.failed')}
            {(service.state === 'unreachable' || service.state === 'failed') && query && (
              <button type="button" className="small" onClick={() => void askService(query, retryBefore ?? undefined, earlier)}>
                {t('history.retry')}
              </button>
            )}
          </p>
          <div className="history-table" role="table" aria-label={t('history.title')} data-testid="history-table">
            <div role="row" className="table-head history-columns">
              <span role="columnheader">{t('history.columns.received')}</span>
              <span role="columnheader">{t('history.columns.code')}</span>
              <span role="columnheader">{t('history.columns.recipient')}</span>
              <span role="columnheader">{t('history.columns.carrier')}</span>
              <span role="columnheader">{t('history.columns.status')}</span>
              <span role="columnheader">{t('history.columns.released')}</span>
              <span role="columnheader">{t('history.columns.source')}</span>
            </div>
            {rows.length === 0 && service.state !== 'searching' && <p className="hint empty">{t('history.empty')}</p>}
            {rows.map(({ pkg, source }) => {
              const unit = directory?.unitsById.get(pkg.unitId);
              const resident = directory?.residentsById.get(pkg.residentId);
              return (
                <div role="row" key={pkg.id} className="history-row history-columns" data-testid="history-row" data-source={source}>
                  <span role="cell">{formatDateTime(pkg.receivedAt, language, timeZone)}</span>
                  <span role="cell" className="short-code">{pkg.shortCode}</span>
                  <span role="cell" className="ellipsis">
                    <span className="unit-label">{unit?.label ?? '—'}</span> {resident ? `${resident.firstName} ${resident.lastName}` : t('history.formerResident')}
                  </span>
                  <span role="cell" className="ellipsis">
                    {carrierText(pkg, t)}
                    {pkg.trackingNumber ? <span className="tracking"> {pkg.trackingNumber}</span> : null}
                  </span>
                  <span role="cell">{t(`packages.status.${pkg.status}`)}</span>
                  <span role="cell" className="ellipsis">
                    {pkg.release ? t('history.releasedTo', { date: formatDateTime(pkg.release.at, language, timeZone), name: pkg.release.recipientName }) : '—'}
                  </span>
                  <span role="cell">{source === 'desk' ? t('history.source.desk') : t('history.source.service')}</span>
                </div>
              );
            })}
          </div>
          {service.state === 'done' && service.nextBefore !== null && query && (
            <button type="button" onClick={() => void askService(query, service.nextBefore ?? undefined, service.packages)}>
              {t('history.loadOlder')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

async function packagesOnDesk(query: HistoryQuery): Promise<Package[]> {
  const packages = deskDatabase().packages;
  switch (query.by) {
    case 'unit':
      return packages.where('unitId').equals(query.unitId).toArray();
    case 'resident':
      return packages.where('residentId').equals(query.residentId).toArray();
    case 'tracking':
      return packages.filter((pkg) => matchesQuery(pkg, query)).toArray();
  }
}

function choiceKey(choice: HistoryChoice): string {
  switch (choice.kind) {
    case 'unit':
      return `unit:${choice.unit.id}`;
    case 'resident':
      return `resident:${choice.resident.id}`;
    case 'tracking':
      return `tracking:${choice.trackingNumber}`;
  }
}

function describeChoice(choice: HistoryChoice, t: TFunction): string {
  switch (choice.kind) {
    case 'unit':
      return t('history.choice.unit', { unit: choice.unit.label });
    case 'resident':
      return t('history.choice.resident', { name: `${choice.resident.firstName} ${choice.resident.lastName}`, unit: choice.unit.label });
    case 'tracking':
      return t('history.choice.tracking', { number: choice.trackingNumber });
  }
}
