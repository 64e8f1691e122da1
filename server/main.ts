// The central service: `npm run server` (see README). Configured from the environment:
//   PORT (8787), HOST (127.0.0.1), DATA_DIR (./data, for the embedded SQLite database),
//   DATABASE_URL (PostgreSQL; used instead of SQLite when set), STATIC_DIR (the desk's browser
//   build to serve at /, default dist/renderer), ALLOWED_ORIGINS (comma-separated, default app://conserje).
//   Resident e-mail (server/messaging/config.ts): SMTP_URL or SMTP_HOST/PORT/SECURE/USER/PASS, SMTP_FROM,
//   PUBLIC_URL, PACKAGE_NOTICE_DELAY_SECONDS, REMINDER_AFTER_HOURS, RESIDENT_LINK_HOURS, RESIDENT_SESSION_HOURS,
//   DELIVERY_MAX_ATTEMPTS.
// Flags: --init creates a building and its first manager; --demo seeds the demo building.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { z } from 'zod';
import pg from 'pg';
import { createPinVerifier } from '../shared/auth/pin';
import { fixtureEvents, generateBuilding } from '../shared/demo/fixture';
import { WORKING_SET_DAYS } from '../shared/sync/workingSet';
import { applyRetention, DEFAULT_RETENTION } from './privacy/retention';
import { Language } from '../shared/domain/model';
import { createDatabase, databaseConfigFromEnv, type ServerDb } from './db/database';
import { migrateToLatest } from './db/migrate';
import { buildApp } from './http/app';
import { issueEnrollmentCode } from './identity/enrollment';
import { createLocalPokeHub, createPostgresPokeHub, type PokeHub } from './realtime/pokes';
import { messagingConfigFromEnv, type MessagingConfig } from './messaging/config';
import { createMessagingService } from './messaging/service';
import type { MessagingLog } from './messaging/worker';
import { seedBuilding } from './sync';

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  STATIC_DIR: z.string().default('dist/renderer'),
  ALLOWED_ORIGINS: z.string().default('app://conserje'),
  /** Days of settled history (released packages, events) desks keep; older history is searched here. */
  WORKING_SET_DAYS: z.coerce.number().int().min(1).max(3650).default(WORKING_SET_DAYS),
  /** Days a released package keeps who collected it, the signature and the note. */
  RETENTION_PACKAGE_DETAILS_DAYS: z.coerce.number().int().min(1).max(36500).default(DEFAULT_RETENTION.packageDetailsDays),
  /** Days the event log keeps an event. */
  RETENTION_EVENT_DAYS: z.coerce.number().int().min(1).max(36500).default(DEFAULT_RETENTION.eventDays),
  /** Days a message is kept (with its e-mails' records); a thread goes with its last message. */
  RETENTION_MESSAGE_DAYS: z.coerce.number().int().min(1).max(36500).default(DEFAULT_RETENTION.messageDays),
});

const { values: flags } = parseArgs({
  options: {
    init: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    'building-name': { type: 'string', default: 'My building' },
    'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone },
    language: { type: 'string', default: 'en' },
    'manager-name': { type: 'string', default: 'Building manager' },
    'manager-pin': { type: 'string' },
    /** How many one-time desk enrollment codes --init / --demo print. */
    'enrollment-codes': { type: 'string', default: '1' },
  },
  allowPositionals: false,
});

