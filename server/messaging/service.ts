import type { FastifyInstance } from 'fastify';
import type { PushedMutation } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import type { PokeHub } from '../realtime/pokes';
import type { AppliedMutation } from '../sync/push';
import type { DeliveryChannel } from './channel';
import type { MessagingConfig } from './config';
import { createEmailChannel } from './emailChannel';
import { createNoticeHooks } from './notices';
import { registerResidentPage } from './residentPage/routes';
import { DeliveryWorker, type MessagingLog } from './worker';

// Resident messaging as the central service runs it: the notice hooks the sync engine calls
// after each applied mutation, the delivery worker, and the resident page. One per process.

export interface MessagingService {
  /** For push(): plans e-mails in the mutation's own transaction. */
  afterApply(applied: AppliedMutation): Promise<void>;
  onAfterApplyError(error: unknown, mutation: PushedMutation): void;
  /** A push applied something: deliver what it queued now rather than at the next poll. */
  wake(): void;
  /** Adds the resident page (/r/…) to the service. */
  register(app: FastifyInstance): Promise<void>;
  start(): void;
  /** Lets e-mails being handed over finish; the rest stays queued for the next start. */
  stop(): Promise<void>;
  readonly worker: DeliveryWorker;
  readonly channel: DeliveryChannel | null;
}

export interface MessagingServiceOptions {
  db: ServerDb;
  pokes: PokeHub;
  config: MessagingConfig;
  /** Default: e-mail through SMTP when configured, else none. */
  channel?: DeliveryChannel | null;
  now?: () => Date;
  log?: MessagingLog;
  /** Passed to the worker (tests). */
  leaseMs?: number;
}

export function createMessagingService(options: MessagingServiceOptions): MessagingService {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const channel = options.channel !== undefined ? options.channel : options.config.smtp ? createEmailChannel({ smtp: options.config.smtp, from: options.config.from, maxConnections: options.config.concurrency }) : null;
  const worker = new DeliveryWorker({ db: options.db, channel, pokes: options.pokes, config: options.config, now, log, leaseMs: options.leaseMs });
  const hooks = createNoticeHooks({ channel, packageNoticeDelayMs: options.config.packageNoticeDelayMs, now });
  return {
    afterApply: hooks,
    onAfterApplyError(error, mutation) {
      log('error', 'notice.hookFailed', { mutation: mutation.name, mutationId: mutation.id, error: error instanceof Error ? error.name : 'unknown' });
    },
    wake: () => worker.wake(),
    register: (app) => registerResidentPage(app, { db: options.db, pokes: options.pokes, config: options.config, channel, wake: () => worker.wake(), now }),
    start: () => worker.start(),
    async stop() {
      await worker.stop();
      await channel?.close();
    },
    worker,
    channel,
  };
}
