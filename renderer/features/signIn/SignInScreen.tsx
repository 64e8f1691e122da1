import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../shared/domain/model';
import { verifyPin } from '../../../shared/auth/pin';
import { useActiveStaff, useBuilding } from '../../data/hooks';
import { deskSessionOf, useSession } from '../../app/session';
import { commitMutations } from '../../db/commit';
import { deskDatabase } from '../../data/database';
import { switchLanguage } from '../../i18n';
import { logEvent } from '../../app/log';
import { PinThrottle } from '../../../shared/auth/pinThrottle';
import { deskTransport } from '../../sync/deskSync';
import { verifyPinOnline } from '../../sync/serviceCalls';
import { checkPin } from './checkPin';

const throttle = new PinThrottle();

export function SignInScreen({ lockedStaff }: { lockedStaff: Staff | null }) {
  const { t } = useTranslation();
  const staffList = useActiveStaff();
  const building = useBuilding();
  const [chosen, setChosen] = useState<Staff | null>(lockedStaff);
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!chosen) firstButton.current?.focus();
  }, [chosen, staffList]);
  useEffect(() => {
    // Benchmarks read this mark: the first moment a person can act on the desk.
    if (staffList && performance.getEntriesByName('conserje:interactive').length === 0) performance.mark('conserje:interactive');
  }, [staffList]);

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <div className="sign-in-card">
        <p className="brand">{t('app.name')}{building ? ` · ${building.name}` : ''}</p>
        {lockedStaff && (
          <p className="locked-banner" role="status">
            <strong>{t('signIn.locked')}</strong>
            <br />
            {t('signIn.lockedHint', { name: lockedStaff.displayName })}
          </p>
        )}
        {chosen ? (
          <PinForm staff={chosen} onBack={() => setChosen(null)} />
        ) : (
          <>
            <h1 id="sign-in-title">{t('signIn.title')}</h1>
            <p className="hint">{t('signIn.pickYourself')}</p>
            {staffList && staffList.length === 0 && <p role="alert">{t('signIn.noStaff')}</p>}
            <ul className="staff-grid">
              {staffList?.map((staff, position) => (
                <li key={staff.id}>
                  <button ref={position === 0 ? firstButton : undefined} className="staff-button" onClick={() => setChosen(staff)}>
                    <span className="staff-name">{staff.displayName}</span>
                    <span className="staff-role">{t(`signIn.roles.${staff.role}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </main>
  );
}

function PinForm({ staff, onBack }: { staff: Staff; onBack: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), [staff.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const waitSeconds = throttle.secondsToWait(staff.id, Date.now());
    if (waitSeconds > 0) {
      setError(t('signIn.tooManyAttempts', { seconds: waitSeconds }));
      return;
    }
    setChecking(true);
    const decision = await checkPin(
      async () => verifyPinOnline(await deskTransport().catch(() => null), staff.id, pin, Date.now()),
      () => verifyPin(pin, staff.pin),
    );
    setChecking(false);
    setPin('');
    if (!decision.ok) {
      throttle.recordFailure(staff.id, Date.now());
      logEvent('warn', 'session.pinRejected', { staffId: staff.id });
      const wait = Math.max(decision.lockedForSeconds, throttle.secondsToWait(staff.id, Date.now()));
      setError(wait > 0 ? t('signIn.tooManyAttempts', { seconds: wait }) : t('signIn.wrongPin'));
      input.current?.focus();
      return;
    }
    throttle.recordSuccess(staff.id);
    logEvent('info', 'session.pinChecked', { by: decision.checkedBy, serviceUnavailable: decision.unavailableReason ?? null });
    await switchLanguage(staff.language);
    useSession.getState().signIn(staff);
    logEvent('info', 'session.signedIn', { staffId: staff.id });
    await commitMutations(deskDatabase(), deskSessionOf(staff), [{ name: 'recordSignIn', args: { method: 'pin' } }]).catch(() => undefined);
  }

  return (
    <form onSubmit={submit} className="pin-form" onKeyDown={(event) => event.key === 'Escape' && onBack()}>
      <h1 id="sign-in-title">{staff.displayName}</h1>
      <label htmlFor="pin">{t('signIn.pinLabel', { name: staff.displayName })}</label>
      <input
        id="pin"
        ref={input}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
        aria-invalid={error !== null}
        aria-describedby={error ? 'pin-error' : undefined}
      />
      {error && (
        <p id="pin-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={checking || pin.length < 4}>
          {checking ? t('signIn.checking') : t('signIn.submit')}
        </button>
        <button type="button" onClick={onBack}>
          {t('signIn.back')}
        </button>
      </div>
    </form>
  );
}
