import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/domain/messaging';
import { MAX_MESSAGE_LENGTH } from '../../../shared/domain/messaging';
import { formatDateTime } from '../../../shared/i18n/format';
import { newId } from '../../../shared/platform/globals';
import { fillPlaceholders } from '../../../shared/messaging/placeholders';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useLanguage } from '../../app/useLanguage';
import { DeliveryLine } from './DeliveryLine';
import { ResidentEmail } from './ResidentEmail';
import { bodyProblem, residentName, threadTitle } from './messageText';
import { usePendingMutationIds, useStaffById, useThread, useThreadMessages } from './messagesData';
import { useOlderMessages } from './olderMessages';

/**
 * One conversation: its messages with the delivery status of each, the recipients' e-mail
 * situation, and a reply box (Ctrl+Enter sends, Esc goes back to the list). Opening it marks the
 * residents' messages read on every desk.
 */
export function ThreadView({ threadId, onBack }: { threadId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const thread = useThread(threadId);
  const messages = useThreadMessages(threadId);
  const older = useOlderMessages(thread, messages);
  const pending = usePendingMutationIds();
  const staffById = useStaffById();
  const commit = useCommit();
  const [reply, setReply] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const markedUpTo = useRef<string | null>(null);
  const timeZone = building?.timeZone ?? 'UTC';

  useEffect(() => {
    setReply('');
    setProblem(null);
    markedUpTo.current = null;
  }, [threadId]);

  // The reply box takes the focus once the conversation is on screen (it is not rendered before).
  const loaded = thread !== undefined && thread !== null;
  useEffect(() => {
    if (loaded) replyBox.current?.focus();
  }, [threadId, loaded]);

  // Read on screen means read: the newest reply shown is marked read (never backwards, never twice).
  useEffect(() => {
    if (!thread || thread.unread === 0 || !messages) return;
    const newest = messages.at(-1)?.sentAt;
    if (!newest || (thread.readUpTo !== null && newest <= thread.readUpTo) || markedUpTo.current === newest) return;
    markedUpTo.current = newest;
    void commit([{ name: 'markThreadRead', args: { threadId: thread.id, upTo: newest } }]);
  }, [thread, messages, commit]);

  if (thread === undefined) return null;
  if (thread === null) return <p className="hint">{t('messages.thread.gone')}</p>;

  async function send() {
    const found = bodyProblem(t, reply);
    setProblem(found);
    if (found || sending || !thread) return;
    setSending(true);
    const committed = await commit([{ name: 'sendMessage', args: { messageId: newId(), threadId: thread.id, newThread: null, body: reply, templateId: null } }]);
    setSending(false);
    if (committed) {
      setReply('');
      replyBox.current?.focus();
    }
  }

  function onKey(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  const author = (message: Message) => {
    if (message.direction === 'inbound') return residentName(directory, message.residentId) ?? t('messages.list.formerResident');
    const staff = message.staffId === null ? undefined : staffById.get(message.staffId);
    return staff ? t('messages.thread.fromDesk', { name: staff.displayName }) : t('messages.thread.desk');
  };
  const length = reply.trim().length;
  // In a conversation with one resident, placeholders read as that resident will read them.
  const resident = thread.residentId === null ? undefined : directory?.residentsById.get(thread.residentId);
  const shownBody = (message: Message) =>
    resident && message.direction === 'outbound'
      ? fillPlaceholders(message.body, { residentName: resident.firstName, unit: directory?.unitsById.get(resident.unitId)?.label ?? '', building: building?.name ?? '', packageCount: '{{packageCount}}', largestPackage: '{{largestPackage}}', date: '{{date}}' })
      : message.body;

  return (
    <article className="thread-view" aria-labelledby="thread-title" onKeyDown={onKey} data-testid="thread-view">
      <header className="thread-head">
        <div>
          <h2 id="thread-title">{thread.subject}</h2>
          <p className="hint">{threadTitle(t, thread, directory)}</p>
        </div>
        <button type="button" className="small" onClick={onBack}>
          {t('messages.thread.back')} <kbd>Esc</kbd>
        </button>
      </header>
      {thread.kind === 'resident' && thread.residentId !== null && <ResidentEmail residentIds={[thread.residentId]} />}
      {thread.kind === 'unit' && thread.unitId !== null && <ResidentEmail residentIds={(directory?.residents ?? []).filter((resident) => resident.unitId === thread.unitId).map((resident) => resident.id)} />}
      {messages && older.mayHaveOlder && (
        <div className="row">
          <button type="button" className="small" disabled={older.state === 'loading'} onClick={older.loadOlder} data-testid="show-older">
            {older.state === 'loading' ? t('messages.thread.loadingOlder') : t('messages.thread.showOlder')}
          </button>
          {older.state === 'unreachable' && <span className="hint" role="status">{t('messages.thread.olderUnreachable')}</span>}
          {older.state === 'failed' && <span className="field-error" role="status">{t('messages.thread.olderFailed')}</span>}
        </div>
      )}
      <ol className="message-list" aria-label={t('messages.thread.messages')} data-testid="message-list">
        {(messages ? older.shown : []).map((message) => (
          <li key={message.id} className={`message ${message.direction}`} data-testid="message" data-direction={message.direction}>
            <div className="message-meta">
              <strong>{author(message)}</strong> · {formatDateTime(message.sentAt, language, timeZone)}
            </div>
            <div className="message-body">{shownBody(message)}</div>
            <DeliveryLine message={message} pending={pending} />
          </li>
        ))}
        {messages && older.shown.length === 0 && <li className="hint">{t('messages.thread.noMessages')}</li>}
      </ol>
      {thread.kind === 'broadcast' ? (
        <p className="hint">{t('messages.thread.broadcastReplies')}</p>
      ) : (
        <div className="reply-form">
          <label htmlFor="message-reply">{t('messages.thread.replyLabel')}</label>
          <textarea
            ref={replyBox}
            id="message-reply"
            value={reply}
            rows={4}
            aria-invalid={problem !== null}
            aria-describedby="reply-help"
            onChange={(event) => {
              setReply(event.target.value);
              if (problem) setProblem(null);
            }}
          />
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="row" id="reply-help">
            <button type="button" className="primary" disabled={sending} onClick={() => void send()}>
              {t('messages.thread.send')} <kbd>Ctrl+Enter</kbd>
            </button>
            <span className={length > MAX_MESSAGE_LENGTH ? 'field-error' : 'hint'}>{t('messages.thread.counter', { count: length, max: MAX_MESSAGE_LENGTH })}</span>
          </div>
        </div>
      )}
    </article>
  );
}
