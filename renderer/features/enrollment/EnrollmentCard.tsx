import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { getBridge } from '../../bridge';
import { deskDatabase } from '../../data/database';
import { useDeskSettings } from '../../app/deskSettings';
import { useNotices } from '../../app/notices';
import { useSession } from '../../app/session';
import { readServerConfig } from '../../sync/config';
import { restartDeskSync } from '../../sync/deskSync';
import { enrollDesk, type EnrollOutcome } from '../../sync/enroll';

/** Settings card: which central service this desk syncs with, or a form to enroll it. */
export function EnrollmentCard() {
  const { t } = useTranslation();
  const config = useLiveQuery(() => readServerConfig(deskDatabase()));
  const [serverUrl, setServerUrl] = useState(() => window.location.origin.startsWith('http') ? window.location.origin : 'http://127.0.0.1:8787');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await enrollDesk(
      { serverUrl, code, deskName: useDeskSettings.getState().settings.deskName },
      { db: deskDatabase(), bridge: getBridge(), fetch: window.fetch.bind(window) },
    );
    setBusy(false);
    if (!outcome.ok) return setError(enrollmentFailureText(t, outcome, serverUrl));
    useNotices.getState().show({ tone: 'success', text: t('enrollment.enrolled', { building: outcome.buildingName }) });
    await restartDeskSync();
    // The people of the new building sign in now: the local session belonged to the old data.
    useSession.getState().signOut();
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="enrollment-title">
      <h2 id="enrollment-title">{t('enrollment.title')}</h2>
      {config ? (
        <p>{t('enrollment.connectedTo', { url: config.baseUrl.replace(/\/api$/, '') })}</p>
      ) : (
        <>
          <p className="hint">{t('enrollment.notConnected')}</p>
          <label>
            {t('enrollment.serverUrl')}
            <input value={serverUrl} maxLength={200} onChange={(event) => setServerUrl(event.target.value)} autoComplete="url" spellCheck={false} />
          </label>
          <label>
            {t('enrollment.code')}
            <input value={code} maxLength={20} onChange={(event) => setCode(event.target.value)} autoComplete="off" spellCheck={false} placeholder="XXXX-XXXX-XXXX" />
          </label>
          <p className="warning-text">{t('enrollment.warning')}</p>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy || code.trim().length < 12}>
              {busy ? t('enrollment.enrolling') : t('enrollment.submit')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

const EXPLAINED_FAILURES = ['enrollmentCodeInvalid', 'unreachable', 'malformedRequest'] as const;
type ExplainedFailure = (typeof EXPLAINED_FAILURES)[number];

export function enrollmentFailureText(t: TFunction, outcome: Extract<EnrollOutcome, { ok: false }>, serverUrl: string): string {
  const key = (EXPLAINED_FAILURES as readonly string[]).includes(outcome.error) ? (outcome.error as ExplainedFailure) : 'unexpected';
  return t(`enrollment.failed.${key}`, { url: serverUrl, message: outcome.message });
}
