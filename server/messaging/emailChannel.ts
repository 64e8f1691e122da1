import nodemailer from 'nodemailer';
import type { Resident } from '../../shared/domain/model';
import type { DeliveryChannel, OutgoingMessage, SendOutcome } from './channel';
import type { SmtpSettings } from './config';

// E-mail through SMTP with nodemailer's pooled transport: a few connections kept open, so a
// broadcast to a thousand units does not open a thousand connections. Timeouts are bounded, so a
// hung mail server cannot hold an e-mail "in flight" for longer than the outbox's claim lease.

export interface EmailChannelOptions {
  smtp: SmtpSettings;
  from: string;
  /** Simultaneous SMTP connections (default 5). */
  maxConnections?: number;
}

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export function createEmailChannel(options: EmailChannelOptions): DeliveryChannel {
  const { smtp } = options;
  const auth = smtp.user !== null ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 100,
    ...TIMEOUTS,
    ...(smtp.url !== null ? { url: smtp.url } : { host: smtp.host ?? 'localhost', port: smtp.port, secure: smtp.secure }),
    ...(auth ? { auth } : {}),
  });
  return {
    id: 'email',
    addressOf: (resident: Resident) => resident.email ?? null,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'Content-Language': message.language, ...message.headers },
        });
        return { kind: 'sent', providerId: typeof info.messageId === 'string' ? info.messageId.slice(0, 200) : null };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * What an SMTP failure means for the e-mail. A 5xx answer to RCPT TO refuses the address (a
 * bounce: marked on the resident, never retried); any other 5xx refuses this message (too big,
 * refused sender) and is not retried either. 4xx answers, timeouts, lost connections and refused
 * logins are temporary: the outbox tries again later.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const fields = error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const code = typeof fields.code === 'string' ? fields.code : '';
  const smtpCode = typeof fields.responseCode === 'number' && fields.responseCode >= 200 && fields.responseCode <= 599 ? fields.responseCode : null;
  const command = typeof fields.command === 'string' ? fields.command.toUpperCase() : '';
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EOAUTH2') return { kind: 'retry', reason: 'authentication', smtpCode };
  if (smtpCode !== null && smtpCode >= 500) {
    return { kind: 'failed', problem: command.startsWith('RCPT') ? 'refused' : 'rejected', smtpCode };
  }
  if (smtpCode !== null && smtpCode >= 400) return { kind: 'retry', reason: 'deferred', smtpCode };
  if (code === 'ETIMEDOUT') return { kind: 'retry', reason: 'timeout', smtpCode };
  return { kind: 'retry', reason: 'connection', smtpCode };
}
