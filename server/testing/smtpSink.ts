import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

// A real SMTP server on loopback for tests and benchmarks: it receives what the service sends and
// keeps each e-mail parsed. It can refuse an address for good (550, a bounce), defer it (451), or
// be stopped and restarted on the same port (the mail server is down).

export interface CapturedMail {
  /** RCPT TO addresses. */
  recipients: string[];
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  receivedAt: number;
}

export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  /** Address → SMTP code to answer RCPT TO with. */
  readonly refusals = new Map<string, number>();
  #server: SMTPServer | null = null;
  #port = 0;
  #waiters: Array<() => void> = [];

  /** `parse: false` (benchmarks): keep only recipients and arrival times, not the parsed e-mail. */
  constructor(private readonly options: { parse: boolean } = { parse: true }) {}

  static async start(port = 0, options: { parse: boolean } = { parse: true }): Promise<SmtpSink> {
    const sink = new SmtpSink(options);
    await sink.listen(port);
    return sink;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.#port}`;
  }

  /** 550 (default): the address does not exist; 451: try again later. */
  refuse(address: string, code = 550): void {
    this.refusals.set(address.toLowerCase(), code);
  }

  async listen(port = this.#port): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const code = this.refusals.get(address.address.toLowerCase());
        if (code === undefined) return callback();
        callback(Object.assign(new Error(code >= 500 ? 'No such mailbox here' : 'Mailbox busy, try later'), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        if (!this.options.parse) {
          stream.on('data', () => undefined);
          stream.on('end', () => {
            const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
            this.mails.push({ recipients, to: recipients.join(', '), from: '', subject: '', text: '', html: '', headers: new Map(), receivedAt: Date.now() });
            for (const wake of this.#waiters.splice(0)) wake();
            callback();
          });
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.mails.push({
              recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              to: Array.isArray(parsed.to) ? parsed.to.map((to) => to.text).join(', ') : (parsed.to?.text ?? ''),
              from: parsed.from?.text ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              receivedAt: Date.now(),
            });
            for (const wake of this.#waiters.splice(0)) wake();
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.#port = (server.server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** The mail server goes away (connections are refused until `listen` again). */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once at least `count` e-mails arrived (or rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<CapturedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} e-mails, got ${this.mails.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.mails;
  }

  /** The one-time link in an e-mail's text. */
  static linkIn(mail: CapturedMail): string {
    const found = /https?:\/\/\S+\/r\/l\/[A-Za-z0-9_-]{43}/.exec(mail.text);
    if (!found) throw new Error('no resident link in the e-mail');
    return found[0];
  }
}
