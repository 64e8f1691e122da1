import type { Resident } from '../../shared/domain/model';
import type { ServerDb } from '../db/database';
import type { MessagingConfig } from '../messaging/config';
import { createEmailChannel } from '../messaging/emailChannel';
import { createMessagingService, type MessagingService } from '../messaging/service';
import { createLocalPokeHub, type PokeHub } from '../realtime/pokes';
import type { SyncEngineOptions } from '../sync/push';
import { seedBuilding } from '../sync/seed';
import { tinyBuilding } from './buildings';
import type { SmtpSink } from './smtpSink';

// Messaging test helpers: the tiny building with residents who have e-mail addresses in three
// languages, a messaging service wired to an SMTP sink, and a clock the test moves.

/** r1 (es) and r3 (fr) in u1 have addresses, r4 in u1 has none, r2 (en) in u2 has one. */
export async function seedMailBuilding(db: ServerDb, buildingId: string): Promise<void> {
  const seed = tinyBuilding(buildingId);
  const withMail = (resident: Resident): Resident => {
    const local = resident.id.slice(buildingId.length + 1);
    if (local === 'r1') return { ...resident, email: `${buildingId}-jose@example.org`, language: 'es' };
    if (local === 'r2') return { ...resident, email: `${buildingId}-ana@example.org`, language: 'en', measurement: 'imperial' };
    if (local === 'r3') return { ...resident, email: `${buildingId}-luis@example.org`, language: 'fr' };
    return resident;
  };
  const r4: Resident = { id: `${buildingId}-r4`, unitId: `${buildingId}-u1`, firstName: 'Mia', lastName: 'Sin Correo', email: null, phone: null, language: 'en', measurement: 'metric', occupancy: 'tenant', authorizedPickups: [] };
  await seedBuilding(db, { ...seed, residents: [...seed.residents.map(withMail), r4] });
}

export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function testMessagingConfig(sink: SmtpSink | null, overrides: Partial<MessagingConfig> = {}): MessagingConfig {
  return {
    smtp: sink ? { url: sink.url, host: null, port: sink.port, secure: false, user: null, pass: null } : null,
    from: 'Front desk <desk@building.example>',
    publicUrl: 'http://127.0.0.1:8787',
    packageNoticeDelayMs: 120_000,
    reminderAfterHours: [48, 168],
    linkHours: 72,
    sessionHours: 12,
    maxAttempts: 4,
    retryBaseMs: 30_000,
    retryMaxMs: 600_000,
    pollMs: 60_000,
    concurrency: 3,
    ...overrides,
  };
}

export interface MessagingHarness {
  service: MessagingService;
  pokes: PokeHub;
  /** Push options that run the service's notice hooks, as the HTTP layer does. */
  pushOptions: SyncEngineOptions;
  hookErrors: unknown[];
  logs: string[];
}

export function messagingHarness(db: ServerDb, clock: TestClock, sink: SmtpSink | null, overrides: Partial<MessagingConfig> = {}, leaseMs?: number): MessagingHarness {
  const pokes = createLocalPokeHub();
  const config = testMessagingConfig(sink, overrides);
  const logs: string[] = [];
  const channel = config.smtp ? createEmailChannel({ smtp: config.smtp, from: config.from, maxConnections: 2 }) : null;
  const service = createMessagingService({ db, pokes, config, channel, now: clock.now, leaseMs, log: (level, code, fields) => logs.push(`${level} ${code} ${JSON.stringify(fields ?? {})}`) });
  const hookErrors: unknown[] = [];
  return {
    service,
    pokes,
    pushOptions: { afterApply: service.afterApply, onAfterApplyError: (error) => hookErrors.push(error), now: clock.now },
    hookErrors,
    logs,
  };
}
