import { useTranslation } from 'react-i18next';
import { DELIVERY_PROBLEMS, type Message } from '../../../shared/domain/messaging';
import { useDirectory } from '../../data/hooks';
import { deliveryView } from './deliveryStatus';
import { problemText } from './messageText';

/** The delivery status under a message the desk wrote, with every listed problem and what to do. */
export function DeliveryLine({ message, pending }: { message: Message; pending: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const view = deliveryView(message, pending);
  if (!view) return null;
  let summary: string;
  let tone: 'waiting' | 'ok' | 'warn' | 'error';
  switch (view.state) {
    case 'queuedOnDesk':
      summary = t('messages.delivery.queuedOnDesk');
      tone = 'waiting';
      break;
    case 'accepted':
      summary = t('messages.delivery.accepted');
      tone = 'waiting';
      break;
    case 'noRecipients':
      summary = t('messages.delivery.noRecipients');
      tone = 'warn';
      break;
    case 'sending':
      summary = [
        t('messages.delivery.sending', { sent: view.sent, recipients: view.recipients }),
        view.retrying > 0 ? t('messages.delivery.retrying', { count: view.retrying, reason: t(`messages.retryReasons.${view.retryReason ?? 'connection'}`) }) : '',
      ].join(' ');
      tone = view.retrying > 0 ? 'warn' : 'waiting';
      break;
    case 'sent':
      summary = t('messages.delivery.sent', { count: view.recipients });
      tone = 'ok';
      break;
    case 'partial':
      summary = t('messages.delivery.partial', { sent: view.sent, recipients: view.recipients });
      tone = 'warn';
      break;
    case 'failed':
      summary = t('messages.delivery.failed');
      tone = 'error';
      break;
  }
  const settled = view.state === 'partial' || view.state === 'failed' ? view : null;
  const problems = settled?.problems ?? [];
  const named = (
    <ul className="delivery-problems">
      {problems.map((problem) => (
        <li key={`${problem.residentId}-${problem.code}`}>{problemText(t, problem, directory)}</li>
      ))}
      {settled && settled.unlisted > 0 && <li>{t('messages.delivery.unlisted', { count: settled.unlisted })}</li>}
    </ul>
  );
  // Many recipients (a unit, a broadcast): one line per reason with its count, names on request.
  const grouped = settled && settled.recipients > 1 ? DELIVERY_PROBLEMS.filter((code) => (settled.counts[code] ?? 0) > 0) : [];
  return (
    <div className={`delivery ${tone}`} data-testid="delivery" data-state={view.state}>
      <span>{summary.trim()}</span>
      {grouped.length > 0 ? (
        <>
          <ul className="delivery-problems">
            {grouped.map((code) => (
              <li key={code}>{t(`messages.problems.${code}`, { name: t('messages.delivery.residents', { count: settled?.counts[code] ?? 0 }), code: '—' })}</li>
            ))}
          </ul>
          {problems.length > 0 && (
            <details>
              <summary>{t('messages.delivery.names')}</summary>
              {named}
            </details>
          )}
        </>
      ) : (
        problems.length > 0 && named
      )}
    </div>
  );
}
