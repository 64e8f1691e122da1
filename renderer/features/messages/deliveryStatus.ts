import type { DeliveryProblem, Message, MessageDelivery, RetryReason } from '../../../shared/domain/messaging';

// Where a message the desk wrote stands, in the order it travels: still in this desk's outbox
// (offline), accepted by the central service, e-mails on their way (some being retried), sent,
// or failed for some recipients, each with why.

export type DeliveryView =
  | { state: 'queuedOnDesk' }
  | { state: 'accepted' }
  | { state: 'noRecipients' }
  | { state: 'sending'; queued: number; retrying: number; retryReason: RetryReason | null; sent: number; recipients: number }
  | { state: 'sent'; sent: number; recipients: number }
  | { state: 'partial'; sent: number; recipients: number; problems: readonly DeliveryProblem[]; counts: MessageDelivery['problemCounts']; unlisted: number }
  | { state: 'failed'; recipients: number; problems: readonly DeliveryProblem[]; counts: MessageDelivery['problemCounts']; unlisted: number };

export function deliveryView(message: Message, pendingMutationIds: ReadonlySet<string>): DeliveryView | null {
  if (message.direction !== 'outbound') return null;
  if (message.mutationId !== null && pendingMutationIds.has(message.mutationId)) return { state: 'queuedOnDesk' };
  const delivery = message.delivery;
  if (!delivery) return { state: 'accepted' };
  if (delivery.recipients === 0) return { state: 'noRecipients' };
  if (delivery.queued > 0) return { state: 'sending', queued: delivery.queued, retrying: delivery.retrying, retryReason: delivery.retryReason, sent: delivery.sent, recipients: delivery.recipients };
  const problems = delivery.problems;
  const unlisted = Math.max(0, delivery.failed + delivery.skipped - problems.length);
  if (delivery.sent === delivery.recipients) return { state: 'sent', sent: delivery.sent, recipients: delivery.recipients };
  const counts = delivery.problemCounts;
  if (delivery.sent === 0) return { state: 'failed', recipients: delivery.recipients, problems, counts, unlisted };
  return { state: 'partial', sent: delivery.sent, recipients: delivery.recipients, problems, counts, unlisted };
}
