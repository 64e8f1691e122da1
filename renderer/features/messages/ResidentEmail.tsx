import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../shared/domain/model';
import { formatDate } from '../../../shared/i18n/format';
import { wallClockAsUtc } from '../../../shared/time/zone';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { useLanguage } from '../../app/useLanguage';

/** The building's calendar date today, YYYY-MM-DD. */
function today(timeZone: string): string {
  return new Date(wallClockAsUtc(new Date(), timeZone)).toISOString().slice(0, 10);
}

/**
 * Whether the residents of a conversation can get e-mail, and what the desk can change: stop or
 * resume e-mail at their request, try a refused address again, hold package reminders while
 * they are away. Correcting the address itself is in Manage (F6).
 */
export function ResidentEmail({ residentIds }: { residentIds: readonly string[] }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const residents = residentIds.flatMap((id) => {
    const resident = directory?.residentsById.get(id);
    return resident ? [resident] : [];
  });
  if (residents.length === 0) return null;
  return (
    <section className="resident-email" aria-label={t('messages.email.title')}>
      {residents.map((resident) => (
        <ResidentEmailRow key={resident.id} resident={resident} showName={residentIds.length > 1} />
      ))}
    </section>
  );
}

function ResidentEmailRow({ resident, showName }: { resident: Resident; showName: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const timeZone = building?.timeZone ?? 'UTC';
  const [holdUntil, setHoldUntil] = useState('');
  const [holdProblem, setHoldProblem] = useState<string | null>(null);
  const todayLocal = today(timeZone);
  const heldUntil = resident.vacationHoldUntil && resident.vacationHoldUntil >= todayLocal ? resident.vacationHoldUntil : null;

  async function save(changes: { emailOptOut?: boolean; vacationHoldUntil?: string | null; clearBounce?: boolean }) {
    const args = {
      residentId: resident.id,
      emailOptOut: changes.emailOptOut ?? resident.emailOptOut ?? false,
      vacationHoldUntil: changes.vacationHoldUntil !== undefined ? changes.vacationHoldUntil : (resident.vacationHoldUntil ?? null),
      clearBounce: changes.clearBounce ?? false,
    };
    if (await commit([{ name: 'setResidentMessaging', args }])) show({ tone: 'success', text: t('messages.email.saved') });
  }

  function hold() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holdUntil) || holdUntil < todayLocal) {
      setHoldProblem(t('messages.email.holdInvalid'));
      return;
    }
    setHoldProblem(null);
    void save({ vacationHoldUntil: holdUntil });
  }

  let status: string;
  if (resident.email === null) status = t('messages.email.none');
  else if (resident.emailOptOut) status = t('messages.email.optedOut');
  else if (resident.emailBounce) status = t('messages.email.bounced', { date: formatDate(resident.emailBounce.at, language, timeZone), code: resident.emailBounce.smtpCode ?? '—' });
  else status = t('messages.email.address', { email: resident.email });
  const holdDate = heldUntil ? formatDate(`${heldUntil}T12:00:00.000Z`, language, 'UTC') : null;

  return (
    <div className="resident-email-row" data-testid="resident-email">
      <p className={resident.email === null || resident.emailOptOut || resident.emailBounce ? 'warning-text' : 'hint'}>
        {showName && <strong>{`${resident.firstName} ${resident.lastName}: `}</strong>}
        {status}
      </p>
      <div className="row">
        {resident.email !== null && (
          <button type="button" className="small" onClick={() => void save({ emailOptOut: !resident.emailOptOut })}>
            {resident.emailOptOut ? t('messages.email.resume') : t('messages.email.stop')}
          </button>
        )}
        {resident.emailBounce && (
          <button type="button" className="small" onClick={() => void save({ clearBounce: true })}>
            {t('messages.email.retryAddress')}
          </button>
        )}
        {heldUntil ? (
          <>
            <span className="hint">{t('messages.email.heldUntil', { date: holdDate })}</span>
            <button type="button" className="small" onClick={() => void save({ vacationHoldUntil: null })}>
              {t('messages.email.holdClear')}
            </button>
          </>
        ) : (
          <>
            <label className="inline-label">
              {t('messages.email.holdLabel')}
              <input type="date" value={holdUntil} min={todayLocal} onChange={(event) => setHoldUntil(event.target.value)} />
            </label>
            <button type="button" className="small" onClick={hold}>
              {t('messages.email.holdSave')}
            </button>
          </>
        )}
      </div>
      {holdProblem && (
        <p className="field-error" role="alert">
          {holdProblem}
        </p>
      )}
    </div>
  );
}
