import { useEffect, useMemo } from 'react';
import { carrierText } from '../packages/carrierText';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../shared/i18n/format';
import { startOfLocalDay } from '../../../shared/time/zone';
import { useBuilding, useDirectory, useReceivedSince } from '../../data/hooks';
import { useLanguage } from '../../app/useLanguage';
import { printPackageLabel } from '../labels/printPackageLabel';
import { useReceive, type ReceiveBatch } from './receiveStore';

/** The running list beside the scan form: this drop-off's batch, or everything received today. */
export function ReceivedList({ batch }: { batch: ReceiveBatch | null }) {
  const { t } = useTranslation();
  const building = useBuilding();
  const directory = useDirectory();
  const language = useLanguage();
  const timeZone = building?.timeZone ?? 'UTC';
  const since = useMemo(() => batch?.startedAt ?? startOfLocalDay(new Date(), timeZone).toISOString(), [batch, timeZone]);
  const received = useReceivedSince(since);
  const lastSaved = useReceive((state) => state.lastSavedPackageId);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.key.toLowerCase() === 'p' && lastSaved) {
        event.preventDefault();
        void printPackageLabel(lastSaved, t);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lastSaved, t]);

  const inBatch = batch ? new Set(batch.packageIds) : null;
  const rows = (received ?? []).filter((pkg) => !inBatch || inBatch.has(pkg.id));

  return (
    <aside className="received-list" aria-labelledby="received-title">
      <h2 id="received-title">
        {batch ? t('receive.batch.title') : t('receive.recent')} <span className="count">{rows.length}</span>
      </h2>
      {batch && rows.length === 0 && <p className="hint">{t('receive.batch.empty')}</p>}
      <p className="hint">{t('receive.printLastShortcut')}</p>
      <ol className="received-rows" data-testid="received-rows">
        {rows.map((pkg) => {
          const unit = directory?.unitsById.get(pkg.unitId);
          const resident = directory?.residentsById.get(pkg.residentId);
          return (
            <li key={pkg.id} className="received-row">
              <span className="unit-label">{unit?.label}</span>
              <span className="resident-name">{resident ? `${resident.firstName} ${resident.lastName}` : ''}</span>
              <span className="hint">
                {formatTime(pkg.receivedAt, language, timeZone)} · {carrierText(pkg, t)}
                {pkg.location ? ` · ${pkg.location}` : ''}
              </span>
              <button type="button" className="small" onClick={() => void printPackageLabel(pkg.id, t)} aria-label={`${t('receive.printLabel')} ${pkg.shortCode}`}>
                {t('receive.printLabel')}
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
