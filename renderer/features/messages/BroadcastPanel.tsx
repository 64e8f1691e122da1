import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BROADCAST_SCOPES, type BroadcastScope } from '../../../shared/domain/messaging';
import { countAudience, parseFloors, parseUnitLabels, unitsInScope, type AudienceCount } from '../../../shared/messaging/audience';
import { pickLanguage } from '../../../shared/messaging/placeholders';
import { newId } from '../../../shared/platform/globals';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { useLanguage } from '../../app/useLanguage';
import { bodyProblem, placeholderList, subjectProblem } from './messageText';
import { useTemplates } from './messagesData';

/**
 * A message to the whole building, some floors or some units. Nothing is sent before the staff
 * member has counted the recipients (units, residents, who will get an e-mail and who will not)
 * and confirmed that number; changing anything afterwards asks for a new count.
 */
export function BroadcastPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const templates = (useTemplates() ?? []).filter((template) => template.purpose === 'custom');
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [scope, setScope] = useState<BroadcastScope>('building');
  const [floorsText, setFloorsText] = useState('');
  const [unitsText, setUnitsText] = useState('');
  const [subject, setSubject] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<{ audience?: string; subject?: string; body?: string }>({});
  const [counted, setCounted] = useState<{ count: AudienceCount; floors: number[] } | null>(null);
  const [sending, setSending] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const template = templates.find((candidate) => candidate.id === templateId);

  // Anything changed after counting: the count no longer describes what would be sent.
  useEffect(() => setCounted(null), [scope, floorsText, unitsText, subject, templateId, body]);
  useEffect(() => {
    if (counted) confirmButton.current?.focus();
  }, [counted]);

  function count() {
    if (!directory) return;
    let floors: number[] = [];
    let chosen: string[] = [];
    let audience: string | undefined;
    if (scope === 'floors') {
      const parsed = parseFloors(floorsText);
      if (!parsed.ok) audience = t('messages.broadcast.badFloor', { value: parsed.bad });
      else floors = parsed.value;
    } else if (scope === 'units') {
      const parsed = parseUnitLabels(unitsText, directory.units);
      if (!parsed.ok) audience = t('messages.broadcast.badUnit', { value: parsed.bad });
      else chosen = parsed.value;
    }
    const unitIds = audience ? [] : unitsInScope(scope, directory.units, floors, chosen);
    if (!audience && unitIds.length === 0) audience = t('messages.broadcast.noUnits');
    const found = { audience, subject: subjectProblem(t, subject) ?? undefined, body: template ? undefined : (bodyProblem(t, body) ?? undefined) };
    setProblems(found);
    if (found.audience || found.subject || found.body) return;
    setCounted({ count: countAudience(unitIds, directory.residents), floors });
  }

  async function confirm() {
    if (!counted || sending) return;
    setSending(true);
    const committed = await commit([
      {
        name: 'broadcast',
        args: {
          messageId: newId(),
          threadId: newId(),
          scope,
          floors: counted.floors,
          unitIds: counted.count.unitIds,
          subject,
          body: template ? null : body,
          templateId: template ? template.id : null,
          confirmedRecipients: counted.count.residents,
        },
      },
    ]);
    setSending(false);
    if (!committed) return;
    show({ tone: 'success', text: t('messages.broadcast.sent', { count: counted.count.residents }) });
    setSubject('');
    setBody('');
    setTemplateId('');
    setCounted(null);
  }

  return (
    <form className="card broadcast" aria-labelledby="broadcast-title" onSubmit={(event) => event.preventDefault()} data-testid="broadcast">
      <h2 id="broadcast-title">{t('messages.broadcast.title')}</h2>
      <p className="hint">{t('messages.broadcast.intro')}</p>
      <fieldset>
        <legend>{t('messages.broadcast.scope')}</legend>
        <div className="row">
          {BROADCAST_SCOPES.map((option) => (
            <label key={option} className="inline-label">
              <input type="radio" name="broadcast-scope" value={option} checked={scope === option} onChange={() => setScope(option)} />
              {t(`messages.broadcast.scopes.${option}`)}
            </label>
          ))}
        </div>
        {scope === 'floors' && (
          <label>
            {t('messages.broadcast.floors')}
            <input id="broadcast-floors" value={floorsText} maxLength={200} onChange={(event) => setFloorsText(event.target.value)} />
          </label>
        )}
        {scope === 'units' && (
          <label>
            {t('messages.broadcast.units')}
            <input id="broadcast-units" value={unitsText} maxLength={4000} onChange={(event) => setUnitsText(event.target.value)} />
          </label>
        )}
      </fieldset>
      {problems.audience && <p className="field-error" role="alert">{problems.audience}</p>}
      <label>
        {t('messages.compose.subject')}
        <input id="broadcast-subject" value={subject} maxLength={200} onChange={(event) => setSubject(event.target.value)} />
      </label>
      {problems.subject && <p className="field-error" role="alert">{problems.subject}</p>}
      {templates.length > 0 && (
        <label>
          {t('messages.compose.template')}
          <select value={templateId} onChange={(event) => setTemplateId(event.target.value)}>
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
          <textarea id="broadcast-body" value={body} rows={6} onChange={(event) => setBody(event.target.value)} />
        </label>
      )}
      {problems.body && <p className="field-error" role="alert">{problems.body}</p>}
      <p className="hint">
        {t('messages.compose.placeholders')} <code>{placeholderList('custom')}</code>
      </p>
      {!counted ? (
        <div className="row">
          <button type="button" className="primary" onClick={count}>
            {t('messages.broadcast.count')}
          </button>
          <span className="hint">{t('messages.broadcast.confirmHint')}</span>
        </div>
      ) : (
        <div className="confirm" role="group" aria-labelledby="broadcast-counted" data-testid="broadcast-confirm">
          <p id="broadcast-counted" data-testid="broadcast-count">
            {t('messages.broadcast.counted', {
              units: counted.count.unitIds.length,
              residents: counted.count.residents,
              reachable: counted.count.reachable,
              noEmail: counted.count.noEmail,
              optedOut: counted.count.optedOut,
              bounced: counted.count.bounced,
            })}
          </p>
          <div className="row">
            <button ref={confirmButton} type="button" className="primary" disabled={sending} onClick={() => void confirm()}>
              {t('messages.broadcast.confirm', { count: counted.count.residents })}
            </button>
            <button type="button" onClick={() => setCounted(null)}>
              {t('messages.compose.cancel')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
