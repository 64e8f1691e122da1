import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridgeErrorCode, getBridge } from '../../bridge';
import { useNotices } from '../../app/notices';
import { logEvent } from '../../app/log';

/**
 * "Save diagnostics": one file for support with the recent logs, versions and non-personal
 * settings (the host scrubs it). The desktop asks where to save it; the browser downloads it.
 */
export function DiagnosticsCard() {
  const { t } = useTranslation();
  const show = useNotices((state) => state.show);
  const [busy, setBusy] = useState(false);

  async function save() {
    // aria-disabled instead of disabled: the button keeps keyboard focus while it works.
    if (busy) return;
    setBusy(true);
    try {
      const result = await getBridge().saveDiagnostics({ dialogTitle: t('settings.diagnosticsDialogTitle') });
      logEvent('info', 'diagnostics.save', { outcome: result.outcome });
      if (result.outcome === 'saved') show({ tone: 'success', text: t('settings.diagnosticsSaved', { file: result.fileName }) });
      else if (result.outcome === 'failed') show({ tone: 'error', text: t('settings.diagnosticsFailed', { reason: result.reason }) });
    } catch (error) {
      show({ tone: 'error', text: t('settings.diagnosticsFailed', { reason: bridgeErrorCode(error) ?? 'bridge.internal_error' }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">{t('settings.diagnostics')}</h2>
      <p className="hint" id="diagnostics-hint">
        {t('settings.diagnosticsHint')}
      </p>
      <div className="row">
        <button type="button" id="save-diagnostics" onClick={() => void save()} aria-disabled={busy} aria-busy={busy} aria-describedby="diagnostics-hint">
          {busy ? t('settings.savingDiagnostics') : t('settings.saveDiagnostics')}
        </button>
        <span role="status" className="hint">
          {busy ? t('settings.savingDiagnostics') : ''}
        </span>
      </div>
    </section>
  );
}
