import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import i18next from 'i18next';
import type { Resident, Unit } from '../../../shared/domain/model';
import type { RecipientCandidate } from '../../../shared/search/recipients';
import { ResidentPicker } from '../residents/ResidentPicker';
import { MAX_HISTORY_PAGE } from '../../../shared/sync/history';
import { WORKING_SET_DAYS } from '../../../shared/sync/workingSet';
import { deskDatabase } from '../../data/database';
import { useBuilding } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { logEvent } from '../../app/log';
import { deskTransport } from '../../sync/deskSync';
import { searchEventHistory, searchPackageHistory } from '../../sync/serviceCalls';
import { assembleResidentExport, residentSummary, type ServicePages } from './residentExport';
import { downloadFile } from './downloadCsv';

/**
 * Data subject requests (the privacy policy's promises): export everything held about a resident,
 * point to where a field is corrected (Manage, logged), and erase their personal data everywhere.
 */
export function PrivacyTab() {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<RecipientCandidate | null>(null);
  if (chosen) return <ResidentRequests resident={chosen.resident} unit={chosen.unit} onDone={() => setChosen(null)} />;
  return (
    <div className="report privacy">
      <ResidentPicker id="privacy-search" label={t('privacy.searchLabel')} hint={t('privacy.noMatch')} onPick={setChosen} />
      <p className="hint">{t('privacy.correctHint')}</p>
    </div>
  );
}

function ResidentRequests({ resident, unit, onDone }: { resident: Resident; unit: Unit; onDone: () => void }) {
  const { t } = useTranslation();
  const building = useBuilding();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [busy, setBusy] = useState<'exporting' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [collected, setCollected] = useState<{ json: string; summary: string; file: string } | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const name = `${resident.firstName} ${resident.lastName}`;

  const held = useLiveQuery(() => heldOnDesk(resident.id), [resident.id]);

  useEffect(() => exportButton.current?.focus(), []);

  async function exportAll() {
    setBusy('exporting');
    // Read now rather than from the counts on screen: a click may come before they have loaded.
    const local = await heldOnDesk(resident.id);
    const transport = await deskTransport().catch(() => null);
    const now = Date.now();
    const service: ServicePages | null = transport
      ? {
          packages: (before) => searchPackageHistory(transport, { query: { by: 'resident', residentId: resident.id }, limit: MAX_HISTORY_PAGE, ...(before ? { before } : {}) }, now),
          events: (before) => searchEventHistory(transport, { subject: { by: 'resident', residentId: resident.id }, limit: MAX_HISTORY_PAGE, ...(before ? { before } : {}) }, now),
        }
      : null;
    let data;
    try {
      data = await assembleResidentExport({ resident, unit, ...local }, service, new Date());
    } catch {
      logEvent('warn', 'privacy.exportServiceUnavailable');
      data = await assembleResidentExport({ resident, unit, ...local }, null, new Date());
    }
    const file = `resident-${resident.id}.json`;
    // Saved by the person's next click (browsers refuse a download that no click started): the
    // file, and the readable summary shown here in the resident's language.
    setCollected({ json: JSON.stringify(data, null, 2), summary: residentSummary(data, i18next.getFixedT(resident.language), building?.timeZone ?? 'UTC'), file });
    setBusy(null);
    logEvent('info', 'privacy.exported', { residentId: resident.id, service: data.includesServiceHistory });
    show(data.includesServiceHistory ? { tone: 'success', text: t('privacy.exported', { file }) } : { tone: 'warning', text: t('privacy.exportedDeskOnly', { days: WORKING_SET_DAYS }) });
  }

  useEffect(() => {
    if (collected) saveButton.current?.focus();
  }, [collected]);

  async function erase() {
    const committed = await commit([{ name: 'eraseResident', args: { residentId: resident.id } }]);
    if (!committed) return;
    show({ tone: 'success', text: t('privacy.erased') });
    onDone();
  }

  return (
    <div className="report privacy" onKeyDown={(event) => event.key === 'Escape' && !confirming && onDone()}>
      <h2 data-testid="privacy-chosen">{t('privacy.chosen', { name, unit: unit.label })}</h2>
      {held && <p data-testid="privacy-held">{t('privacy.held', { packages: held.packages.length, bookings: held.bookings.length, events: held.events.length })}</p>}
      <div className="row">
        <button type="button" ref={exportButton} className="primary" disabled={busy !== null} aria-busy={busy !== null} onClick={() => void exportAll()}>
          {busy === 'exporting' ? t('privacy.exporting') : t('privacy.export')}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('privacy.erase')}
        </button>
        <button type="button" onClick={onDone}>
          {t('privacy.change')} <kbd>Esc</kbd>
        </button>
      </div>
      {busy === 'exporting' && (
        <p role="status" className="hint">
          {t('privacy.exporting')}
        </p>
      )}
      {collected !== null && (
        <section className="card privacy-summary" aria-labelledby="privacy-summary-title">
          <div className="row">
            <button type="button" ref={saveButton} className="primary" onClick={() => downloadFile(collected.file, collected.json, 'application/json')}>
              {t('privacy.saveFile', { file: collected.file })}
            </button>
            <button type="button" onClick={() => downloadFile(`resident-${resident.id}-summary.txt`, collected.summary, 'text/plain')}>
              {t('privacy.downloadSummary')}
            </button>
          </div>
          <h3 id="privacy-summary-title">{t('privacy.summaryTitle')}</h3>
          <pre data-testid="privacy-summary">{collected.summary}</pre>
        </section>
      )}
      <p className="hint">{t('privacy.correctHint')}</p>
      {confirming && (
        <form
          className="card danger-zone"
          role="alertdialog"
          aria-labelledby="erase-title"
          onSubmit={(event) => {
            event.preventDefault();
            if (typed.trim().toUpperCase() === unit.label.toUpperCase()) void erase();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setConfirming(false);
            }
          }}
        >
          <h3 id="erase-title">{t('privacy.eraseTitle', { name })}</h3>
          <p>{t('privacy.eraseExplain')}</p>
          <label>
            {t('privacy.eraseConfirmLabel', { unit: unit.label })}
            <input id="erase-confirm" autoFocus autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="danger" disabled={typed.trim().toUpperCase() !== unit.label.toUpperCase()}>
              {t('privacy.eraseConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('privacy.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** What this desk holds about a resident: their packages, bookings and the events naming them. */
async function heldOnDesk(residentId: string) {
  const db = deskDatabase();
  return {
    packages: await db.packages.where('residentId').equals(residentId).toArray(),
    bookings: await db.bookings.filter((booking) => booking.residentId === residentId).toArray(),
    events: await db.events.filter((event) => event.residentId === residentId).toArray(),
  };
}
