import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Amenity, Booking } from '../../../shared/domain/bookings';
import { LANGUAGES } from '../../../shared/domain/model';
import { amenityName } from '../../../shared/bookings/messages';
import { conflictsAfterRuleChange, type RuleChangeConflict } from '../../../shared/bookings/ruleChange';
import { formatDateTime, formatTime, localeOf } from '../../../shared/i18n/format';
import { newId } from '../../../shared/platform/globals';
import { useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useLanguage } from '../../app/useLanguage';
import { useNotices } from '../../app/notices';
import { LANGUAGE_NAMES } from '../manage/forms';
import { MAX_SEASONS, copySeason, editedRuleIndex, errorKey, firstSeasonWithError, formOf, newAmenity, validateAmenity, type AmenityForm, type FormErrors, type RulesForm } from './amenityForm';
import { localToday } from './bookingsData';
import { reasonSentence } from './BookingsScreen';
import { OpeningHoursEditor } from './OpeningHoursEditor';
import { seasonGaps } from './seasons';
import { seasonLabel } from './seasonLabels';

type Decision = 'keep' | 'cancel';
type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A manager creates an amenity or changes its rules (tracker issue 4). The season picker shows one
 * rule set at a time (first the one in effect today); seasons are added (a copy of the one shown),
 * dated and removed, and all are saved together. Saving first lists the future bookings on this desk the new rules would
 * refuse, with the reasons; the manager keeps or cancels each one, then saves again. Bookings held
 * by other desks are checked by the service, whose refusal shows in the sync panel.
 */