async function main(): Promise<void> {
  const environment = Environment.safeParse(process.env);
  if (!environment.success) {
    console.error(`Configuration error: ${environment.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    process.exit(2);
  }
  const env = environment.data;
  let messagingConfig: MessagingConfig;
  try {
    messagingConfig = messagingConfigFromEnv(process.env, { publicUrl: `http://${env.HOST}:${env.PORT}` });
  } catch (error) {
    console.error(`Configuration error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const dbConfig = databaseConfigFromEnv(process.env);
  const db = createDatabase(dbConfig);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) console.log(`Database migrated: ${applied.join(', ')}`);

  if (flags.demo) await seedDemo(db);
  if (flags.init) await initializeBuilding(db);

  let pokes: PokeHub;
  let listenPool: pg.Pool | null = null;
  if (dbConfig.kind === 'postgres') {
    listenPool = new pg.Pool({ connectionString: dbConfig.url, max: 2 });
    pokes = await createPostgresPokeHub(listenPool, (error) => console.error('poke listener:', error.message));
  } else {
    pokes = createLocalPokeHub();
  }

  const messaging = createMessagingService({ db, pokes, config: messagingConfig, log: deliveryLog(process.env.LOG_REQUESTS === '1') });
  const app = await buildApp({
    db,
    pokes,
    messaging,
    staticDir: resolve(env.STATIC_DIR),
    allowedOrigins: env.ALLOWED_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    workingSetDays: env.WORKING_SET_DAYS,
    logger: process.env.LOG_REQUESTS === '1',
  });
  const address = await app.listen({ port: env.PORT, host: env.HOST });
  messaging.start();
  console.log(`Resident e-mail: ${describeMail(messagingConfig)}; resident page at ${messagingConfig.publicUrl}/r/`);
  console.log(`Conserje central service listening on ${address} (${db.dialect === 'postgres' ? 'PostgreSQL' : `SQLite in ${resolve(process.env.DATA_DIR ?? './data')}`})`);

  // Retention once at start, then daily; a failure is logged and tried again the next day.
  const retention = { packageDetailsDays: env.RETENTION_PACKAGE_DETAILS_DAYS, eventDays: env.RETENTION_EVENT_DAYS, messageDays: env.RETENTION_MESSAGE_DAYS };
  const runRetention = () =>
    applyRetention(db, new Date(), retention).then(
      (done) =>
        console.log(
          `Retention: ${done.packagesAnonymized} packages anonymized, ${done.eventsRemoved} events removed, ${done.messagesRemoved} messages and ${done.threadsRemoved} threads removed, ` +
            `${done.deliveriesRemoved} e-mail records and ${done.deliveryLogsRemoved} attempt logs removed, ${done.linksRemoved} page links and ${done.sessionsRemoved} page sessions removed`,
        ),
      (error: unknown) => console.error('Retention failed, retrying tomorrow:', error instanceof Error ? error.message : error),
    );
  void runRetention();
  const retentionTimer = setInterval(() => void runRetention(), 24 * 3_600_000);
  retentionTimer.unref();

  const shutdown = async () => {
    clearInterval(retentionTimer);
    // Whatever still hangs after a few seconds must not keep the port or the database busy.
    setTimeout(() => process.exit(1), 5_000).unref();
    await app.close();
    await messaging.stop();
    await pokes.close();
    await listenPool?.end();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/** Where mail goes, without credentials (SMTP_URL may hold a password). */
function describeMail(config: MessagingConfig): string {
  if (!config.smtp) return 'not configured (messages are recorded; their e-mails are marked "not configured"; set SMTP_URL or SMTP_HOST)';
  const host = config.smtp.url !== null ? new URL(config.smtp.url).host : `${config.smtp.host ?? ''}:${config.smtp.port}`;
  return `SMTP ${host}`;
}

/** Delivery log lines carry codes and ids only (never addresses or text); successes only with LOG_REQUESTS=1. */
function deliveryLog(verbose: boolean): MessagingLog {
  return (level, code, fields = {}) => {
    if (level === 'info' && !verbose) return;
    const line = `${level} ${code} ${JSON.stringify(fields)}`;
    if (level === 'error') console.error(line);
    else console.log(line);
  };
}

async function firstBuilding(db: ServerDb): Promise<{ id: string; name: string } | undefined> {
  return db.kysely.selectFrom('buildings').select(['id', 'name']).orderBy('created_at').executeTakeFirst();
}

async function managerOf(db: ServerDb, buildingId: string): Promise<string> {
  const rows = await db.kysely.selectFrom('staff').select(['id', 'data']).where('building_id', '=', buildingId).where('deleted', '=', 0).execute();
  const manager = rows.find((row) => row.data !== null && /"role":"(manager|admin)"/.test(row.data));
  return manager?.id ?? rows[0]?.id ?? 'system';
}

async function printEnrollment(db: ServerDb, buildingId: string, buildingName: string): Promise<void> {
  const count = Math.min(Math.max(Number.parseInt(flags['enrollment-codes'], 10) || 1, 1), 50);
  console.log(`\n  Building: ${buildingName}`);
  for (let i = 0; i < count; i++) {
    const { code, expiresAt } = await issueEnrollmentCode(db, { buildingId, createdBy: await managerOf(db, buildingId) });
    console.log(`  One-time enrollment code for a desk: ${code} (valid until ${expiresAt})`);
  }
  console.log('  On the desk: enter the service address and this code on the enrollment screen.\n');
}

/** --init: a building and its first manager, then an enrollment code for the first desk. */
async function initializeBuilding(db: ServerDb): Promise<void> {
  const existing = await firstBuilding(db);
  if (existing) {
    console.log(`Already initialized (building "${existing.name}"). Issuing a new enrollment code.`);
    await printEnrollment(db, existing.id, existing.name);
    return;
  }
  const timeZone = flags['time-zone'];
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    console.error(`Unknown time zone "${timeZone}": use an IANA name such as America/New_York.`);
    process.exit(2);
  }
  const language = Language.catch('en').parse(flags.language);
  const pin = flags['manager-pin'] ?? String(Math.floor(100_000 + Math.random() * 900_000));
  if (!/^\d{4,8}$/.test(pin)) {
    console.error('The manager PIN must be 4 to 8 digits.');
    process.exit(2);
  }
  const buildingId = `b-${crypto.randomUUID()}`;
  const managerId = `s-${crypto.randomUUID()}`;
  await seedBuilding(db, {
    building: { id: buildingId, name: flags['building-name'], timeZone, defaultLanguage: language },
    units: [],
    residents: [],
    staff: [{ id: managerId, displayName: flags['manager-name'], role: 'manager', language, measurement: 'metric', active: true, pin: await createPinVerifier(pin) }],
  });
  console.log(`Created building "${flags['building-name']}" (${timeZone}) and its first manager "${flags['manager-name']}" with PIN ${pin}.`);
  console.log('Next: enroll a desk with the code below, sign in as the manager, then add units, residents and staff.');
  await printEnrollment(db, buildingId, flags['building-name']);
}

/** --demo: the demo building of the README, once, and a fresh enrollment code. */
async function seedDemo(db: ServerDb): Promise<void> {
  let building = await firstBuilding(db);
  if (!building) {
    const now = new Date();
    const fixture = await generateBuilding({ size: 'demo', now });
    // The whole history: desks sync the working set, the rest is there for the history search.
    await seedBuilding(db, { building: fixture.building, units: fixture.units, residents: fixture.residents, staff: fixture.staff, packages: fixture.packages, events: fixtureEvents(fixture), amenities: fixture.amenities, bookings: fixture.bookings, threads: fixture.threads, messages: fixture.messages });
    console.log(`Seeded the demo building "${fixture.building.name}".`);
    building = { id: fixture.building.id, name: fixture.building.name };
  }
  await printEnrollment(db, building.id, building.name);
}

main().catch((error: unknown) => {
  console.error('The central service could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
