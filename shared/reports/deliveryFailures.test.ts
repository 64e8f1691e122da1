import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Message, MessageDelivery } from '../domain/messaging';
import type { Resident } from '../domain/model';
import { toCsv } from './csv';
import { DELIVERY_CSV_HEADER, deliveryCsvRows, deliveryFailures } from './deliveryFailures';

function delivery(overrides: Partial<MessageDelivery>): MessageDelivery {
  return { recipients: 1, queued: 0, retrying: 0, retryReason: null, sent: 1, failed: 0, skipped: 0, problemCounts: {}, problems: [], updatedAt: '2026-03-01T12:00:00.000Z', ...overrides };
}
function message(id: string, sentAt: string, overrides: Partial<Message>): Message {
  return { id, threadId: `t-${id}`, direction: 'outbound', staffId: 's-1', residentId: null, body: 'Hello', template: null, sentAt, mutationId: `m-${id}`, delivery: null, ...overrides };
}
function resident(id: string, overrides: Partial<Resident>): Resident {
  return { id, unitId: 'u-1', firstName: 'Ana', lastName: 'Núñez', email: `${id}@example.org`, phone: null, language: 'es', measurement: 'metric', occupancy: 'owner', authorizedPickups: [], ...overrides };
}

describe('message delivery failures', () => {
  const messages = [
    message('ok', '2026-03-01T10:00:00.000Z', { delivery: delivery({ recipients: 3, sent: 3 }) }),
    message('partial', '2026-03-02T10:00:00.000Z', { delivery: delivery({ recipients: 4, sent: 1, failed: 1, skipped: 2, problemCounts: { noEmail: 1, optedOut: 1, refused: 1 } }) }),
    message('retry', '2026-03-03T10:00:00.000Z', { delivery: delivery({ recipients: 2, queued: 1, retrying: 1, retryReason: 'connection', sent: 1 }) }),
    message('none', '2026-03-04T10:00:00.000Z', { delivery: delivery({ recipients: 2, sent: 0, skipped: 2, problemCounts: { noEmail: 2 } }) }),
    // Not counted: the service has not planned it yet, and a resident's own message.
    message('pending', '2026-03-05T10:00:00.000Z', {}),
    message('inbound', '2026-03-05T11:00:00.000Z', { direction: 'inbound', staffId: null, residentId: 'r-1', mutationId: null, delivery: delivery({ failed: 1, sent: 0 }) }),
  ];
  const threads = messages.map((entry) => ({ id: entry.threadId, subject: `Subject ${entry.id}` }));

  it('lists the messages that missed someone or are retrying, newest first, with totals and the commonest problems first', () => {
    const report = deliveryFailures(messages, threads, []);
    expect(report.rows.map((row) => row.messageId)).toEqual(['none', 'retry', 'partial']);
    expect(report.rows[2]).toMatchObject({ subject: 'Subject partial', recipients: 4, sent: 1, failed: 1, skipped: 2, retrying: 0 });
    expect(report.totals).toEqual({ messages: 4, recipients: 11, sent: 5, failed: 1, skipped: 4, retrying: 1 });
    expect(report.byProblem).toEqual([
      { code: 'noEmail', count: 3 },
      { code: 'optedOut', count: 1 },
      { code: 'refused', count: 1 },
    ]);
  });

  it('lists residents whose address was refused, most recent first, and no one else', () => {
    const residents = [
      resident('r-1', { emailBounce: { at: '2026-03-01T00:00:00.000Z', smtpCode: 550 } }),
      resident('r-2', {}),
      resident('r-3', { unitId: 'u-2', emailBounce: { at: '2026-03-04T00:00:00.000Z', smtpCode: null } }),
      resident('r-4', { emailBounce: null }),
    ];
    expect(deliveryFailures([], [], residents).bounced).toEqual([
      { residentId: 'r-3', unitId: 'u-2', at: '2026-03-04T00:00:00.000Z', smtpCode: null },
      { residentId: 'r-1', unitId: 'u-1', at: '2026-03-01T00:00:00.000Z', smtpCode: 550 },
    ]);
  });

  it('exports one CSV row per message with a column per problem that a spreadsheet reads back', () => {
    const { rows } = deliveryFailures(messages, threads, []);
    const csv = toCsv(DELIVERY_CSV_HEADER, deliveryCsvRows(rows, (iso) => iso.slice(0, 10)));
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [header, ...body] = parsed.data;
    expect(header?.slice(0, 9)).toEqual(['sent_at', 'subject', 'recipients', 'sent', 'failed', 'not_sent', 'retrying', 'no_email', 'opted_out']);
    expect(header).toContain('gave_up');
    expect(body).toHaveLength(3);
    const partial = body[2] ?? [];
    expect(partial.slice(0, 7)).toEqual(['2026-03-02', 'Subject partial', '4', '1', '1', '2', '0']);
    expect(partial[header?.indexOf('refused') ?? -1]).toBe('1');
  });
});
