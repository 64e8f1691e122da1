import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident, Unit } from '../../../shared/domain/model';
import { pickLanguage } from '../../../shared/messaging/placeholders';
import type { RecipientIndex } from '../../../shared/search/recipients';
import { newId } from '../../../shared/platform/globals';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useLanguage } from '../../app/useLanguage';
import { bodyProblem, placeholderList, subjectProblem } from './messageText';
import { useTemplates } from './messagesData';

type Recipient = { kind: 'unit'; unit: Unit; residents: number } | { kind: 'resident'; resident: Resident; unit: Unit };

const MAX_CHOICES = 8;

/** Units first (the whole unit), then residents, for what was typed. */
export function recipientChoices(text: string, index: RecipientIndex, residents: readonly Resident[]): Recipient[] {
  if (text.trim() === '') return [];
  const matches = index.search(text, MAX_CHOICES * 2);
  const choices: Recipient[] = [];
  const units = new Set<string>();
  for (const match of matches) {
    if (match.matchedBy !== 'unit' || units.has(match.unit.id)) continue;
    units.add(match.unit.id);
    choices.push({ kind: 'unit', unit: match.unit, residents: residents.filter((resident) => resident.unitId === match.unit.id).length });
  }
  for (const match of matches) choices.push({ kind: 'resident', resident: match.resident, unit: match.unit });
  return choices.slice(0, MAX_CHOICES);
}

/**
 * A new conversation with one resident or a whole unit: pick the recipient (type, ↑↓, Enter),
 * a subject, then write or choose a template. Each resident receives it in their language.
 */
export function ComposeForm({ onSent, onCancel }: { onSent: (threadId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const templates = (useTemplates() ?? []).filter((template) => template.purpose === 'custom');
  const commit = useCommit();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const [subject, setSubject] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<{ to?: string; subject?: string; body?: string }>({});
  const [sending, setSending] = useState(false);
  const toInput = useRef<HTMLInputElement>(null);
  const subjectInput = useRef<HTMLInputElement>(null);

  const choices = useMemo(() => (directory && !recipient ? recipientChoices(query, directory.index, directory.residents) : []), [directory, query, recipient]);
  const template = templates.find((candidate) => candidate.id === templateId);

  useEffect(() => {
    if (recipient) subjectInput.current?.focus();
    else toInput.current?.focus();
  }, [recipient]);

  function choose(choice: Recipient | undefined) {
    if (!choice) return;
    setRecipient(choice);
    setProblems((current) => ({ ...current, to: undefined }));
  }

  function chooseTemplate(id: string) {
    setTemplateId(id);
    const chosen = templates.find((candidate) => candidate.id === id);
    const fallback = building?.defaultLanguage ?? 'en';
    if (chosen && subject.trim() === '') setSubject(pickLanguage(chosen.subject, language, fallback) ?? '');
  }

  async function send() {
    const found = {
      to: recipient ? undefined : t('messages.compose.noRecipient'),
      subject: subjectProblem(t, subject) ?? undefined,
      body: template ? undefined : (bodyProblem(t, body) ?? undefined),
    };
    setProblems(found);
    if (found.to || found.subject || found.body || !recipient || sending) return;
    setSending(true);
    const threadId = newId();
    const to = recipient.kind === 'unit' ? { kind: 'unit' as const, unitId: recipient.unit.id } : { kind: 'resident' as const, residentId: recipient.resident.id };
    const committed = await commit([
      { name: 'sendMessage', args: { messageId: newId(), threadId, newThread: { to, subject }, body: template ? null : body, templateId: template ? template.id : null } },
    ]);
    setSending(false);
    if (committed) onSent(threadId);
  }

  function onToKey(event: KeyboardEvent<HTMLInputElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined && choices.length > 0) {
      event.preventDefault();
      setActive((current) => Math.max(0, Math.min(choices.length - 1, current + move)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(choices[active]);
    }
  }

  function onFormKey(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  const describe = (choice: Recipient) =>
    choice.kind === 'unit' ? t('messages.compose.wholeUnit', { unit: choice.unit.label, count: choice.residents }) : t('messages.compose.residentChoice', { name: `${choice.resident.firstName} ${choice.resident.lastName}`, unit: choice.unit.label });
  const noEmail = recipient?.kind === 'resident' && recipient.resident.email === null;

  return (
    <form className="card compose" aria-labelledby="compose-title" onKeyDown={onFormKey} onSubmit={(event) => event.preventDefault()} data-testid="compose">
      <h2 id="compose-title">{t('messages.compose.title')}</h2>
      {recipient ? (
        <div className="row">
          <strong data-testid="compose-recipient">{describe(recipient)}</strong>
          <button type="button" className="small" onClick={() => setRecipient(null)}>
            {t('messages.compose.change')}
          </button>
        </div>
      ) : (
        <div>
          <label>
            {t('messages.compose.to')}
            <input
              ref={toInput}
              id="compose-to"
              value={query}
              maxLength={60}
              autoComplete="off"
              role="combobox"
              aria-expanded={choices.length > 0}
              aria-controls="compose-choices"
              aria-activedescendant={choices[active] ? `compose-choice-${active}` : undefined}
              aria-invalid={problems.to !== undefined}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={onToKey}
            />
          </label>
          <ul id="compose-choices" role="listbox" className="history-choices">
            {choices.map((choice, position) => (
              <li
                key={choice.kind === 'unit' ? `u-${choice.unit.id}` : `r-${choice.resident.id}`}
                id={`compose-choice-${position}`}
                role="option"
                aria-selected={position === active}
                className={position === active ? 'recipient-option selected' : 'recipient-option'}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(choice)}
              >
                {describe(choice)}
              </li>
            ))}
          </ul>
          <p className="hint">{t('messages.compose.toHint')}</p>
        </div>
      )}
      {problems.to && <p className="field-error" role="alert">{problems.to}</p>}
      {noEmail && <p className="warning-text">{t('messages.compose.recipientNoEmail')}</p>}
      <label>
        {t('messages.compose.subject')}
        <input ref={subjectInput} id="compose-subject" value={subject} maxLength={200} onChange={(event) => setSubject(event.target.value)} aria-invalid={problems.subject !== undefined} />
      </label>
      {problems.subject && <p className="field-error" role="alert">{problems.subject}</p>}
      {templates.length > 0 && (
        <label>
          {t('messages.compose.template')}
          <select id="compose-template" value={templateId} onChange={(event) => chooseTemplate(event.target.value)}>
            <option value="">{t('messages.compose.noTemplate')}</option>
            {templates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {template ? (
        <p className="template-preview">{pickLanguage(template.body, language, building?.defaultLanguage ?? 'en')}</p>
      ) : (
        <label>
          {t('messages.compose.body')}
          <textarea id="compose-body" value={body} rows={6} onChange={(event) => setBody(event.target.value)} aria-invalid={problems.body !== undefined} />
        </label>
      )}
      {problems.body && <p className="field-error" role="alert">{problems.body}</p>}
      <p className="hint">
        {t('messages.compose.placeholders')} <code>{placeholderList('custom')}</code>
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={sending} onClick={() => void send()}>
          {t('messages.compose.send')} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          {t('messages.compose.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
