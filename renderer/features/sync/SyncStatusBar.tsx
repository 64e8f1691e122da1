import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/model';
import { formatTime } from '../../../shared/i18n/format';
import { usePendingMutationCount } from '../../data/hooks';
import { useSyncStatus, type SyncState } from '../../sync/syncStore';
import { useSyncPanel } from './syncPanelStore';
import './sync.css';

const TONE: Record<SyncState, 'ok' | 'warn' | 'error' | 'neutral'> = {
  local: 'neutral',
  online: 'ok',
  syncing: 'neutral',
  offline: 'warn',
  error: 'error',
  updateRequired: 'error',
  notEnrolled: 'error',
};

/** The sync part of the status bar: always visible, so the staff always knows what is still pending. */
export function SyncStatusBar({ language, timeZone }: { language: Language; timeZone: string }) {
  const { t } = useTranslation();
  const state = useSyncStatus((status) => status.state);
  const lastSuccessAt = useSyncStatus((status) => status.lastSuccessAt);
  const lastError = useSyncStatus((status) => status.lastError);
  const rejected = useSyncStatus((status) => status.rejections.length);
  const pending = usePendingMutationCount() ?? 0;
  const showPanel = useSyncPanel((panel) => panel.show);

  const detail = state === 'local' ? t('status.noServer') : lastError ? t(`sync.errors.${lastError.key}`, lastError.params) : undefined;
  return (
    <>
      <span className={`pill sync-state ${TONE[state]}`} title={detail} data-testid="sync-state" role="status">
        {t(`sync.states.${state}`)}
      </span>
      <span className={pending > 0 ? 'pill warn' : 'pill'} title={t('status.pending', { count: pending })} aria-label={t('status.pending', { count: pending })} data-testid="pending-count">
        {t('sync.pendingShort', { count: pending })}
      </span>
      {state !== 'local' && lastSuccessAt && (
        <span className="sync-last" data-testid="last-sync">
          {t('sync.lastSync', { time: formatTime(lastSuccessAt, language, timeZone) })}
        </span>
      )}
      <button type="button" className="sync-open" onClick={showPanel} aria-haspopup="dialog">
        <span>{t('sync.open')}</span>
        {rejected > 0 && (
          <span className="sync-badge" data-testid="rejection-badge" aria-label={t('sync.rejectedBadge', { count: rejected })} title={t('sync.rejectedBadge', { count: rejected })}>
            {rejected}
          </span>
        )}
        <kbd>F8</kbd>
      </button>
    </>
  );
}
