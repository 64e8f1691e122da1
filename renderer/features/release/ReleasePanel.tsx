import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { carrierText } from '../packages/carrierText';
import { useTranslation } from 'react-i18next';
import type { Package, ReleaseRecipient, Resident, Unit } from '../../../shared/domain/model';
import { RELEASE_UNDO_SECONDS } from '../../../shared/mutations/packages';
import { formatDateTime, formatWaitingTime } from '../../../shared/i18n/format';
import { useBuilding, useWaitingForUnit, type Directory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { useLanguage } from '../../app/useLanguage';
import { useMeasurement } from '../../app/useMeasurement';
import { sizeText } from '../packages/sizeText';
import { SignatureField } from './SignatureField';

type HandTo = { kind: 'resident'; residentId: string } | { kind: 'proxy'; name: string; onBehalfOf: string } | { kind: 'other' };

export function ReleasePanel({
  unit,
  directory,
  preselectedPackageId,
  onDone,
}: {
  unit: Unit;
  directory: Directory;
  preselectedPackageId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const measurement = useMeasurement();
  const building = useBuilding();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const waiting = useWaitingForUnit(unit.id);
  const residents = useMemo(() => directory.residents.filter((resident) => resident.unitId === unit.id), [directory, unit.id]);
  const [deselected, setDeselected] = useState<Set<string>>(new Set());
  const [handTo, setHandTo] = useState<HandTo | null>(null);
  const [otherName, setOtherName] = useState('');
  const [otherFor, setOtherFor] = useState<string>('');
  const [signature, setSignature] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstChoice = useRef<HTMLInputElement>(null);

  const preferredResident = residentFor(preselectedPackageId, waiting, residents) ?? residents[0];
  useEffect(() => {
    if (!handTo && preferredResident) setHandTo({ kind: 'resident', residentId: preferredResident.id });
  }, [handTo, preferredResident]);
  useEffect(() => firstChoice.current?.focus(), [waiting === undefined]);

  const selected = (waiting ?? []).filter((pkg) => !deselected.has(pkg.id));
  const signatureRequired = selected.some((pkg) => pkg.flags.includes('signatureRequired'));
  const timeZone = building?.timeZone ?? 'UTC';
  const now = new Date();

  async function release(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (selected.length === 0) return setError(t('release.selectSome'));
    const recipient = toRecipient(handTo, otherName, otherFor || residents[0]?.id || '');
    if (!recipient) return setError(t('release.nameRequired'));
    if (signatureRequired && !signature) return setError(t('release.signatureRequired'));
    setBusy(true);
    const committed = await commit(selected.map((pkg) => ({ name: 'releasePackage' as const, args: { packageId: pkg.id, to: recipient, signature } })));
    setBusy(false);
    if (!committed) return;
    const name = recipient.kind === 'proxy' ? recipient.name : nameOf(directory.residentsById.get(recipient.residentId));
    const released = selected.map((pkg, i) => ({ packageId: pkg.id, releaseMutationId: committed[i]?.mutationId ?? '' }));
    show({
      tone: 'success',
      text: t('release.released', { count: released.length, name }),
      timeoutMs: RELEASE_UNDO_SECONDS * 1000,
      action: {
        label: t('release.undo'),
        shortcut: 'Ctrl+Z',
        run: () =>
          void commit(released.map((args) => ({ name: 'undoRelease' as const, args }))).then(
            (undone) => undone && show({ tone: 'info', text: t('release.undone') }),
          ),
      },
    });
    onDone();
  }

  if (waiting === undefined) return null;
  return (
    <form className="release-panel" onSubmit={release} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <h2>{t('release.waitingFor', { unit: unit.label })}</h2>
      {waiting.length === 0 ? (
        <p className="hint">{t('release.nothingWaiting', { unit: unit.label })}</p>
      ) : (
        <ul className="release-packages" data-testid="release-packages">
          {waiting.map((pkg) => (
            <li key={pkg.id}>
              <label className="package-row">
                <input
                  type="checkbox"
                  checked={!deselected.has(pkg.id)}
                  onChange={(event) =>
                    setDeselected((current) => {
                      const next = new Set(current);
                      if (event.target.checked) next.delete(pkg.id);
                      else next.add(pkg.id);
                      return next;
                    })
                  }
                />
                <span className="short-code">{pkg.shortCode}</span>
                <span>{nameOf(directory.residentsById.get(pkg.residentId))}</span>
                <span className="hint">{carrierText(pkg, t)}</span>
                <span className="hint" title={formatDateTime(pkg.receivedAt, language, timeZone)}>
                  {formatWaitingTime(pkg.receivedAt, now, language, t('time.justNow'))}
                </span>
                {pkg.size && <span className="hint">{sizeText(pkg.size, t, measurement, language)}</span>}
                {pkg.location && <span className="hint">{pkg.location}</span>}
                {pkg.flags.map((flag) => (
                  <span key={flag} className={`flag flag-${flag}`}>
                    {t(`packages.flags.${flag}`)}
                  </span>
                ))}
              </label>
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <>
          <fieldset className="hand-to">
            <legend>{t('release.handTo')}</legend>
            {residents.map((resident, position) => (
              <label key={resident.id} className="choice">
                <input
                  ref={position === 0 ? firstChoice : undefined}
                  type="radio"
                  name="hand-to"
                  checked={handTo?.kind === 'resident' && handTo.residentId === resident.id}
                  onChange={() => setHandTo({ kind: 'resident', residentId: resident.id })}
                />
                {nameOf(resident)} <span className="hint">{t('release.resident')}</span>
              </label>
            ))}
            {residents.flatMap((resident) =>
              resident.authorizedPickups.map((pickup) => (
                <label key={pickup.id} className="choice">
                  <input
                    type="radio"
                    name="hand-to"
                    checked={handTo?.kind === 'proxy' && handTo.name === pickup.name && handTo.onBehalfOf === resident.id}
                    onChange={() => setHandTo({ kind: 'proxy', name: pickup.name, onBehalfOf: resident.id })}
                  />
                  {pickup.name}{' '}
                  <span className="hint">
                    {t('release.proxy')} · {nameOf(resident)}
                    {pickup.relationship ? ` (${pickup.relationship})` : ''}
                  </span>
                </label>
              )),
            )}
            <label className="choice">
              <input type="radio" name="hand-to" checked={handTo?.kind === 'other'} onChange={() => setHandTo({ kind: 'other' })} />
              {t('release.someoneElse')}
            </label>
            {handTo?.kind === 'other' && (
              <div className="other-person">
                <label>
                  {t('release.proxyName')}
                  <input value={otherName} maxLength={120} onChange={(event) => setOtherName(event.target.value)} autoFocus autoComplete="off" />
                </label>
                <label>
                  {t('release.proxyOnBehalf')}
                  <select value={otherFor} onChange={(event) => setOtherFor(event.target.value)}>
                    {residents.map((resident) => (
                      <option key={resident.id} value={resident.id}>
                        {nameOf(resident)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            )}
          </fieldset>
          <SignatureField required={signatureRequired} onChange={setSignature} />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy || selected.length === 0}>
              {t('release.confirm', { count: selected.length })} <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={onDone}>
              {t('receive.cancel')} <kbd>Esc</kbd>
            </button>
          </div>
        </>
      )}
    </form>
  );
}

function nameOf(resident: Resident | undefined): string {
  return resident ? `${resident.firstName} ${resident.lastName}` : '';
}

function residentFor(packageId: string | null, waiting: Package[] | undefined, residents: Resident[]): Resident | undefined {
  const pkg = waiting?.find((candidate) => candidate.id === packageId);
  return pkg ? residents.find((resident) => resident.id === pkg.residentId) : undefined;
}

function toRecipient(handTo: HandTo | null, otherName: string, otherFor: string): ReleaseRecipient | null {
  if (!handTo) return null;
  if (handTo.kind === 'other') {
    const name = otherName.trim();
    return name && otherFor ? { kind: 'proxy', name, onBehalfOf: otherFor } : null;
  }
  return handTo;
}
