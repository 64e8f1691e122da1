import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Amenity } from '../../../shared/domain/bookings';
import { alternativesOf, amenityName, bookingMessage } from '../../../shared/bookings/messages';
import type { Staff } from '../../../shared/domain/model';
import { formatDateTime, formatTime } from '../../../shared/i18n/format';
import type { Rejection } from '../../../shared/sync/protocol';
import { useSession } from '../../app/session';
import { useLanguage } from '../../app/useLanguage';
import { deskDatabase } from '../../data/database';
import { useBuilding } from '../../data/hooks';
import { syncDeskNow } from '../../sync/deskSync';
import { acknowledgeRejection } from '../../sync/rejections';
import { useSyncStatus } from '../../sync/syncStore';
import { rejectionReason, usePendingChanges, useStaffById } from './syncData';
import { useSyncPanel } from './syncPanelStore';
import './sync.css';

/**
 * The sync panel (F8): what this desk still has to send, and what the central service refused, with
 * the reason and what to do next. A modal <dialog>: focus stays inside, Esc or F8 closes it.
 */
export function SyncPanel() {
  const open = useSyncPanel((panel) => panel.open);
  const hide = useSyncPanel((panel) => panel.hide);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="sync-panel" aria-labelledby="sync-panel-title" onClose={hide} data-testid="sync-panel">
      {open && <SyncPanelContent onClose={hide} />}
    </dialog>
  );
}

