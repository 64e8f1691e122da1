import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { ROLES, type Language, type MeasurementSystem, type PinVerifier, type Staff, type StaffRole } from '../../../shared/domain/model';
import { createPinVerifier, isWellFormedPin } from '../../../shared/auth/pin';
import { AddStaffArgs, managesStaff, mayManageRole } from '../../../shared/mutations/staff';
import { newId } from '../../../shared/platform/globals';
import { deskDatabase } from '../../data/database';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { logEvent } from '../../app/log';
import { Field } from './Field';
import { fieldErrorsOf, hasErrors, isNewRequest, LANGUAGE_NAMES, LANGUAGES, pinDigits, type FieldErrors } from './forms';
import { focusFirstInvalid } from './ResidentForm';

type Panel = { kind: 'add'; id: string } | { kind: 'resetPin'; staffId: string } | { kind: 'disable'; staffId: string } | null;

/** Everyone on the building's staff, active or not, active first. */
function useAllStaff(): Staff[] | undefined {
  return useLiveQuery(async () =>
    (await deskDatabase().staff.toArray()).sort((a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName)),
  );
}

/** What `me` may do to `member`: the same rules the staff mutators enforce (shared/mutations/staff.ts). */
function allowedActions(me: Staff, member: Staff): { resetPin: boolean; toggle: boolean } {
  const self = me.id === member.id;
  return {
    resetPin: self || mayManageRole(me.role, member.role),
    toggle: !self && mayManageRole(me.role, member.role),
  };
}

