import { describe, expect, it } from 'vitest';
import type { Message, MessageDelivery } from '../../../shared/domain/messaging';
import { deliveryView } from './deliveryStatus';

const message = (delivery: Partial<MessageDelivery> | null, extra: Partial<Message> = {}): Message => ({
  id: 'm1', threadId: 't1', direction: 'outbound', staffId: 's1', residentId: null, body: 'Hi', template: null, sentAt: '2026-03-01T15:00:00.000Z', mutationId: 'mut1',
  delivery: delivery === null ? null : { recipients: 1, queued: 0, retrying: 0, retryReason: null, sent: 0, failed: 0, skipped: 0, problemCounts: {}, problems: [], updatedAt: '2026-03-01T15:00:00.000Z', ...delivery },
  ...extra,
});

describe('delivery status of a message', () => {
  it('follows the message from the desk outbox to the mail server', () => {
    expect(deliveryView(message(null), new Set(['mut1']))).toEqual({ state: 'queuedOnDesk' });
    expect(deliveryView(message(null), new Set())).toEqual({ state: 'accepted' });
    expect(deliveryView(message({ recipients: 0 }), new Set())).toEqual({ state: 'noRecipients' });
    expect(deliveryView(message({ recipients: 3, queued: 2, retrying: 2, retryReason: 'connection', sent: 1 }), new Set())).toMatchObject({ state: 'sending', retrying: 2, retryReason: 'connection' });
    expect(deliveryView(message({ recipients: 2, sent: 2 }), new Set())).toEqual({ state: 'sent', sent: 2, recipients: 2 });
  });

  it('says who did not get it and why, counting those beyond the listed ones', () => {
    const problem = { residentId: 'r2', code: 'refused' as const, smtpCode: 550, at: '2026-03-01T15:00:00.000Z' };
    expect(deliveryView(message({ recipients: 30, sent: 5, failed: 25, problems: [problem] }), new Set())).toMatchObject({ state: 'partial', sent: 5, unlisted: 24 });
    expect(deliveryView(message({ recipients: 1, failed: 1, problems: [problem] }), new Set())).toMatchObject({ state: 'failed', problems: [problem], unlisted: 0 });
    expect(deliveryView(message(null, { direction: 'inbound' }), new Set())).toBeNull();
  });
});
