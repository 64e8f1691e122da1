import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PACKAGE_KINDS, type PackageKind } from '../../../shared/domain/model';
import { RepeatScanFilter } from '../../scanner/wedgeDetector';
import { useScanner } from '../../scanner/useScanner';
import { deskDatabase } from '../../data/database';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useDeskSettings } from '../../app/deskSettings';
import { useNotices } from '../../app/notices';
import { formatDateTime } from '../../../shared/i18n/format';
import { useLanguage } from '../../app/useLanguage';
import { classifyScan } from './classifyScan';
import { useReceive, type ReceiveDraft } from './receiveStore';
import { DraftPanel } from './DraftPanel';
import { ReceivedList } from './ReceivedList';
import { newId } from '../../../shared/platform/globals';

export function ReceiveScreen() {
  const { t } = useTranslation();
  const drafts = useReceive((state) => state.drafts);
  const enqueue = useReceive((state) => state.enqueue);
  const batch = useReceive((state) => state.batch);
  const settings = useDeskSettings((state) => state.settings);
  const show = useNotices((state) => state.show);
  const directory = useDirectory();
  const building = useBuilding();
  const language = useLanguage();
  const [manualCode, setManualCode] = useState('');
  const scanInput = useRef<HTMLInputElement>(null);
  const repeatFilter = useMemo(() => new RepeatScanFilter(settings.duplicateScanWindowMs), [settings.duplicateScanWindowMs]);
  const activeDraft = drafts[0] ?? null;

  const addDraft = useCallback((draft: Omit<ReceiveDraft, 'key'>) => enqueue({ ...draft, key: newId() }), [enqueue]);

  const handleCode = useCallback(
    async (raw: string) => {
      if (repeatFilter.isRepeat(raw, performance.now())) {
        show({ tone: 'warning', text: t('receive.repeatScan') });
        return;
      }
      const meaning = classifyScan(raw);
      if (meaning.kind === 'invalid') {
        show({ tone: 'error', text: t(meaning.messageKey, { max: 64 }), timeoutMs: 8_000 });
        return;
      }
      if (meaning.kind === 'routingCode') {
        show({ tone: 'warning', text: t('receive.routingCode'), timeoutMs: 10_000 });
        return;
      }
      const db = deskDatabase();
      if (meaning.kind === 'maybeShelfLabel') {
        const labelled = await db.packages.where('shortCode').equals(meaning.shortCode).first();
        if (labelled) {
          const unit = directory?.unitsById.get(labelled.unitId);
          show({ tone: 'info', text: t('receive.shelfLabelScanned', { code: labelled.shortCode, unit: unit?.label ?? '?' }), timeoutMs: 10_000 });
          return;
        }
      }
      const draft = meaning.kind === 'package' ? meaning.draft : meaning.fallback;
      if (draft.trackingNumber) {
        const sameNumber = await db.packages.where('trackingNumber').equals(draft.trackingNumber).toArray();
        const waiting = sameNumber.find((pkg) => pkg.status === 'waiting');
        if (waiting) {
          const unit = directory?.unitsById.get(waiting.unitId);
          const resident = directory?.residentsById.get(waiting.residentId);
          show({
            tone: 'warning',
            timeoutMs: 15_000,
            text: t('receive.alreadyWaiting', {
              unit: unit?.label ?? '?',
              name: resident ? `${resident.firstName} ${resident.lastName}` : '?',
              date: formatDateTime(waiting.receivedAt, language, building?.timeZone ?? 'UTC'),
              location: waiting.location ?? '—',
            }),
          });
          return;
        }
        if (useReceive.getState().drafts.some((queued) => queued.trackingNumber === draft.trackingNumber)) {
          show({ tone: 'warning', text: t('receive.repeatScan') });
          return;
        }
      }
      addDraft(draft);
    },
    [repeatFilter, show, t, directory, addDraft, language, building],
  );

  useScanner((code) => void handleCode(code));

  useEffect(() => {
    if (!activeDraft) scanInput.current?.focus();
  }, [activeDraft]);

  function addWithoutTracking(kind: PackageKind) {
    addDraft({ trackingNumber: null, carrier: 'unknown', carrierName: null, format: null, formatName: null, kind, hint: null });
  }

  return (
    <section className="screen receive" aria-labelledby="receive-title">
      <header className="screen-header">
        <h1 id="receive-title">{t('receive.title')}</h1>
        <BatchControls />
      </header>
      <div className="receive-grid">
        <div className="receive-main">
          <form
            className="scan-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (manualCode.trim()) void handleCode(manualCode);
              setManualCode('');
            }}
          >
            <label htmlFor="tracking-input">{t('receive.scanPrompt')}</label>
            <div className="row">
              <input
                id="tracking-input"
                ref={scanInput}
                className="scan-input"
                value={manualCode}
                onChange={(event) => setManualCode(event.target.value)}
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                disabled={activeDraft !== null}
              />
            </div>
            <div className="row no-tracking" role="group" aria-label={t('receive.noTracking')}>
              <span className="hint">{t('receive.noTracking')}:</span>
              {PACKAGE_KINDS.filter((kind) => kind !== 'parcel').map((kind) => (
                <button key={kind} type="button" onClick={() => addWithoutTracking(kind)} disabled={activeDraft !== null}>
                  {t(`packages.kinds.${kind}`)}
                </button>
              ))}
            </div>
          </form>
          {activeDraft && directory && <DraftPanel key={activeDraft.key} draft={activeDraft} directory={directory} />}
          {drafts.length > 1 && (
            <p className="queued" role="status">
              {t('receive.queued', { count: drafts.length - 1 })}
            </p>
          )}
        </div>
        <ReceivedList batch={batch} />
      </div>
    </section>
  );
}

function BatchControls() {
  const { t } = useTranslation();
  const batch = useReceive((state) => state.batch);
  const show = useNotices((state) => state.show);
  if (!batch) {
    return (
      <button type="button" onClick={() => useReceive.getState().startBatch(new Date())}>
        {t('receive.batch.start')}
      </button>
    );
  }
  return (
    <button
      type="button"
      className="primary"
      onClick={() => {
        const ended = useReceive.getState().endBatch();
        show({ tone: 'success', text: t('receive.batch.summary', { count: ended?.packageIds.length ?? 0 }) });
      }}
    >
      {t('receive.batch.end')} ({batch.packageIds.length})
    </button>
  );
}