export function StaffTab({ me, newRequest }: { me: Staff; newRequest: number }) {
  const { t } = useTranslation();
  const staff = useAllStaff();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [panel, setPanel] = useState<Panel>(null);
  const seenRequest = useRef(newRequest);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (isNewRequest(seenRequest, newRequest)) setPanel({ kind: 'add', id: newId() });
  }, [newRequest]);
  useEffect(() => addButton.current?.focus(), []);

  const selected = panel && panel.kind !== 'add' ? staff?.find((member) => member.id === panel.staffId) : undefined;

  function closePanel() {
    setPanel(null);
    addButton.current?.focus();
  }

  async function enable(member: Staff) {
    const committed = await commit([{ name: 'setStaffActive', args: { staffId: member.id, active: true } }]);
    if (committed) show({ tone: 'success', text: t('manage.staff.enabled', { name: member.displayName }) });
  }

  return (
    <div className="manage-grid">
      <div className="manage-list">
        <div className="filters">
          <button ref={addButton} type="button" onClick={() => setPanel({ kind: 'add', id: newId() })}>
            {t('manage.staff.add')}
            <kbd>Alt+N</kbd>
          </button>
          <span className="count">{t('manage.staff.count', { count: staff?.length ?? 0 })}</span>
        </div>
        {me.role === 'manager' && <p className="hint">{t('manage.staff.managerLimit')}</p>}
        <div className="table-head manage-staff-columns" aria-hidden="true">
          <span>{t('manage.staff.columns.name')}</span>
          <span>{t('manage.staff.columns.status')}</span>
          <span>{t('manage.staff.columns.actions')}</span>
        </div>
        <ul className="staff-list" aria-label={t('manage.tabs.staff')} data-testid="manage-staff-list">
          {staff?.map((member) => {
            const can = allowedActions(me, member);
            return (
              <li key={member.id} className={`manage-row manage-staff-columns${member.active ? '' : ' inactive'}${selected?.id === member.id ? ' selected' : ''}`} data-staff-id={member.id}>
                <span className="staff-cell">
                  <span className="ellipsis staff-cell-name">
                    {member.displayName}
                    {member.id === me.id && <span className="hint"> {t('manage.staff.you')}</span>}
                  </span>
                  <span className="hint ellipsis">
                    {t(`signIn.roles.${member.role}`)} · <span lang={member.language}>{LANGUAGE_NAMES[member.language]}</span>
                  </span>
                </span>
                <span>
                  <span className={member.active ? 'pill ok' : 'pill'}>{member.active ? t('manage.staff.active') : t('manage.staff.disabled')}</span>
                </span>
                <span className="row staff-actions">
                  <button type="button" className="small" disabled={!can.resetPin} onClick={() => setPanel({ kind: 'resetPin', staffId: member.id })} aria-label={t('manage.staff.resetPinFor', { name: member.displayName })}>
                    {t('manage.staff.resetPin')}
                  </button>
                  {member.active ? (
                    <button type="button" className="small" disabled={!can.toggle} onClick={() => setPanel({ kind: 'disable', staffId: member.id })} aria-label={t('manage.staff.disableName', { name: member.displayName })}>
                      {t('manage.staff.disable')}
                    </button>
                  ) : (
                    <button type="button" className="small" disabled={!can.toggle} onClick={() => void enable(member)} aria-label={t('manage.staff.enableName', { name: member.displayName })}>
                      {t('manage.staff.enable')}
                    </button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="manage-editor">
        {panel?.kind === 'add' && <AddStaffForm key={panel.id} staffId={panel.id} me={me} onDone={closePanel} />}
        {panel?.kind === 'resetPin' && selected && <ResetPinForm key={selected.id} member={selected} onDone={closePanel} />}
        {panel?.kind === 'disable' && selected && <DisableConfirm key={selected.id} member={selected} onDone={closePanel} />}
        {panel === null && <p className="card hint">{t('manage.staff.pickHint')}</p>}
      </div>
    </div>
  );
}

/** Two PIN fields; the PIN is turned into a verifier on this desk and never leaves it. */
interface PinFieldsProps {
  pin: string;
  again: string;
  onPin(value: string): void;
  onAgain(value: string): void;
  errors: FieldErrors;
  firstRef?: Ref<HTMLInputElement>;
}

function PinFields({ pin, again, onPin, onAgain, errors, firstRef }: PinFieldsProps) {
  const { t } = useTranslation();
  const common = { type: 'password', inputMode: 'numeric', autoComplete: 'new-password', maxLength: 8, errors, form: 'staff' } as const;
  return (
    <>
      <Field {...common} path="pin" inputRef={firstRef} label={t('manage.staff.pin')} value={pin} onChange={(value) => onPin(pinDigits(value))} hint={t('manage.staff.pinHint')} />
      <Field {...common} path="pinAgain" label={t('manage.staff.pinAgain')} value={again} onChange={(value) => onAgain(pinDigits(value))} />
    </>
  );
}

function pinErrors(pin: string, again: string): FieldErrors {
  if (!isWellFormedPin(pin)) return { pin: 'manage.staff.pinMalformed' };
  if (pin !== again) return { pinAgain: 'manage.staff.pinMismatch' };
  return {};
}

/** Computes the PIN verifier (PBKDF2, a few hundred milliseconds), showing that it is working. */
function useVerifier(): { securing: boolean; verify(pin: string): Promise<PinVerifier | null> } {
  const [securing, setSecuring] = useState(false);
  return {
    securing,
    async verify(pin) {
      setSecuring(true);
      try {
        return await createPinVerifier(pin);
      } catch {
        logEvent('error', 'manage.pinVerifierFailed');
        return null;
      } finally {
        setSecuring(false);
      }
    },
  };
}

function AddStaffForm({ staffId, me, onDone }: { staffId: string; me: Staff; onDone(): void }) {
  const { t } = useTranslation();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const roles = useMemo(() => ROLES.filter((role) => mayManageRole(me.role, role)), [me.role]);
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('doorperson');
  const [language, setLanguage] = useState<Language>(me.language);
  const [measurement, setMeasurement] = useState<MeasurementSystem>(me.measurement);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { securing, verify } = useVerifier();
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const args = { staffId, displayName, role, language, measurement };
    const found = { ...fieldErrorsOf(AddStaffArgs.omit({ pin: true }), args), ...pinErrors(pin, again) };
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstInvalid(form);
      return;
    }
    const verifier = await verify(pin);
    if (!verifier) return;
    const parsed = AddStaffArgs.parse({ ...args, pin: verifier });
    const committed = await commit([{ name: 'addStaff', args: parsed }]);
    if (!committed) return;
    setPin('');
    setAgain('');
    show({ tone: 'success', text: t('manage.staff.added', { name: parsed.displayName }) });
    onDone();
  }

  return (
    <StaffForm title={t('manage.staff.addTitle')} onSubmit={save} onCancel={onDone} submitLabel={securing ? t('manage.staff.securing') : t('manage.staff.addSubmit')} busy={securing}>
      <Field form="staff" path="displayName" label={t('manage.staff.displayName')} value={displayName} onChange={setDisplayName} errors={errors} inputRef={firstField} maxLength={80} autoComplete="off" hint={t('manage.staff.displayNameHint')} />
      <label>
        {t('manage.staff.role')}
        <select name="role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
          {roles.map((choice) => (
            <option key={choice} value={choice}>
              {t(`signIn.roles.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.language')}
        <select name="language" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
          {LANGUAGES.map((choice) => (
            <option key={choice} value={choice} lang={choice}>
              {LANGUAGE_NAMES[choice]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.measurement')}
        <select name="measurement" value={measurement} onChange={(event) => setMeasurement(event.target.value as MeasurementSystem)}>
          <option value="metric">{t('settings.metric')}</option>
          <option value="imperial">{t('settings.imperial')}</option>
        </select>
      </label>
      <PinFields pin={pin} again={again} onPin={setPin} onAgain={setAgain} errors={errors} />
      {managesStaff(role) && <p className="hint wide">{t('manage.staff.managerRoleHint')}</p>}
    </StaffForm>
  );
}

function ResetPinForm({ member, onDone }: { member: Staff; onDone(): void }) {
  const { t } = useTranslation();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { securing, verify } = useVerifier();
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found = pinErrors(pin, again);
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstInvalid(form);
      return;
    }
    const verifier = await verify(pin);
    if (!verifier) return;
    const committed = await commit([{ name: 'resetStaffPin', args: { staffId: member.id, pin: verifier } }]);
    if (!committed) return;
    show({ tone: 'success', text: t('manage.staff.pinWasReset', { name: member.displayName }) });
    onDone();
  }

  return (
    <StaffForm title={t('manage.staff.resetTitle', { name: member.displayName })} onSubmit={save} onCancel={onDone} submitLabel={securing ? t('manage.staff.securing') : t('manage.staff.resetSubmit')} busy={securing}>
      <PinFields pin={pin} again={again} onPin={setPin} onAgain={setAgain} errors={errors} firstRef={firstField} />
      <p className="hint wide">{t('manage.staff.resetHint')}</p>
    </StaffForm>
  );
}

function DisableConfirm({ member, onDone }: { member: Staff; onDone(): void }) {
  const { t } = useTranslation();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [saving, setSaving] = useState(false);

  async function disable() {
    setSaving(true);
    const committed = await commit([{ name: 'setStaffActive', args: { staffId: member.id, active: false } }]);
    setSaving(false);
    if (!committed) return;
    show({ tone: 'success', text: t('manage.staff.disabledNotice', { name: member.displayName }) });
    onDone();
  }

  return (
    <div
      className="card manage-form"
      role="alertdialog"
      aria-labelledby="disable-title"
      aria-describedby="disable-text"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <h2 id="disable-title">{t('manage.staff.disableTitle', { name: member.displayName })}</h2>
      <p id="disable-text">{t('manage.staff.disableText', { name: member.displayName })}</p>
      <div className="row">
        <button type="button" className="danger" autoFocus disabled={saving} onClick={() => void disable()}>
          {t('manage.staff.disableConfirm')}
        </button>
        <button type="button" onClick={onDone}>
          {t('manage.cancel')}
          <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}

function StaffForm({ title, onSubmit, onCancel, submitLabel, busy, children }: { title: string; onSubmit(event: FormEvent<HTMLFormElement>): void; onCancel(): void; submitLabel: string; busy: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <form
      className="card manage-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="staff-form-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id="staff-form-title">{title}</h2>
      <div className="form-grid">{children}</div>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('manage.cancel')}
          <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
