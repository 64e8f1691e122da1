import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { EVENT_TYPES, type EventType } from '../../../shared/domain/model';
import { formatDateTime, formatShortDate } from '../../../shared/i18n/format';
import { toCsv } from '../../../shared/reports/csv';
import { EVENT_CSV_HEADER, eventCsvRows, filterEvents, NO_EVENT_FILTER, type EventFilter } from '../../../shared/reports/eventLog';
import { dailyIntakeAndRelease, packageAging } from '../../../shared/reports/packageReports';
import { amenityUsage } from '../../../shared/reports/amenityUsage';
import { amenityName } from '../../../shared/bookings/messages';
import { WORKING_SET_DAYS } from '../../../shared/sync/workingSet';
import { deskDatabase } from '../../data/database';
import { useActiveStaff, useBuilding, useDirectory } from '../../data/hooks';
import { useLanguage } from '../../app/useLanguage';
import { downloadCsv } from './downloadCsv';
import { DailyChart } from './DailyChart';
import { PrivacyTab } from './PrivacyTab';
import { DeliveryFailuresReport } from './DeliveryFailuresReport';

const REPORT_TABS = ['aging', 'daily', 'usage', 'delivery', 'events', 'privacy'] as const;
type ReportTab = (typeof REPORT_TABS)[number];
const AGING_DAYS = [3, 7, 14, 30];
const EVENT_ROWS_SHOWN = 500;

/**
 * Reports for managers (F10), computed on this desk from what it holds, so they work offline:
 * package aging, daily intake and release with a chart, amenity usage, message delivery failures,
 * and the event log with filters. Each exports as CSV. The desk keeps the last WORKING_SET_DAYS of history; older history is on the
 * central service.
 */
