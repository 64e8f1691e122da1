import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { DELIVERY_PROBLEMS } from '../../../shared/domain/messaging';
import { formatDate, formatDateTime } from '../../../shared/i18n/format';
import { toCsv } from '../../../shared/reports/csv';
import { DELIVERY_CSV_HEADER, deliveryCsvRows, deliveryFailures } from '../../../shared/reports/deliveryFailures';
import { deskDatabase } from '../../data/database';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useLanguage } from '../../app/useLanguage';
import { threadTitle } from '../messages/messageText';
import { downloadCsv } from './downloadCsv';

/**
 * Message delivery failures: how many e-mails reached residents, what kept the others from
 * arriving (most common first, each with what to do about it), the messages concerned, and the
 * residents whose address the mail server refused, so the desk can correct it.
 */
export function DeliveryFailuresReport() {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const directory = useDirectory();
  const timeZone = building?.timeZone ?? 'UTC';
  const messages = useLiveQuery(() => deskDatabase().messages.toArray());
  const threads = useLiveQuery(() => deskDatabase().threads.toArray());
  const report = useMemo(() => deliveryFailures(messages ?? [], threads ?? [], directory?.residents ?? []), [messages, threads, directory]);
  const threadsById = useMemo(() => new Map((threads ?? []).map((thread) => [thread.id, thread])), [threads]);
  const localTime = (iso: string) => formatDateTime(iso, language, timeZone);
  const most = Math.max(1, ...report.byProblem.map((entry) => entry.count));
  const { totals } = report;

  return (
    <div className="report">
      <div className="filters">
        <button type="button" onClick={() => downloadCsv('delivery-failures.csv', toCsv(DELIVERY_CSV_HEADER, deliveryCsvRows(report.rows, localTime)))}>
          {t('reports.exportCsv')}
        </button>
      </div>
      <p role="status" data-testid="delivery-totals">
        {t('reports.delivery.totals', { count: totals.messages, recipients: totals.recipients, sent: totals.sent, missed: totals.failed + totals.skipped, retrying: totals.retrying })}
      </p>
      {report.byProblem.length > 0 && (
        <table className="report-table" data-testid="delivery-problems">
          <caption>{t('reports.delivery.byProblem')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.delivery.problem')}</th>
              <th scope="col">{t('reports.delivery.recipientsConcerned')}</th>
              <th scope="col">{t('reports.delivery.whatToDo')}</th>
            </tr>
          </thead>
          <tbody>
            {report.byProblem.map((entry) => (
              <tr key={entry.code} data-problem={entry.code}>
                <td>{t(`reports.delivery.problemNames.${entry.code}`)}</td>
                <td>
                  <span className="usage-bar problem-bar" style={{ width: `${(entry.count / most) * 8}rem` }} aria-hidden="true" /> {entry.count}
                </td>
                <td className="hint">{t(`reports.delivery.advice.${entry.code}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rows.length > 0 && (
        <table className="report-table" data-testid="delivery-table">
          <caption>{t('reports.delivery.messagesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.delivery.sentAt')}</th>
              <th scope="col">{t('reports.delivery.to')}</th>
              <th scope="col">{t('reports.delivery.subject')}</th>
              <th scope="col">{t('reports.delivery.sentOf')}</th>
              <th scope="col">{t('reports.delivery.why')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const thread = threadsById.get(row.threadId);
              const reasons = DELIVERY_PROBLEMS.filter((code) => (row.problemCounts[code] ?? 0) > 0).map((code) => t('reports.delivery.problemCount', { problem: t(`reports.delivery.problemNames.${code}`), count: row.problemCounts[code] ?? 0 }));
              if (row.retrying > 0) reasons.push(t('reports.delivery.retrying', { count: row.retrying }));
              return (
                <tr key={row.messageId} data-testid="delivery-row">
                  <td>{localTime(row.sentAt)}</td>
                  <td>{thread ? threadTitle(t, thread, directory) : '—'}</td>
                  <td>{row.subject}</td>
                  <td>{t('reports.delivery.sentOfValue', { sent: row.sent, recipients: row.recipients })}</td>
                  <td>{reasons.join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report.rows.length === 0 && <p className="hint">{t('reports.delivery.none')}</p>}
      {report.bounced.length > 0 && (
        <table className="report-table" data-testid="delivery-bounced">
          <caption>{t('reports.delivery.bouncedTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.aging.unit')}</th>
              <th scope="col">{t('reports.delivery.resident')}</th>
              <th scope="col">{t('reports.delivery.refusedOn')}</th>
              <th scope="col">{t('reports.delivery.code')}</th>
            </tr>
          </thead>
          <tbody>
            {report.bounced.map((entry) => {
              const resident = directory?.residentsById.get(entry.residentId);
              return (
                <tr key={entry.residentId}>
                  <td>{directory?.unitsById.get(entry.unitId)?.label ?? '—'}</td>
                  <td>{resident ? `${resident.firstName} ${resident.lastName}` : '—'}</td>
                  <td>{formatDate(entry.at, language, timeZone)}</td>
                  <td>{entry.smtpCode ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report.bounced.length > 0 && <p className="hint">{t('reports.delivery.bouncedHint')}</p>}
    </div>
  );
}
