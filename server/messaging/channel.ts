import type { Resident } from '../../shared/domain/model';
import type { RetryReason } from '../../shared/domain/messaging';

// A delivery channel hands one rendered message to one resident. E-mail is the only one today;
// SMS or push would implement the same interface (an address from the resident row, a send that
// says whether a retry can help), and the outbox, retries and log stay as they are.

export type ChannelId = 'email';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47 language of the content. */
  language: string;
  /** Extra headers (Auto-Submitted for notices…); never personal data beyond the recipient. */
  headers: Readonly<Record<string, string>>;
}

export type SendOutcome =
  /** Handed over; `providerId` is the Message-ID the server accepted, to trace it with the provider. */
  | { kind: 'sent'; providerId: string | null }
  /** A temporary failure: try again later. */
  | { kind: 'retry'; reason: RetryReason; smtpCode: number | null }
  /** A permanent failure. `refused`: the recipient's address (a bounce); `rejected`: the message itself. */
  | { kind: 'failed'; problem: 'refused' | 'rejected'; smtpCode: number | null };

export interface DeliveryChannel {
  readonly id: ChannelId;
  /** Where this resident is reached on this channel, or null when they cannot be. */
  addressOf(resident: Resident): string | null;
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}
