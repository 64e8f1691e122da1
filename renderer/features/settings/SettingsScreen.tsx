import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskSettingsPatch, LABEL_PRESETS, type AppInfo, type PrinterInfo } from '../../../shared/bridge/contract';
import { LANGUAGES, type Language, type MeasurementSystem } from '../../../shared/domain/model';
import { getBridge } from '../../bridge';
import { useDeskSettings } from '../../app/deskSettings';
import { useNotices } from '../../app/notices';
import { useSession } from '../../app/session';
import { useCommit } from '../../data/useCommit';
import { deskDatabase } from '../../data/database';
import { switchLanguage } from '../../i18n';
import { LabelPreview } from './LabelPreview';
import { EnrollmentCard } from '../enrollment/EnrollmentCard';
import { DiagnosticsCard } from './DiagnosticsCard';
import { formatLengths } from '../../../shared/units/measure';
import { useLanguage } from '../../app/useLanguage';
import { useMeasurement } from '../../app/useMeasurement';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', fr: 'Français' };

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      <div className="settings-grid">
        <div className="settings-column">
          <PersonalPreferences />
          <EnrollmentCard />
          <DiagnosticsCard />
        </div>
        <DeskPreferences />
      </div>
    </section>
  );
}

function PersonalPreferences() {
  const { t } = useTranslation();
  const staff = useSession((state) => state.staff);
  const commit = useCommit();
  if (!staff) return null;

  async function change(language: Language, measurement: MeasurementSystem) {
    if (!staff) return;
    const committed = await commit([{ name: 'setMyPreferences', args: { language, measurement } }]);
    if (!committed) return;
    const updated = await deskDatabase().staff.get(staff.id);
    if (updated) useSession.getState().updateStaff(updated);
    await switchLanguage(language);
  }

  return (
    <fieldset className="card">
      <legend>{t('settings.personal')}</legend>
      <label>
        {t('settings.language')}
        <select id="language-select" value={staff.language} onChange={(event) => void change(event.target.value as Language, staff.measurement)}>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.measurement')}
        <select value={staff.measurement} onChange={(event) => void change(staff.language, event.target.value as MeasurementSystem)}>
          <option value="metric">{t('settings.metric')}</option>
          <option value="imperial">{t('settings.imperial')}</option>
        </select>
      </label>
    </fieldset>
  );
}

type LabelPreset = keyof typeof LABEL_PRESETS;

function DeskPreferences() {
  const { t } = useTranslation();
  const language = useLanguage();
  const measurement = useMeasurement();
  const settings = useDeskSettings((state) => state.settings);
  const show = useNotices((state) => state.show);
  const [draft, setDraft] = useState(settings);
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [invalid, setInvalid] = useState<string[]>([]);

  useEffect(() => setDraft(settings), [settings]);
  useEffect(() => {
    void getBridge().listPrinters().then(setPrinters, () => setPrinters([]));
    void getBridge().getAppInfo().then(setInfo, () => setInfo(null));
  }, []);

  const preset = (Object.keys(LABEL_PRESETS) as LabelPreset[]).find(
    (key) => LABEL_PRESETS[key].widthMm === draft.labelSize.widthMm && LABEL_PRESETS[key].heightMm === draft.labelSize.heightMm,
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    const { schemaVersion: _version, ...patch } = draft;
    const parsed = DeskSettingsPatch.safeParse(patch);
    if (!parsed.success) {
      setInvalid(parsed.error.issues.map((issue) => String(issue.path[0])));
      show({ tone: 'error', text: t('settings.invalid') });
      return;
    }
    setInvalid([]);
    await useDeskSettings.getState().update(parsed.data);
    show({ tone: 'success', text: t('settings.saved') });
  }

  const numberField = (key: 'idleLockMinutes' | 'scannerMaxKeyGapMs', min: number, max: number) => (
    <input
      type="number"
      min={min}
      max={max}
      value={draft[key]}
      aria-invalid={invalid.includes(key)}
      onChange={(event) => setDraft({ ...draft, [key]: Number(event.target.value) })}
    />
  );

  return (
    <form className="card" onSubmit={save}>
      <fieldset>
        <legend>{t('settings.desk')}</legend>
        <label>
          {t('settings.deskName')}
          <input value={draft.deskName} maxLength={60} aria-invalid={invalid.includes('deskName')} onChange={(event) => setDraft({ ...draft, deskName: event.target.value })} />
        </label>
        <label>
          {t('settings.printer')}
          <select value={draft.printerName ?? ''} onChange={(event) => setDraft({ ...draft, printerName: event.target.value || null })}>
            <option value="">{t('settings.noPrinter')}</option>
            {printers.map((printer) => (
              <option key={printer.name} value={printer.name}>
                {printer.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.labelSize')}
          <select value={preset ?? ''} onChange={(event) => setDraft({ ...draft, labelSize: LABEL_PRESETS[event.target.value as LabelPreset] })}>
            {(Object.keys(LABEL_PRESETS) as LabelPreset[]).map((key) => (
              <option key={key} value={key}>
                {key} ({formatLengths([LABEL_PRESETS[key].widthMm, LABEL_PRESETS[key].heightMm], measurement, language)})
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.autoPrintLabels} onChange={(event) => setDraft({ ...draft, autoPrintLabels: event.target.checked })} />
          {t('settings.autoPrint')}
        </label>
        <label>
          {t('settings.idleLock')}
          {numberField('idleLockMinutes', 1, 240)}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('settings.scanner')}</legend>
        <label>
          {t('settings.scannerGap')}
          {numberField('scannerMaxKeyGapMs', 5, 200)}
        </label>
        <label>
          {t('settings.scannerPrefix')}
          <input value={draft.scannerPrefix} maxLength={8} onChange={(event) => setDraft({ ...draft, scannerPrefix: event.target.value })} />
        </label>
        <label>
          {t('settings.scannerSuffix')}
          <input value={draft.scannerSuffix} maxLength={8} onChange={(event) => setDraft({ ...draft, scannerSuffix: event.target.value })} />
        </label>
      </fieldset>
      {info?.host === 'electron' && (
        <fieldset>
          <legend>{t('settings.workstation')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={draft.keepDisplayAwake} onChange={(event) => setDraft({ ...draft, keepDisplayAwake: event.target.checked })} />
            {t('settings.keepDisplayAwake')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={draft.startAtLogin} onChange={(event) => setDraft({ ...draft, startAtLogin: event.target.checked })} />
            {t('settings.startAtLogin')}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.kioskMode}
              aria-describedby="kiosk-hint"
              onChange={(event) => setDraft({ ...draft, kioskMode: event.target.checked })}
            />
            {t('settings.kioskMode')}
          </label>
          <p className="hint" id="kiosk-hint">
            {t('settings.kioskHint')}
          </p>
        </fieldset>
      )}
      <LabelPreview size={draft.labelSize} />
      <div className="row">
        <button type="submit" className="primary">
          {t('settings.save')}
        </button>
      </div>
      {info && (
        <p className="hint about">
          {t('settings.version', { version: info.appVersion, host: info.host })}
          {info.secretStorage === 'browser-storage' && (
            <>
              <br />
              {t('settings.secretStorageBrowser')}
            </>
          )}
        </p>
      )}
    </form>
  );
}