export function AmenityEditor({ amenity, bookings, buildingId, timeZone, defaultCurrency, onClose }: { amenity: Amenity | null; bookings: readonly Booking[]; buildingId: string; timeZone: string; defaultCurrency: string; onClose: () => void }) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const language = useLanguage();
  const directory = useDirectory();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [base] = useState(() => amenity ?? newAmenity(`am-${newId()}`, `rules-${newId()}`, defaultCurrency));
  const today = localToday(timeZone);
  const [selected, setSelected] = useState(() => editedRuleIndex(base, today));
  const [form, setForm] = useState<AmenityForm>(() => formOf(base, language, timeZone));
  const [errors, setErrors] = useState<FormErrors>({});
  const [conflicts, setConflicts] = useState<RuleChangeConflict[] | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<Amenity>(base);
  const formRef = useRef<HTMLFormElement>(null);
  const conflictsRef = useRef<HTMLHeadingElement>(null);

  const set = <K extends keyof AmenityForm>(key: K, value: AmenityForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const season: RulesForm | undefined = form.seasons[selected];
  /** Changes a field of the season shown. */
  const setRule = <K extends keyof RulesForm>(key: K, value: RulesForm[K]) =>
    setForm((current) => ({ ...current, seasons: current.seasons.map((each, index) => (index === selected ? { ...each, [key]: value } : each)) }));
  const seasonPath = (field: string) => `seasons.${selected}.${field}`;
  const gaps = useMemo(() => seasonGaps(form.seasons, today), [form.seasons, today]);
  const weekdays = useMemo(() => {
    const format = new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' });
    return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2026, 0, 4 + day)))); // 2026-01-04 is a Sunday
  }, [language]);
  const currency = form.currency.trim().toUpperCase() || defaultCurrency;

  function error(path: string): ReactNode {
    const found = errors[path];
    if (!found) return null;
    const other = typeof found === 'string' ? undefined : form.seasons[found.season];
    return (
      <span className="field-error" role="alert" id={`amenity-${path.replace(/\./g, '-')}-error`}>
        {tr(errorKey(found), other ? { season: seasonLabel(other, language, tr) } : undefined)}
      </span>
    );
  }
  const invalid = (path: string) => ({ 'aria-invalid': path in errors, 'aria-describedby': path in errors ? `amenity-${path.replace(/\./g, '-')}-error` : undefined });

  function text(path: 'capacity' | 'currency', label: string, props: { inputMode?: 'numeric' | 'decimal'; maxLength?: number; size?: number } = {}) {
    return (
      <label>
        {label}
        <input name={path} value={form[path]} maxLength={props.maxLength ?? 12} size={props.size} inputMode={props.inputMode} onChange={(event) => set(path, event.target.value)} {...invalid(path)} />
        {error(path)}
      </label>
    );
  }

  /** A text field of the season shown; its error path is "seasons.<i>.<field>". */
  function ruleText(field: Exclude<keyof RulesForm & string, 'id' | 'days' | 'slotting' | 'approval' | 'eligibility' | 'from' | 'until'>, label: string, props: { inputMode?: 'numeric' | 'decimal'; maxLength?: number; size?: number } = {}) {
    const path = seasonPath(field);
    return (
      <label>
        {label}
        <input name={field} value={season?.[field] ?? ''} maxLength={props.maxLength ?? 12} size={props.size} inputMode={props.inputMode} onChange={(event) => setRule(field, event.target.value)} {...invalid(path)} />
        {error(path)}
      </label>
    );
  }

  const focusLater = (selector: string) => setTimeout(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus(), 0);

  function addSeason() {
    if (!season || form.seasons.length >= MAX_SEASONS) return;
    set('seasons', [...form.seasons, copySeason(season, `rules-${newId()}`)]);
    setSelected(form.seasons.length);
    focusLater('input[name="seasonFrom"]');
  }

  function removeSeason() {
    if (form.seasons.length <= 1) return;
    set('seasons', form.seasons.filter((_, index) => index !== selected));
    // Errors are keyed by season index, which shifts: they are recomputed on the next save.
    setErrors({});
    setSelected(Math.max(0, selected - 1));
    focusLater('[data-testid="season-tab"][aria-pressed="true"]');
  }

  async function save() {
    if (saving) return;
    const { amenity: after, errors: found } = validateAmenity(form, base, language, timeZone, buildingId);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Show a season with an error (the one shown if it has one), then focus the first invalid field.
      const withError = firstSeasonWithError(found);
      if (withError !== null && !Object.keys(found).some((path) => path.startsWith(`seasons.${selected}.`))) setSelected(withError);
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    const people = directory ? { residents: directory.residentsById, unitLabels: new Map([...directory.unitsById].map(([id, unit]) => [id, unit.label])) } : {};
    const now = new Date();
    const current = conflictsAfterRuleChange(amenity, after, bookings, timeZone, now, people);
    setPreview(after);
    setConflicts(current);
    if (current.some((conflict) => !(conflict.booking.id in decisions))) {
      setDecisions((previous) => ({ ...Object.fromEntries(current.map((conflict) => [conflict.booking.id, 'keep' as const])), ...previous }));
      setTimeout(() => conflictsRef.current?.focus(), 0);
      return;
    }
    const cancel = current.filter((conflict) => decisions[conflict.booking.id] === 'cancel').map((conflict) => conflict.booking.id);
    const keep = current.filter((conflict) => decisions[conflict.booking.id] !== 'cancel').map((conflict) => conflict.booking.id);
    setSaving(true);
    const ok = await commit([{ name: 'upsertAmenity', args: { buildingId, amenity: after, conflictDecision: { cancel, keep, reason: reason.trim() === '' ? null : reason.trim() } } }]);
    setSaving(false);
    if (!ok) return;
    const name = amenityName(after, language);
    show({ tone: 'success', text: cancel.length > 0 ? t('amenityEditor.savedCancelled', { amenity: name, count: cancel.length }) : t('amenityEditor.saved', { amenity: name }) });
    onClose();
  }

  return (
    <div className="dialog-backdrop">
      <form
        ref={formRef}
        className="card amenity-editor"
        role="dialog"
        aria-modal="true"
        aria-labelledby="amenity-editor-title"
        data-testid="amenity-editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2 id="amenity-editor-title">{amenity ? t('amenityEditor.titleEdit', { amenity: amenityName(amenity, language) }) : t('amenityEditor.titleNew')}</h2>
        <p className="hint">{t('amenityEditor.keys')}</p>
        {Object.keys(errors).length > 0 && (
          <p className="field-error" role="alert">
            {t('amenityEditor.checkErrors')}
          </p>
        )}

        <fieldset>
          <legend>{t('amenityEditor.general')}</legend>
          <div className="amenity-grid">
            {LANGUAGES.map((each, position) => (
              <label key={each}>
                {t('amenityEditor.name', { language: LANGUAGE_NAMES[each] })}
                <input autoFocus={position === 0} name={`name.${each}`} value={form.name[each]} maxLength={120} onChange={(event) => set('name', { ...form.name, [each]: event.target.value })} {...invalid(`name.${each}`)} />
                {error(`name.${each}`)}
              </label>
            ))}
          </div>
          <label>
            {t('amenityEditor.description', { language: LANGUAGE_NAMES[language] })}
            <textarea name="description" rows={2} maxLength={1000} value={form.description} onChange={(event) => set('description', event.target.value)} {...invalid('description')} />
            {error('description')}
          </label>
          <div className="amenity-grid">
            {text('capacity', t('amenityEditor.capacity'), { inputMode: 'numeric', maxLength: 3 })}
            {text('currency', t('amenityEditor.currency'), { maxLength: 3 })}
            <label className="checkbox">
              <input type="checkbox" name="active" checked={form.active} onChange={(event) => set('active', event.target.checked)} /> {t('amenityEditor.active')}
            </label>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('amenityEditor.rules')}</legend>
          <div className="season-picker" role="group" aria-labelledby="amenity-seasons-label">
            <span id="amenity-seasons-label">{t('amenityEditor.seasons')}</span>
            {form.seasons.map((each, index) => {
              const broken = Object.keys(errors).some((path) => path.startsWith(`seasons.${index}.`));
              return (
                <button key={each.id} type="button" className={broken ? 'small season-tab has-error' : 'small season-tab'} aria-pressed={index === selected} data-testid="season-tab" onClick={() => setSelected(index)}>
                  {seasonLabel(each, language, tr)}
                  {broken && <span className="visually-hidden"> ({t('amenityEditor.seasonHasErrors')})</span>}
                  {broken && <span aria-hidden="true"> ⚠</span>}
                </button>
              );
            })}
            <button type="button" className="small" onClick={addSeason} disabled={form.seasons.length >= MAX_SEASONS}>
              {t('amenityEditor.addSeason')}
            </button>
          </div>
          {season && (
            <div className="season-dates">
              <label>
                {t('amenityEditor.seasonStart')}
                <input type="date" name="seasonFrom" value={season.from} onChange={(event) => setRule('from', event.target.value)} {...invalid(seasonPath('from'))} />
                {error(seasonPath('from'))}
              </label>
              <label>
                {t('amenityEditor.seasonEnd')}
                <input type="date" name="seasonUntil" value={season.until} onChange={(event) => setRule('until', event.target.value)} {...invalid(seasonPath('until'))} />
                {error(seasonPath('until'))}
              </label>
              <button type="button" className="small danger" onClick={removeSeason} disabled={form.seasons.length <= 1}>
                {t('amenityEditor.removeSeason')}
              </button>
            </div>
          )}
          <p className="hint">{t('amenityEditor.seasonsHint')}</p>
          {gaps.length > 0 && (
            <ul className="amenity-gaps warning-text" role="status" data-testid="season-gaps">
              {gaps.map((gap) => (
                <li key={gap.from}>{t('amenityEditor.seasonGap', { range: seasonLabel(gap, language, tr) })}</li>
              ))}
            </ul>
          )}
          <h3>{t('amenityEditor.hours')}</h3>
          <p className="hint">{t('amenityEditor.hoursHint')}</p>
          {season && <OpeningHoursEditor key={season.id} days={season.days} weekdays={weekdays} pathOf={(day, window) => seasonPath(`days.${day}.${window}`)} invalid={invalid} error={error} onChange={(days) => setRule('days', days)} />}

          <h3>{t('amenityEditor.slotting')}</h3>
          <div className="row" role="radiogroup" aria-label={t('amenityEditor.slotting')}>
            {(['fixed', 'free'] as const).map((kind) => (
              <label key={kind} className="checkbox">
                <input type="radio" name="slotting" checked={season?.slotting === kind} onChange={() => setRule('slotting', kind)} /> {t(`amenityEditor.${kind}`)}
              </label>
            ))}
          </div>
          {season?.slotting === 'fixed' ? (
            ruleText('slots', t('amenityEditor.slots'), { maxLength: 1000, size: 50 })
          ) : (
            <div className="amenity-grid">
              {ruleText('minMinutes', t('amenityEditor.minMinutes'), { inputMode: 'numeric', maxLength: 5 })}
              {ruleText('maxMinutes', t('amenityEditor.maxMinutes'), { inputMode: 'numeric', maxLength: 5 })}
              {ruleText('stepMinutes', t('amenityEditor.stepMinutes'), { inputMode: 'numeric', maxLength: 3 })}
            </div>
          )}
          <div className="amenity-grid">
            {ruleText('bufferBeforeMinutes', t('amenityEditor.bufferBefore'), { inputMode: 'numeric', maxLength: 3 })}
            {ruleText('bufferAfterMinutes', t('amenityEditor.bufferAfter'), { inputMode: 'numeric', maxLength: 3 })}
            {ruleText('minNoticeHours', t('amenityEditor.minNotice'), { inputMode: 'decimal', maxLength: 6 })}
            {ruleText('maxDaysAhead', t('amenityEditor.maxDaysAhead'), { inputMode: 'numeric', maxLength: 3 })}
          </div>
          <h3>{t('amenityEditor.quotas')}</h3>
          {error(seasonPath('quotas'))}
          <div className="amenity-grid">
            {ruleText('quotaDay', t('amenityEditor.quotaDay'), { inputMode: 'numeric', maxLength: 3 })}
            {ruleText('quotaWeek', t('amenityEditor.quotaWeek'), { inputMode: 'numeric', maxLength: 3 })}
            {ruleText('quotaMonth', t('amenityEditor.quotaMonth'), { inputMode: 'numeric', maxLength: 3 })}
            {ruleText('minDaysBetween', t('amenityEditor.minDaysBetween'), { inputMode: 'numeric', maxLength: 3 })}
          </div>
          <div className="amenity-grid">
            <label>
              {t('amenityEditor.approval')}
              <select name="approval" value={season?.approval} onChange={(event) => setRule('approval', event.target.value === 'required' ? 'required' : 'automatic')}>
                <option value="automatic">{t('amenityEditor.approvalAutomatic')}</option>
                <option value="required">{t('amenityEditor.approvalRequired')}</option>
              </select>
            </label>
            <label>
              {t('amenityEditor.eligibility')}
              <select name="eligibility" value={season?.eligibility} onChange={(event) => setRule('eligibility', event.target.value === 'owner' || event.target.value === 'tenant' ? event.target.value : 'both')}>
                <option value="both">{t('amenityEditor.eligibilityBoth')}</option>
                <option value="owner">{t('amenityEditor.eligibilityOwner')}</option>
                <option value="tenant">{t('amenityEditor.eligibilityTenant')}</option>
              </select>
            </label>
            {ruleText('fee', t('amenityEditor.fee', { currency }), { inputMode: 'decimal', maxLength: 12 })}
            {ruleText('deposit', t('amenityEditor.deposit', { currency }), { inputMode: 'decimal', maxLength: 12 })}
            {ruleText('cancellationCutoffHours', t('amenityEditor.cutoff'), { inputMode: 'numeric', maxLength: 3 })}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('amenityEditor.blackouts')}</legend>
          {form.blackouts.length === 0 && <p className="hint">{t('amenityEditor.noBlackouts')}</p>}
          {form.blackouts.map((blackout, index) => {
            const update = (change: Partial<typeof blackout>) => set('blackouts', form.blackouts.map((each, position) => (position === index ? { ...each, ...change } : each)));
            return (
              <div key={blackout.id} className="row amenity-blackout" data-testid="blackout">
                <label>
                  {t('amenityEditor.blackoutStart')}
                  <input type="datetime-local" value={blackout.start} onChange={(event) => update({ start: event.target.value })} {...invalid(`blackouts.${index}.start`)} />
                  {error(`blackouts.${index}.start`)}
                </label>
                <label>
                  {t('amenityEditor.blackoutEnd')}
                  <input type="datetime-local" value={blackout.end} onChange={(event) => update({ end: event.target.value })} {...invalid(`blackouts.${index}.end`)} />
                  {error(`blackouts.${index}.end`)}
                </label>
                <label>
                  {t('amenityEditor.blackoutReason')}
                  <input value={blackout.reason} maxLength={200} onChange={(event) => update({ reason: event.target.value })} {...invalid(`blackouts.${index}.reason`)} />
                  {error(`blackouts.${index}.reason`)}
                </label>
                <button type="button" className="small" onClick={() => set('blackouts', form.blackouts.filter((_, position) => position !== index))}>
                  {t('amenityEditor.removeBlackout')}
                </button>
              </div>
            );
          })}
          <button type="button" className="small" onClick={() => set('blackouts', [...form.blackouts, { id: `bo-${newId()}`, start: '', end: '', reason: '' }])}>
            {t('amenityEditor.addBlackout')}
          </button>
        </fieldset>

        {conflicts && conflicts.length > 0 && (
          <section className="verdict refused" data-testid="amenity-conflicts" aria-labelledby="amenity-conflicts-title">
            <h3 id="amenity-conflicts-title" ref={conflictsRef} tabIndex={-1}>
              {t('amenityEditor.conflicts', { count: conflicts.length })}
            </h3>
            <p className="hint">{t('amenityEditor.conflictsHint')}</p>
            <ul className="amenity-conflicts">
              {conflicts.map(({ booking, reasons }) => {
                const resident = directory?.residentsById.get(booking.residentId);
                const unit = directory?.unitsById.get(booking.unitId);
                const who = `${unit?.label ?? '—'} · ${resident ? `${resident.firstName} ${resident.lastName}` : t('history.formerResident')} · ${formatDateTime(booking.start, language, timeZone)}–${formatTime(booking.end, language, timeZone)}`;
                const decision = decisions[booking.id] ?? 'keep';
                return (
                  <li key={booking.id} data-testid="amenity-conflict" data-booking-id={booking.id}>
                    <fieldset>
                      <legend>{who}</legend>
                      <ul>
                        {reasons.map((each) => (
                          <li key={each.code}>{reasonSentence(t, each, preview, language, timeZone)}</li>
                        ))}
                      </ul>
                      <div className="row">
                        {(['keep', 'cancel'] as const).map((choice) => (
                          <label key={choice} className="checkbox">
                            <input type="radio" name={`decision-${booking.id}`} value={choice} checked={decision === choice} onChange={() => setDecisions((previous) => ({ ...previous, [booking.id]: choice }))} /> {t(`amenityEditor.${choice}`)}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ul>
            <label>
              {t('amenityEditor.cancelReason')}
              <input name="cancelReason" maxLength={300} value={reason} onChange={(event) => setReason(event.target.value)} />
            </label>
          </section>
        )}

        <div className="row">
          <button type="submit" className="primary" disabled={saving} data-testid="amenity-save">
            {conflicts && conflicts.length > 0 ? t('amenityEditor.saveDecided') : t('amenityEditor.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('amenityEditor.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
