import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, MeasurementSystem, Resident, Unit } from '../../../shared/domain/model';
import { canonicalUnitLabel, UpsertResidentArgs } from '../../../shared/mutations/directory';
import { newId } from '../../../shared/platform/globals';
import { compareUnitLabels } from '../../../shared/search/recipients';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { Field } from './Field';
import { fieldError, fieldErrorsOf, hasErrors, LANGUAGE_NAMES, LANGUAGES, type FieldErrors } from './forms';

interface PickupDraft {
  id: string;
  name: string;
  relationship: string;
}

interface ResidentDraft {
  unitLabel: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: Language;
  measurement: MeasurementSystem;
  occupancy: Resident['occupancy'];
  pickups: PickupDraft[];
}

function draftOf(resident: Resident | undefined, units: readonly Unit[], defaultLanguage: Language): ResidentDraft {
  return {
    unitLabel: resident ? (units.find((unit) => unit.id === resident.unitId)?.label ?? '') : '',
    firstName: resident?.firstName ?? '',
    lastName: resident?.lastName ?? '',
    email: resident?.email ?? '',
    phone: resident?.phone ?? '',
    language: resident?.language ?? defaultLanguage,
    measurement: resident?.measurement ?? 'metric',
    occupancy: resident?.occupancy ?? 'tenant',
    pickups: (resident?.authorizedPickups ?? []).map((pickup) => ({ id: pickup.id, name: pickup.name, relationship: pickup.relationship ?? '' })),
  };
}

interface ResidentFormProps {
  residentId: string;
  /** The resident as stored, or undefined for a new one. */
  resident: Resident | undefined;
  units: readonly Unit[];
  /** Packages waiting for this resident: moving them out (or to another unit) waits until they are handed over. */
  waitingCount: number;
  /** The building's language: what a new resident's messages start in. */
  defaultLanguage: Language;
  onDone(): void;
}

