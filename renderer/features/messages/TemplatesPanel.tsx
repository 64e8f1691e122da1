import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_KINDS, noticeTemplateId, type MessageTemplate, type TemplatePurpose } from '../../../shared/domain/messaging';
import { LANGUAGES, type Language } from '../../../shared/domain/model';
import { RESIDENT_CATALOGS } from '../../../shared/messaging/residentText';
import { newId } from '../../../shared/platform/globals';
import { useBuilding } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { useLanguage } from '../../app/useLanguage';
import { LANGUAGE_NAMES } from '../manage/forms';
import { bodyProblem, placeholderList, subjectProblem } from './messageText';
import { useTemplates } from './messagesData';

type Texts = Record<Language, string>;
interface Draft {
  id: string;
  name: string;
  purpose: TemplatePurpose;
  subject: Texts;
  body: Texts;
  exists: boolean;
}

const blank = (): Texts => ({ en: '', es: '', fr: '' });

function draftOf(template: MessageTemplate): Draft {
  const texts = (source: Partial<Record<Language, string>>): Texts => ({ en: source.en ?? '', es: source.es ?? '', fr: source.fr ?? '' });
  return { id: template.id, name: template.name, purpose: template.purpose, subject: texts(template.subject), body: texts(template.body), exists: true };
}

/** The built-in wording of a notice in every language, to start from. */
function builtInDraft(kind: (typeof NOTICE_KINDS)[number], language: Language): Draft {
  const subject = blank();
  const body = blank();
  for (const each of LANGUAGES) {
    subject[each] = RESIDENT_CATALOGS[each].notices[kind].subject;
    body[each] = RESIDENT_CATALOGS[each].notices[kind].body;
  }
  return { id: noticeTemplateId(kind), name: RESIDENT_CATALOGS[language].notices[kind].name, purpose: kind, subject, body, exists: false };
}

/**
 * Templates, written per language: the desk's own (used when composing) and the wording of each
 * automatic notice, which starts from the built-in text. Every placeholder is checked as it is
 * typed, with the same rules the central service applies.
 */
export function TemplatesPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const templates = useTemplates();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fallback = building?.defaultLanguage ?? 'en';

  const custom = (templates ?? []).filter((template) => template.purpose === 'custom');
  const byId = useMemo(() => new Map((templates ?? []).map((template) => [template.id, template])), [templates]);
  useEffect(() => setProblem(null), [draft]);

  function validate(current: Draft): string | null {
    if (current.name.trim() === '') return t('messages.templates.nameMissing');
    const present = LANGUAGES.filter((each) => current.subject[each].trim() !== '' || current.body[each].trim() !== '');
    if (present.length === 0) return t('messages.templates.empty');
    if (!present.includes(fallback)) return t('messages.templates.defaultMissing', { language: LANGUAGE_NAMES[fallback] });
    for (const each of present) {
      const where = (text: string) => `${LANGUAGE_NAMES[each]}: ${text}`;
      if (current.subject[each].trim() === '' || current.body[each].trim() === '') return t('messages.templates.halfLanguage', { language: LANGUAGE_NAMES[each] });
      const found = subjectProblem(t, current.subject[each], current.purpose) ?? bodyProblem(t, current.body[each], current.purpose);
      if (found) return where(found);
    }
    return null;
  }

  async function save() {
    if (!draft) return;
    const found = validate(draft);
    setProblem(found);
    if (found) return;
    const pick = (texts: Texts) => Object.fromEntries(LANGUAGES.filter((each) => texts[each].trim() !== '').map((each) => [each, texts[each]]));
    const committed = await commit([{ name: 'upsertTemplate', args: { templateId: draft.id, name: draft.name, purpose: draft.purpose, subject: pick(draft.subject), body: pick(draft.body) } }]);
    if (committed) {
      show({ tone: 'success', text: t('messages.templates.saved', { name: draft.name }) });
      setDraft({ ...draft, exists: true });
    }
  }

  const setText = (field: 'subject' | 'body', each: Language, value: string) => setDraft((current) => (current ? { ...current, [field]: { ...current[field], [each]: value } } : current));

  return (
    <div className="messages-grid">
      <div className="messages-list card">
        <h2>{t('messages.templates.list')}</h2>
        <p className="hint">{t('messages.templates.intro', { language: LANGUAGE_NAMES[fallback] })}</p>
        <button type="button" onClick={() => setDraft({ id: newId(), name: '', purpose: 'custom', subject: blank(), body: blank(), exists: false })}>
          {t('messages.templates.new')}
        </button>
        <ul className="template-list">
          {custom.map((template) => (
            <li key={template.id}>
              <button type="button" className="link" onClick={() => setDraft(draftOf(template))}>
                {template.name}
              </button>
            </li>
          ))}
          {custom.length === 0 && <li className="hint">{t('messages.templates.none')}</li>}
        </ul>
        <h3>{t('messages.templates.notices')}</h3>
        <ul className="template-list">
          {NOTICE_KINDS.map((kind) => {
            const saved = byId.get(noticeTemplateId(kind));
            return (
              <li key={kind}>
                <button type="button" className="link" onClick={() => setDraft(saved ? draftOf(saved) : builtInDraft(kind, language))}>
                  {t(`messages.templates.purposes.${kind}`)}
                </button>{' '}
                <span className="hint">{saved ? t('messages.templates.customized') : t('messages.templates.builtIn')}</span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="messages-detail">
        {draft ? (
          <form className="card template-editor" onSubmit={(event) => event.preventDefault()} data-testid="template-editor">
            <h2>{t(`messages.templates.purposes.${draft.purpose}`)}</h2>
            <label>
              {t('messages.templates.name')}
              <input value={draft.name} maxLength={80} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
            </label>
            <p className="hint">
              {t('messages.compose.placeholders')} <code>{placeholderList(draft.purpose)}</code>
            </p>
            {LANGUAGES.map((each) => (
              <fieldset key={each}>
                <legend>{LANGUAGE_NAMES[each]}</legend>
                <label>
                  {t('messages.templates.subject')}
                  <input value={draft.subject[each]} maxLength={200} onChange={(event) => setText('subject', each, event.target.value)} />
                </label>
                <label>
                  {t('messages.templates.body')}
                  <textarea value={draft.body[each]} rows={4} onChange={(event) => setText('body', each, event.target.value)} />
                </label>
              </fieldset>
            ))}
            {problem && (
              <p className="field-error" role="alert">
                {problem}
              </p>
            )}
            <div className="row">
              <button type="button" className="primary" onClick={() => void save()}>
                {t('messages.templates.save')}
              </button>
              {!draft.exists && draft.purpose !== 'custom' && <span className="hint">{t('messages.templates.builtIn')}</span>}
            </div>
          </form>
        ) : (
          <p className="hint">{t('messages.templates.pick')}</p>
        )}
      </div>
    </div>
  );
}
