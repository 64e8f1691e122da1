import { DELIVERY_PROBLEMS, type DeliveryProblemCode, type Message, type MessageDelivery, type MessageThread } from '../domain/messaging';
import type { Resident } from '../domain/model';

// Message delivery failures, for managers: which messages did not reach every recipient by
// e-mail and why, which problems are most common (a missing address is fixed differently from a
// refused one), and which residents' addresses the mail server refused, so they can be corrected.
// Built from what the central service summarized on each message (`delivery`), so it works
// offline over what the desk holds.

export interface DeliveryFailureRow {
  messageId: string;
  threadId: string;
  sentAt: string;
  subject: string;
  recipients: number;
  sent: number;
  failed: number;
  /** Not sent on purpose (no address, opted out, refused before). */
  skipped: number;
  /** Still waiting for another attempt. */
  retrying: number;
  problemCounts: MessageDelivery['problemCounts'];
}

export interface ProblemCount {
  code: DeliveryProblemCode;
  /** Recipients concerned, over every message of the report. */
  count: number;
}

export interface DeliveryTotals {
  /** Messages the service has planned e-mails for. */
  messages: number;
  recipients: number;
  sent: number;
  failed: number;
  skipped: number;
  retrying: number;
}

export interface BouncedAddress {
  residentId: string;
  unitId: string;
  at: string;
  smtpCode: number | null;
}

export interface DeliveryFailureReport {
  totals: DeliveryTotals;
  /** Messages that missed someone or are still retrying, newest first. */
  rows: DeliveryFailureRow[];
  /** Most frequent first; problems that never happened are left out. */
  byProblem: ProblemCount[];
  /** Residents still in the directory whose address was refused for good, most recent first. */
  bounced: BouncedAddress[];
}

export function deliveryFailures(messages: readonly Message[], threads: readonly Pick<MessageThread, 'id' | 'subject'>[], residents: readonly Resident[]): DeliveryFailureReport {
  const subjects = new Map(threads.map((thread) => [thread.id, thread.subject]));
  const totals: DeliveryTotals = { messages: 0, recipients: 0, sent: 0, failed: 0, skipped: 0, retrying: 0 };
  const counts = new Map<DeliveryProblemCode, number>();
  const rows: DeliveryFailureRow[] = [];
  for (const message of messages) {
    const delivery = message.direction === 'outbound' ? message.delivery : null;
    if (!delivery) continue;
    totals.messages += 1;
    totals.recipients += delivery.recipients;
    totals.sent += delivery.sent;
    totals.failed += delivery.failed;
    totals.skipped += delivery.skipped;
    totals.retrying += delivery.retrying;
    for (const code of DELIVERY_PROBLEMS) counts.set(code, (counts.get(code) ?? 0) + (delivery.problemCounts[code] ?? 0));
    if (delivery.failed + delivery.skipped + delivery.retrying === 0) continue;
    rows.push({
      messageId: message.id,
      threadId: message.threadId,
      sentAt: message.sentAt,
      subject: subjects.get(message.threadId) ?? '',
      recipients: delivery.recipients,
      sent: delivery.sent,
      failed: delivery.failed,
      skipped: delivery.skipped,
      retrying: delivery.retrying,
      problemCounts: delivery.problemCounts,
    });
  }
  rows.sort((a, b) => b.sentAt.localeCompare(a.sentAt) || a.messageId.localeCompare(b.messageId));
  const byProblem = DELIVERY_PROBLEMS.map((code) => ({ code, count: counts.get(code) ?? 0 }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || DELIVERY_PROBLEMS.indexOf(a.code) - DELIVERY_PROBLEMS.indexOf(b.code));
  const bounced = residents
    .flatMap((resident) => (resident.emailBounce ? [{ residentId: resident.id, unitId: resident.unitId, at: resident.emailBounce.at, smtpCode: resident.emailBounce.smtpCode }] : []))
    .sort((a, b) => b.at.localeCompare(a.at) || a.residentId.localeCompare(b.residentId));
  return { totals, rows, byProblem, bounced };
}

/** CSV columns: one per message, with a count per problem so a spreadsheet can sum them. */
export const DELIVERY_CSV_HEADER: readonly string[] = ['sent_at', 'subject', 'recipients', 'sent', 'failed', 'not_sent', 'retrying', ...DELIVERY_PROBLEMS.map(snakeCase)];

export function deliveryCsvRows(rows: readonly DeliveryFailureRow[], localTime: (iso: string) => string): Array<Array<string | number>> {
  return rows.map((row) => [localTime(row.sentAt), row.subject, row.recipients, row.sent, row.failed, row.skipped, row.retrying, ...DELIVERY_PROBLEMS.map((code) => row.problemCounts[code] ?? 0)]);
}

function snakeCase(code: string): string {
  return code.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