/** Every field of a resident, the people allowed to collect for them, and moving out. */
export function ResidentForm({ residentId, resident, units, waitingCount, defaultLanguage, onDone }: ResidentFormProps) {
  const { t } = useTranslation();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [draft, setDraft] = useState(() => draftOf(resident, units, defaultLanguage));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirmingMoveOut, setConfirmingMoveOut] = useState(false);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const pickupNames = useRef(new Map<string, HTMLInputElement>());
  const [focusPickup, setFocusPickup] = useState<string | null>(null);

  const unitsByLabel = useMemo(() => new Map(units.map((unit) => [canonicalUnitLabel(unit.label), unit])), [units]);
  const sortedLabels = useMemo(() => units.map((unit) => unit.label).sort(compareUnitLabels), [units]);
  const name = resident ? `${resident.firstName} ${resident.lastName}` : '';
  const unitLabel = resident ? (units.find((unit) => unit.id === resident.unitId)?.label ?? '') : '';

  useEffect(() => firstField.current?.focus(), []);
  useEffect(() => {
    if (focusPickup) pickupNames.current.get(focusPickup)?.focus();
  }, [focusPickup]);

  const update = (patch: Partial<ResidentDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const updatePickup = (id: string, patch: Partial<PickupDraft>) =>
    update({ pickups: draft.pickups.map((pickup) => (pickup.id === id ? { ...pickup, ...patch } : pickup)) });

  function addPickup() {
    const id = newId();
    update({ pickups: [...draft.pickups, { id, name: '', relationship: '' }] });
    setFocusPickup(id);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const unit = unitsByLabel.get(canonicalUnitLabel(draft.unitLabel));
    const args = {
      residentId,
      unitId: unit?.id ?? '',
      firstName: draft.firstName,
      lastName: draft.lastName,
      email: draft.email.trim() === '' ? null : draft.email,
      phone: draft.phone.trim() === '' ? null : draft.phone,
      language: draft.language,
      measurement: draft.measurement,
      occupancy: draft.occupancy,
      authorizedPickups: draft.pickups.map((pickup) => ({ id: pickup.id, name: pickup.name, relationship: pickup.relationship.trim() === '' ? null : pickup.relationship })),
    };
    const found = fieldErrorsOf(UpsertResidentArgs, args);
    if (!unit) found.unitId = draft.unitLabel.trim() === '' ? 'text.required' : 'manage.residents.unitUnknown';
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const parsed = UpsertResidentArgs.parse(args);
    setSaving(true);
    const committed = await commit([{ name: 'upsertResident', args: parsed }]);
    setSaving(false);
    if (!committed) return;
    show({ tone: 'success', text: t(resident ? 'manage.residents.saved' : 'manage.residents.added', { name: `${parsed.firstName} ${parsed.lastName}`, unit: unit?.label ?? '' }) });
    onDone();
  }

  async function moveOut() {
    setSaving(true);
    const committed = await commit([{ name: 'moveOutResident', args: { residentId } }]);
    setSaving(false);
    if (!committed) return;
    show({ tone: 'success', text: t('manage.residents.movedOut', { name, unit: unitLabel }) });
    onDone();
  }

  function onKey(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (confirmingMoveOut) setConfirmingMoveOut(false);
      else onDone();
    }
  }

  const unitError = fieldError(t, errors, 'unitId');
  const pickupsError = fieldError(t, errors, 'authorizedPickups');

  return (
    <form className="card manage-form" onSubmit={save} onKeyDown={onKey} noValidate aria-labelledby="resident-form-title">
      <h2 id="resident-form-title">{resident ? t('manage.residents.editTitle', { name, unit: unitLabel }) : t('manage.residents.newTitle')}</h2>
      <div className="form-grid">
        <Field form="resident" path="firstName" label={t('manage.residents.firstName')} value={draft.firstName} onChange={(firstName) => update({ firstName })} errors={errors} inputRef={firstField} maxLength={80} autoComplete="off" />
        <Field form="resident" path="lastName" label={t('manage.residents.lastName')} value={draft.lastName} onChange={(lastName) => update({ lastName })} errors={errors} maxLength={80} autoComplete="off" />
        <label>
          {t('manage.residents.unit')}
          <input
            name="unitId"
            list="manage-unit-labels"
            value={draft.unitLabel}
            maxLength={16}
            autoComplete="off"
            onChange={(event) => update({ unitLabel: event.target.value })}
            aria-invalid={unitError !== null}
            aria-describedby={unitError ? 'resident-unitId-error' : undefined}
          />
          <datalist id="manage-unit-labels">
            {sortedLabels.map((label) => (
              <option key={label} value={label} />
            ))}
          </datalist>
          {unitError && (
            <span id="resident-unitId-error" className="field-error" role="alert">
              {unitError}
            </span>
          )}
        </label>
        <label>
          {t('manage.residents.occupancy')}
          <select name="occupancy" value={draft.occupancy} onChange={(event) => update({ occupancy: event.target.value as Resident['occupancy'] })}>
            <option value="owner">{t('manage.residents.owner')}</option>
            <option value="tenant">{t('manage.residents.tenant')}</option>
          </select>
        </label>
        <Field form="resident" path="email" type="email" label={<Optional text={t('manage.residents.email')} />} value={draft.email} onChange={(email) => update({ email })} errors={errors} maxLength={254} autoComplete="off" />
        <Field form="resident" path="phone" type="tel" label={<Optional text={t('manage.residents.phone')} />} value={draft.phone} onChange={(phone) => update({ phone })} errors={errors} maxLength={32} autoComplete="off" />
        <label>
          {t('manage.residents.language')}
          <select name="language" value={draft.language} onChange={(event) => update({ language: event.target.value as Language })}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.measurement')}
          <select name="measurement" value={draft.measurement} onChange={(event) => update({ measurement: event.target.value as MeasurementSystem })}>
            <option value="metric">{t('settings.metric')}</option>
            <option value="imperial">{t('settings.imperial')}</option>
          </select>
        </label>
      </div>

      <fieldset className="pickups">
        <legend>{t('manage.residents.pickups')}</legend>
        {draft.pickups.length === 0 && <p className="hint">{t('manage.residents.noPickups')}</p>}
        {draft.pickups.map((pickup, index) => (
          <div key={pickup.id} className="pickup-row">
            <Field
              form="resident"
              path={`authorizedPickups.${index}.name`}
              label={t('manage.residents.pickupName')}
              value={pickup.name}
              onChange={(value) => updatePickup(pickup.id, { name: value })}
              errors={errors}
              maxLength={120}
              autoComplete="off"
              inputRef={(element) => {
                if (element) pickupNames.current.set(pickup.id, element);
                else pickupNames.current.delete(pickup.id);
              }}
            />
            <Field
              form="resident"
              path={`authorizedPickups.${index}.relationship`}
              label={t('manage.residents.pickupRelationship')}
              value={pickup.relationship}
              onChange={(value) => updatePickup(pickup.id, { relationship: value })}
              errors={errors}
              maxLength={60}
              autoComplete="off"
            />
            <button type="button" className="small" onClick={() => update({ pickups: draft.pickups.filter((other) => other.id !== pickup.id) })} aria-label={t('manage.residents.removePickup', { name: pickup.name || t('manage.residents.pickupUnnamed') })}>
              {t('manage.residents.remove')}
            </button>
          </div>
        ))}
        {pickupsError && (
          <p className="field-error" role="alert">
            {pickupsError}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={addPickup} disabled={draft.pickups.length >= 20}>
            {t('manage.residents.addPickup')}
          </button>
        </div>
      </fieldset>

      {resident && waitingCount > 0 && canonicalUnitLabel(draft.unitLabel) !== canonicalUnitLabel(unitLabel) && (
        <p className="warning-text">{t('manage.residents.waitingBlocksUnitChange', { count: waitingCount })}</p>
      )}

      {resident && (
        <div className="manage-danger">
          {waitingCount > 0 ? (
            <p className="hint">{t('manage.residents.waitingBlocksMoveOut', { count: waitingCount })}</p>
          ) : (
            <span className="spacer" />
          )}
          {!confirmingMoveOut && (
            <button type="button" className="danger" disabled={saving || waitingCount > 0} onClick={() => setConfirmingMoveOut(true)}>
              {t('manage.residents.moveOut')}
            </button>
          )}
        </div>
      )}
      {resident && confirmingMoveOut && (
        <div className="confirm" role="alertdialog" aria-labelledby="move-out-question">
          <p id="move-out-question">{t('manage.residents.moveOutQuestion', { name, unit: unitLabel })}</p>
          <div className="row">
            <button type="button" className="danger" autoFocus disabled={saving} onClick={() => void moveOut()}>
              {t('manage.residents.moveOutConfirm')}
            </button>
            <button type="button" onClick={() => setConfirmingMoveOut(false)}>
              {t('manage.residents.keep')}
            </button>
          </div>
        </div>
      )}

      <div className="row form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {resident ? t('manage.residents.save') : t('manage.residents.create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('manage.cancel')}
          <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

/** A field label with "(optional)" beside it, in the muted hint style. */
function Optional({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span>
      {text} <span className="hint">{t('manage.residents.optional')}</span>
    </span>
  );
}

/** Puts the cursor in the first field with an error, so the keyboard user lands on what to fix. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