export function ReportsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ReportTab>('aging');
  return (
    <section className="screen reports" aria-labelledby="reports-title">
      <header className="screen-header">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <p className="hint">{t('reports.scope', { days: WORKING_SET_DAYS })}</p>
      </header>
      <div className="tabs" role="tablist" aria-labelledby="reports-title">
        {REPORT_TABS.map((name) => (
          <button
            key={name}
            id={`reports-tab-${name}`}
            role="tab"
            type="button"
            className={name === tab ? 'tab active' : 'tab'}
            aria-selected={name === tab}
            aria-controls={`reports-panel-${name}`}
            onClick={() => setTab(name)}
            onKeyDown={(event) => {
              const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
              if (move === undefined) return;
              event.preventDefault();
              const next = REPORT_TABS[(REPORT_TABS.indexOf(tab) + move + REPORT_TABS.length) % REPORT_TABS.length] ?? 'aging';
              setTab(next);
              document.getElementById(`reports-tab-${next}`)?.focus();
            }}
          >
            {t(`reports.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div id={`reports-panel-${tab}`} role="tabpanel" aria-labelledby={`reports-tab-${tab}`} className="reports-panel">
        {tab === 'aging' && <AgingReport />}
        {tab === 'daily' && <DailyReport />}
        {tab === 'usage' && <AmenityUsageReport />}
        {tab === 'delivery' && <DeliveryFailuresReport />}
        {tab === 'events' && <EventLogReport />}
        {tab === 'privacy' && <PrivacyTab />}
      </div>
    </section>
  );
}

function AgingReport() {
  const { t } = useTranslation();
  const directory = useDirectory();
  const waiting = useLiveQuery(() => deskDatabase().packages.where('status').equals('waiting').toArray());
  const [minDays, setMinDays] = useState(7);
  const [by, setBy] = useState<'unit' | 'carrier'>('unit');
  const now = useMemo(() => new Date(), [waiting]);
  const rows = useMemo(() => (waiting && directory ? packageAging(waiting, by, now, minDays, directory.unitsById) : []), [waiting, directory, by, now, minDays]);
  const total = rows.reduce((sum, row) => sum + row.count, 0);

  return (
    <div className="report">
      <div className="filters">
        <label>
          {t('reports.aging.olderThan')}
          <select data-testid="aging-min-days" value={minDays} onChange={(event) => setMinDays(Number(event.target.value))}>
            {AGING_DAYS.map((days) => (
              <option key={days} value={days}>
                {t('reports.aging.days', { count: days })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.aging.groupBy')}
          <select value={by} onChange={(event) => setBy(event.target.value === 'carrier' ? 'carrier' : 'unit')}>
            <option value="unit">{t('reports.aging.byUnit')}</option>
            <option value="carrier">{t('reports.aging.byCarrier')}</option>
          </select>
        </label>
        <button type="button" onClick={() => downloadCsv(`package-aging-${by}-${minDays}d.csv`, toCsv([by, 'waiting', 'oldest_days'], rows.map((row) => [row.key, row.count, row.oldestDays])))}>
          {t('reports.exportCsv')}
        </button>
      </div>
      <p role="status" data-testid="aging-total">
        {t('reports.aging.total', { count: total, days: minDays })}
      </p>
      <table className="report-table" data-testid="aging-table">
        <thead>
          <tr>
            <th scope="col">{by === 'unit' ? t('reports.aging.unit') : t('reports.aging.carrier')}</th>
            <th scope="col">{t('reports.aging.waiting')}</th>
            <th scope="col">{t('reports.aging.oldest')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.key}</td>
              <td>{row.count}</td>
              <td>{t('reports.aging.days', { count: row.oldestDays })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="hint">{t('reports.aging.none')}</p>}
    </div>
  );
}

function DailyReport() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const timeZone = building?.timeZone ?? 'UTC';
  const packages = useLiveQuery(() => deskDatabase().packages.toArray());
  const days = useMemo(() => (packages ? dailyIntakeAndRelease(packages, timeZone, new Date(), WORKING_SET_DAYS) : []), [packages, timeZone]);
  const label = (date: string) => formatShortDate(`${date}T12:00:00.000Z`, language, 'UTC');

  return (
    <div className="report">
      <div className="filters">
        <button type="button" onClick={() => downloadCsv('daily-intake-release.csv', toCsv(['date', 'received', 'released'], days.map((day) => [day.date, day.received, day.released])))}>
          {t('reports.exportCsv')}
        </button>
      </div>
      <DailyChart days={days} label={label} title={t('reports.daily.chartTitle', { days: WORKING_SET_DAYS })} receivedLabel={t('reports.daily.received')} releasedLabel={t('reports.daily.released')} />
      <table className="report-table" data-testid="daily-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.daily.date')}</th>
            <th scope="col">{t('reports.daily.received')}</th>
            <th scope="col">{t('reports.daily.released')}</th>
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((day) => (
            <tr key={day.date}>
              <td>{label(day.date)}</td>
              <td>{day.received}</td>
              <td>{day.released}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventLogReport() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const staff = useActiveStaff();
  const allStaff = useLiveQuery(() => deskDatabase().staff.toArray());
  const timeZone = building?.timeZone ?? 'UTC';
  const events = useLiveQuery(() => deskDatabase().events.orderBy('at').reverse().limit(20_000).toArray());
  const [filter, setFilter] = useState<EventFilter>(NO_EVENT_FILTER);
  const [unitText, setUnitText] = useState('');
  const filtered = useMemo(() => {
    const unit = unitText.trim() ? directory?.units.find((candidate) => candidate.label.toLowerCase() === unitText.trim().toLowerCase()) : undefined;
    return events ? filterEvents(events, { ...filter, unitId: unitText.trim() ? (unit?.id ?? '—') : null }) : [];
  }, [events, filter, unitText, directory]);
  const staffById = useMemo(() => new Map((allStaff ?? []).map((member) => [member.id, member])), [allStaff]);
  const localTime = (iso: string) => formatDateTime(iso, language, timeZone);

  function exportCsv() {
    if (!directory) return;
    const rows = eventCsvRows(filtered, { staff: staffById, units: directory.unitsById, residents: directory.residentsById }, localTime);
    downloadCsv('event-log.csv', toCsv(EVENT_CSV_HEADER, rows));
  }

  return (
    <div className="report">
      <div className="filters" role="search">
        <label>
          {t('reports.events.type')}
          <select data-testid="events-type" value={filter.types?.[0] ?? ''} onChange={(event) => setFilter({ ...filter, types: event.target.value ? [event.target.value as EventType] : null })}>
            <option value="">{t('reports.events.any')}</option>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`reports.eventTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.events.staff')}
          <select value={filter.staffId ?? ''} onChange={(event) => setFilter({ ...filter, staffId: event.target.value || null })}>
            <option value="">{t('reports.events.any')}</option>
            {(staff ?? []).map((member) => (
              <option key={member.id} value={member.id}>
                {member.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.events.unit')}
          <input value={unitText} maxLength={16} onChange={(event) => setUnitText(event.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('reports.events.from')}
          <input type="date" onChange={(event) => setFilter({ ...filter, from: event.target.value ? new Date(`${event.target.value}T00:00:00`).toISOString() : null })} />
        </label>
        <label>
          {t('reports.events.to')}
          <input type="date" onChange={(event) => setFilter({ ...filter, to: event.target.value ? new Date(`${event.target.value}T23:59:59.999`).toISOString() : null })} />
        </label>
        <button type="button" onClick={exportCsv}>
          {t('reports.exportCsv')}
        </button>
      </div>
      <p role="status" data-testid="events-count">
        {t('reports.events.count', { count: filtered.length })}
        {filtered.length > EVENT_ROWS_SHOWN && ` ${t('reports.events.firstShown', { count: EVENT_ROWS_SHOWN })}`}
      </p>
      <table className="report-table" data-testid="events-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.events.when')}</th>
            <th scope="col">{t('reports.events.type')}</th>
            <th scope="col">{t('reports.events.staff')}</th>
            <th scope="col">{t('reports.events.unit')}</th>
            <th scope="col">{t('reports.events.desk')}</th>
          </tr>
        </thead>
        <tbody>
          {filtered.slice(0, EVENT_ROWS_SHOWN).map((event) => (
            <tr key={event.id}>
              <td>{localTime(event.at)}</td>
              <td>{t(`reports.eventTypes.${event.type}`)}</td>
              <td>{staffById.get(event.staffId)?.displayName ?? '—'}</td>
              <td>{event.unitId ? (directory?.unitsById.get(event.unitId)?.label ?? '—') : '—'}</td>
              <td className="mono">{event.deskId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AmenityUsageReport() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const timeZone = building?.timeZone ?? 'UTC';
  const amenities = useLiveQuery(() => deskDatabase().amenities.toArray());
  const bookings = useLiveQuery(() => deskDatabase().bookings.toArray());
  const rows = useMemo(() => (amenities && bookings ? amenityUsage(bookings, amenities, timeZone) : []), [amenities, bookings, timeZone]);
  const names = useMemo(() => new Map((amenities ?? []).map((amenity) => [amenity.id, amenityName(amenity, language)])), [amenities, language]);
  const most = Math.max(1, ...rows.map((row) => row.used));
  const month = (value: string) => new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-15T12:00:00Z`));
  return (
    <div className="report">
      <div className="filters">
        <button
          type="button"
          onClick={() =>
            downloadCsv('amenity-usage.csv', toCsv(['amenity', 'month', 'used', 'checked_in', 'no_show', 'cancelled', 'hours'], rows.map((row) => [names.get(row.amenityId) ?? row.amenityId, row.month, row.used, row.checkedIn, row.noShow, row.cancelled, Math.round(row.hours * 10) / 10])))
          }
        >
          {t('reports.exportCsv')}
        </button>
      </div>
      <table className="report-table" data-testid="usage-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.usage.amenity')}</th>
            <th scope="col">{t('reports.usage.month')}</th>
            <th scope="col">{t('reports.usage.used')}</th>
            <th scope="col">{t('reports.usage.checkedIn')}</th>
            <th scope="col">{t('reports.usage.noShow')}</th>
            <th scope="col">{t('reports.usage.cancelled')}</th>
            <th scope="col">{t('reports.usage.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.amenityId}-${row.month}`}>
              <td>{names.get(row.amenityId) ?? row.amenityId}</td>
              <td>{month(row.month)}</td>
              <td>
                <span className="usage-bar" style={{ width: `${(row.used / most) * 8}rem` }} aria-hidden="true" /> {row.used}
              </td>
              <td>{row.checkedIn}</td>
              <td>{row.noShow}</td>
              <td>{row.cancelled}</td>
              <td>{Math.round(row.hours * 10) / 10}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="hint">{t('reports.usage.none')}</p>}
    </div>
  );
}