function SyncPanelContent({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useBuilding()?.timeZone ?? 'UTC';
  const state = useSyncStatus((status) => status.state);
  const role = useSyncStatus((status) => status.role);
  const lastError = useSyncStatus((status) => status.lastError);
  const lastSuccessAt = useSyncStatus((status) => status.lastSuccessAt);
  const nextRetryAt = useSyncStatus((status) => status.nextRetryAt);
  const rejections = useSyncStatus((status) => status.rejections);
  const pending = usePendingChanges();
  const staffById = useStaffById();
  const [syncing, setSyncing] = useState(false);
  const rejectedHeading = useRef<HTMLHeadingElement>(null);
  const rejectedList = useRef<HTMLUListElement>(null);
  const [acknowledged, setAcknowledged] = useState<{ id: string; index: number } | null>(null);

  // Once the acknowledged item has left the list, keep the keyboard focus there: on the next
  // item's button, or on the heading when none is left.
  useEffect(() => {
    if (!acknowledged || rejections.some((rejection) => rejection.id === acknowledged.id)) return;
    const buttons = rejectedList.current?.querySelectorAll<HTMLButtonElement>('button[data-acknowledge]') ?? [];
    const next = buttons[Math.min(acknowledged.index, buttons.length - 1)];
    (next ?? rejectedHeading.current)?.focus();
    setAcknowledged(null);
  }, [rejections, acknowledged]);

  const staffName = (id: string) => staffById.get(id)?.displayName ?? t('sync.panel.unknownStaff');
  const canSync = state !== 'local' && role === 'leader';

  async function syncNow() {
    setSyncing(true);
    await syncDeskNow().catch(() => undefined);
    setSyncing(false);
  }

  return (
    <div className="sync-panel-body">
      <header className="sync-panel-header">
        <h2 id="sync-panel-title">{t('sync.panel.title')}</h2>
        <button type="button" onClick={onClose} className="small">
          {t('sync.panel.close')}
          <kbd>Esc</kbd>
        </button>
      </header>

      <section className="sync-summary" aria-live="polite">
        {state === 'local' ? (
          <p>{t('status.noServer')}</p>
        ) : (
          <p>
            <strong>{t(`sync.states.${state}`)}</strong> · {lastSuccessAt ? t('sync.lastSync', { time: formatTime(lastSuccessAt, language, timeZone) }) : t('sync.neverSynced')}
          </p>
        )}
        {lastError && state !== 'online' && state !== 'local' && <p className="sync-error">{t(`sync.errors.${lastError.key}`, lastError.params)}</p>}
        {nextRetryAt && state !== 'online' && <p>{t('sync.panel.nextRetry', { time: formatTime(nextRetryAt, language, timeZone) })}</p>}
        {role === 'follower' && <p>{t('sync.panel.leaderElsewhere')}</p>}
        {canSync && (
          <button type="button" onClick={() => void syncNow()} disabled={syncing || state === 'syncing'}>
            {t('sync.panel.syncNow')}
          </button>
        )}
      </section>

      <section aria-labelledby="sync-rejected-title">
        <h3 id="sync-rejected-title" ref={rejectedHeading} tabIndex={-1}>
          {t('sync.panel.rejectedTitle')} {rejections.length > 0 && <span className="sync-badge">{rejections.length}</span>}
        </h3>
        {rejections.length === 0 ? (
          <p className="muted">{t('sync.panel.rejectedEmpty')}</p>
        ) : (
          <>
            <p className="muted">{t('sync.panel.rejectedHint')}</p>
            <ul className="sync-rejections" ref={rejectedList}>
              {rejections.map((rejection, index) => (
                <RejectionItem
                  key={rejection.id}
                  rejection={rejection}
                  staffName={staffName}
                  language={language}
                  timeZone={timeZone}
                  onAcknowledged={() => setAcknowledged({ id: rejection.id, index })}
                />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="sync-pending-title">
        <h3 id="sync-pending-title">{t('sync.panel.pendingTitle')}</h3>
        {!pending || pending.total === 0 ? (
          <p className="muted">{t('sync.panel.pendingEmpty')}</p>
        ) : (
          <table className="sync-pending" data-testid="sync-pending">
            <thead>
              <tr>
                <th scope="col">{t('sync.panel.columns.action')}</th>
                <th scope="col">{t('sync.panel.columns.detail')}</th>
                <th scope="col">{t('sync.panel.columns.time')}</th>
                <th scope="col">{t('sync.panel.columns.staff')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.shown.map(({ entry, shortCode }) => (
                <tr key={entry.id}>
                  <td>{t(`sync.mutations.${entry.name}`)}</td>
                  <td>{shortCode ?? '—'}</td>
                  <td>{formatDateTime(entry.at, language, timeZone)}</td>
                  <td>{staffName(entry.staffId)}</td>
                </tr>
              ))}
            </tbody>
            {pending.total > pending.shown.length && (
              <tfoot>
                <tr>
                  <td colSpan={4}>{t('sync.panel.pendingMore', { count: pending.total - pending.shown.length })}</td>
                </tr>
              </tfoot>
            )}
          </table>
        )}
      </section>
    </div>
  );
}

function RejectionItem({
  rejection,
  staffName,
  language,
  timeZone,
  onAcknowledged,
}: {
  rejection: Rejection;
  staffName: (id: string) => string;
  language: Staff['language'];
  timeZone: string;
  onAcknowledged: () => void;
}) {
  const { t } = useTranslation();
  // A refused booking names its amenity, dates and the nearest free slots: filled in by the
  // bookings' message helper, in the building's zone.
  const amenityId = typeof rejection.params.amenityId === 'string' ? rejection.params.amenityId : null;
  const amenity = useLiveQuery(async () => (amenityId ? await deskDatabase().amenities.get(amenityId) : undefined), [amenityId]);
  const acknowledge = () => void acknowledgeRejection(deskDatabase(), rejection.id, useSession.getState().staff?.id ?? null).then(onAcknowledged);
  return (
    <li className="sync-rejection" data-testid="sync-rejection">
      <p className="sync-rejection-title">
        <strong>{t(`sync.mutations.${rejection.mutationName}`)}</strong> · {formatDateTime(rejection.at, language, timeZone)} · {t('sync.panel.by', { name: staffName(rejection.staffId) })}
      </p>
      <p className="sync-error">{amenity ? bookingRejectionText(t, rejection, amenity, language, timeZone) : rejectionReason(t, rejection)}</p>
      <p>
        <span className="sync-label">{t('sync.panel.whatNext')}</span>
        {t(`sync.next.${rejection.mutationName}`)}
      </p>
      <button type="button" className="small" onClick={acknowledge} data-acknowledge>
        {t('sync.panel.acknowledge')}
      </button>
    </li>
  );
}

function bookingRejectionText(t: TFunction, rejection: Rejection, amenity: Amenity, language: Staff['language'], timeZone: string): string {
  const fill = t as unknown as (key: string, values: Record<string, string | number>) => string;
  const message = bookingMessage('rejection', rejection.code, rejection.params, { language, timeZone, amenityName: amenityName(amenity, language) });
  const alternatives = alternativesOf(rejection.params);
  const nearby = alternatives.map((slot) => `${formatDateTime(slot.start, language, timeZone)}–${formatTime(slot.end, language, timeZone)}`).join(', ');
  return alternatives.length > 0 ? `${fill(message.key, message.values)} ${fill('bookingRule.alternatives', { slots: nearby })}` : fill(message.key, message.values);
}
