import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PACKAGE_FLAGS, PACKAGE_KINDS, PACKAGE_SIZES, type PackageFlag, type PackageKind, type PackageSize } from '../../../shared/domain/model';
import type { RecipientMatch } from '../../../shared/search/recipients';
import { newId } from '../../../shared/platform/globals';
import type { Directory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { useDeskSettings } from '../../app/deskSettings';
import { randomShortCode } from '../../../shared/packages/shortCode';
import { printPackageLabel } from '../labels/printPackageLabel';
import { useReceive, type ReceiveDraft } from './receiveStore';
import { RecipientOption } from './RecipientOption';
import { sizeText } from '../packages/sizeText';
import { useLanguage } from '../../app/useLanguage';
import { useMeasurement } from '../../app/useMeasurement';

const MAX_MATCHES = 8;

export function DraftPanel({ draft, directory }: { draft: ReceiveDraft; directory: Directory }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const measurement = useMeasurement();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const lastLocation = useReceive((state) => state.lastLocation);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [chosen, setChosen] = useState<RecipientMatch | null>(null);
  const [kind, setKind] = useState<PackageKind>(draft.kind);
  const [size, setSize] = useState<PackageSize | ''>('');
  const [location, setLocation] = useState(lastLocation ?? '');
  const [flags, setFlags] = useState<PackageFlag[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const recipientInput = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => directory.index.search(query, MAX_MATCHES), [directory, query]);
  const highlighted = matches[Math.min(highlight, matches.length - 1)] ?? null;

  function onRecipientKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((current) => Math.max(0, Math.min(matches.length - 1, current + step)));
    } else if (event.key === 'Tab' && !event.shiftKey && highlighted && !chosen) {
      setChosen(highlighted);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      useReceive.getState().dropActive();
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const recipient = chosen ?? highlighted;
    if (!recipient) {
      setError(query.trim() ? t('receive.noMatches', { query }) : t('receive.recipientRequired'));
      recipientInput.current?.focus();
      return;
    }
    setSaving(true);
    const packageId = newId();
    const trimmedLocation = location.trim();
    const committed = await commit([
      {
        name: 'receivePackage',
        args: {
          packageId,
          shortCode: randomShortCode(),
          trackingNumber: draft.trackingNumber,
          carrier: draft.carrier,
          trackingFormat: draft.format,
          kind,
          residentId: recipient.resident.id,
          size: size === '' ? null : size,
          location: trimmedLocation === '' ? null : trimmedLocation,
          flags,
          note: note.trim() === '' ? null : note,
        },
      },
    ]);
    setSaving(false);
    if (!committed) return;
    const name = `${recipient.resident.firstName} ${recipient.resident.lastName}`;
    show({
      tone: 'success',
      text: trimmedLocation
        ? t('receive.saved', { unit: recipient.unit.label, name, location: trimmedLocation })
        : t('receive.savedNoLocation', { unit: recipient.unit.label, name }),
    });
    useReceive.getState().recordSaved(packageId, trimmedLocation === '' ? null : trimmedLocation);
    if (useDeskSettings.getState().settings.autoPrintLabels) void printPackageLabel(packageId, t);
  }

  const recipientHelpId = `recipient-help-${draft.key}`;
  return (
    <form className="draft-panel" onSubmit={save} aria-label={t('receive.recipientLabel')}>
      <div className="draft-head">
        <span className={`carrier-pill carrier-${draft.carrier}`}>{draft.carrierName ?? t('packages.unknownCarrier')}</span>
        <span className="tracking-number">{draft.trackingNumber ?? t(`packages.kinds.${draft.kind}`)}</span>
        {draft.formatName && <span className="hint">{draft.formatName}</span>}
      </div>
      {draft.hint && (
        <p className="warning-text" role="status">
          {t(`receive.${draft.hint}`)}
        </p>
      )}
      <label htmlFor="recipient-input">{t('receive.recipientLabel')}</label>
      <input
        id="recipient-input"
        ref={recipientInput}
        className="recipient-input"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls="recipient-options"
        aria-activedescendant={highlighted ? `recipient-${highlighted.resident.id}` : undefined}
        aria-describedby={recipientHelpId}
        aria-invalid={error !== null}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        maxLength={60}
        placeholder={t('receive.recipientPlaceholder')}
        value={chosen ? `${chosen.unit.label} · ${chosen.resident.firstName} ${chosen.resident.lastName}` : query}
        onChange={(event) => {
          setChosen(null);
          setQuery(event.target.value);
          setHighlight(0);
          setError(null);
        }}
        onKeyDown={onRecipientKey}
      />
      <p id={recipientHelpId} className="hint">
        {t('receive.detailsHint')}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!chosen && query.trim() !== '' && (
        <ul id="recipient-options" role="listbox" className="recipient-options" aria-label={t('receive.recipientLabel')}>
          {matches.length === 0 && <li className="hint">{t('receive.noMatches', { query })}</li>}
          {matches.map((match, position) => (
            <RecipientOption
              key={match.resident.id}
              match={match}
              selected={match === highlighted}
              onPick={() => {
                setChosen(match);
                setHighlight(position);
              }}
            />
          ))}
        </ul>
      )}
      <fieldset className="details">
        <label>
          {t('receive.kind')}
          <select value={kind} onChange={(event) => setKind(event.target.value as PackageKind)}>
            {PACKAGE_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`packages.kinds.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('receive.size')}
          <select value={size} onChange={(event) => setSize(event.target.value as PackageSize | '')}>
            <option value="">{t('packages.noSize')}</option>
            {PACKAGE_SIZES.map((value) => (
              <option key={value} value={value}>
                {sizeText(value, t, measurement, language)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('receive.location')}
          <input value={location} maxLength={40} onChange={(event) => setLocation(event.target.value)} autoComplete="off" />
        </label>
        <label className="wide">
          {t('receive.note')}
          <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} autoComplete="off" />
        </label>
        <div className="flags wide" role="group" aria-label={t('receive.flags')}>
          {PACKAGE_FLAGS.map((flag) => (
            <label key={flag} className="flag-toggle">
              <input
                type="checkbox"
                checked={flags.includes(flag)}
                onChange={(event) => setFlags((current) => (event.target.checked ? [...current, flag] : current.filter((f) => f !== flag)))}
              />
              {t(`packages.flags.${flag}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {t('receive.save')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => useReceive.getState().dropActive()}>
          {t('receive.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
