import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH } from '../../../shared/domain/messaging';
import { LANGUAGES, type Language, type Resident } from '../../../shared/domain/model';
import { fillPlaceholders, pickLanguage } from '../../../shared/messaging/placeholders';
import { interpolate, largestPackageText } from '../../../shared/messaging/residentText';
import { formatDate } from '../../../shared/i18n/format';
import { HOLDING_STATUSES, type Booking } from '../../../shared/domain/bookings';
import type { ServerDb } from '../../db/database';
import type { PokeHub } from '../../realtime/pokes';
import { BuildingRows } from '../../sync/buildingRows';
import { VersionClock } from '../../sync/versionClock';
import type { DeliveryChannel } from '../channel';
import { unreachableReason, waitingPackages } from '../compose';
import type { MessagingConfig } from '../config';
import { endSession, inspectLink, lookupSession, redeemLink, type ResidentSession } from '../links';
import { enqueueDeliveries } from '../outbox';
import { postResidentMessage, residentThreads, setEmailOptOutFromPage, threadVisibleTo, type ResidentWriteProblem } from '../residentWrites';
import { catalogOf, homePage, linkPage, messagePage, STYLESHEET, threadPage } from './html';

// The resident page, under /r/ on the central service. Nothing but a one-time link from an
// e-mail opens it; after that a cookie (HttpOnly, SameSite=Lax, path /r) keeps it open on that
// device for RESIDENT_SESSION_HOURS, and every form carries the session's form token. Strict
// Content-Security-Policy, no scripts, nothing from other origins, no referrer (the link's token
// is in the address).

export interface ResidentPageDeps {
  db: ServerDb;
  pokes: PokeHub;
  config: MessagingConfig;
  channel: DeliveryChannel | null;
  /** Something was queued (a new link): deliver it now. */
  wake: () => void;
  now: () => Date;
}

const COOKIE = 'conserje_resident';
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** Posts per resident in RATE_WINDOW_MS before the page asks them to wait. */
const RATE_LIMIT = 20;
const RATE_WINDOW_MS = 10 * 60_000;
/** A new link is sent at most this often per resident. */
const RENEW_EVERY_MS = 10 * 60_000;

const TokenParam = z.object({ token: z.string().max(100) });
const ThreadParam = z.object({ threadId: z.string().min(1).max(64) });
const FormFields = z.object({ form: z.string().max(100).default(''), body: z.string().max(MAX_MESSAGE_LENGTH * 4).default(''), subject: z.string().max(MAX_SUBJECT_LENGTH * 4).default(''), optOut: z.enum(['0', '1']).optional() });
type FormFields = z.infer<typeof FormFields>;

export async function registerResidentPage(app: FastifyInstance, deps: ResidentPageDeps): Promise<void> {
  await app.register(async (scope) => {
    const recentPosts = new Map<string, number[]>();

    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cache-control', 'no-store');
      reply.header('x-frame-options', 'DENY');
      return payload;
    });
    scope.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
      const language = languageFromHeader(request);
      const text = catalogOf(language);
      // A malformed address (a token or id that cannot be one): the same answer as an unknown link.
      if (error instanceof z.ZodError) return html(reply.code(404), messagePage(language, text.link.invalidTitle, text.link.invalidBody, 'error'));
      const tooLarge = error.statusCode === 413;
      return html(reply.code(tooLarge ? 413 : 503), messagePage(language, text.page.threadsTitle, tooLarge ? interpolate(text.errors.tooLong, { count: '>', max: MAX_MESSAGE_LENGTH }) : text.errors.unavailable, 'error'));
    });
    scope.setNotFoundHandler(async (request, reply) => {
      const language = languageFromHeader(request);
      return html(reply.code(404), messagePage(language, catalogOf(language).link.invalidTitle, catalogOf(language).link.invalidBody, 'error'));
    });

    scope.get('/style.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));

    scope.get('/l/:token', async (request, reply) => {
      const { token } = TokenParam.parse(request.params);
      const state = await inspectLink(deps.db.kysely, token, deps.now());
      const who = state.state === 'unknown' ? null : await residentAndBuilding(deps, state.buildingId, state.residentId);
      const language = who?.resident.language ?? languageFromHeader(request);
      return html(reply.code(state.state === 'valid' ? 200 : 410), linkPage(language, state.state, token, who?.buildingName ?? '', deps.config.sessionHours, null));
    });

    scope.post('/l/:token', async (request, reply) => {
      const { token } = TokenParam.parse(request.params);
      const outcome = await redeemLink(deps.db.kysely, token, { now: deps.now(), sessionHours: deps.config.sessionHours });
      if ('cookie' in outcome) {
        reply.header('set-cookie', sessionCookie(outcome.cookie, deps.config.sessionHours * 3600, deps.config.publicUrl.startsWith('https:')));
        return reply.code(303).header('location', '/r/').send();
      }
      const who = outcome.state === 'unknown' ? null : await residentAndBuilding(deps, outcome.buildingId, outcome.residentId);
      return html(reply.code(410), linkPage(who?.resident.language ?? languageFromHeader(request), outcome.state, token, who?.buildingName ?? '', deps.config.sessionHours, null));
    });

    scope.post('/renew/:token', async (request, reply) => {
      const { token } = TokenParam.parse(request.params);
      const state = await inspectLink(deps.db.kysely, token, deps.now());
      if (state.state === 'unknown') return html(reply.code(410), linkPage(languageFromHeader(request), 'unknown', token, '', deps.config.sessionHours, null));
      const who = await residentAndBuilding(deps, state.buildingId, state.residentId);
      const language = who?.resident.language ?? languageFromHeader(request);
      const text = catalogOf(language).link;
      if (state.state === 'valid') return html(reply, linkPage(language, 'valid', token, who?.buildingName ?? '', deps.config.sessionHours, null));
      let note: string;
      if (!who || unreachableReason(who.resident, deps.channel) !== null) note = text.newLinkUnavailable;
      else if (await linkSentRecently(deps, state.buildingId, state.residentId)) note = text.newLinkTooSoon;
      else {
        const now = deps.now();
        await enqueueDeliveries(deps.db.kysely, state.buildingId, [{ id: `ln-${state.residentId}-${now.getTime()}`, kind: 'link', residentId: state.residentId, messageId: null, payload: {}, status: 'queued', code: null, dueAt: now.toISOString() }], now.toISOString());
        deps.wake();
        note = text.newLinkSent;
      }
      return html(reply, linkPage(language, state.state, token, who?.buildingName ?? '', deps.config.sessionHours, note));
    });

    scope.get('/', async (request, reply) => {
      const session = await sessionOf(request, deps);
      if (!session) return signedOutPage(request, reply);
      const sent = z.object({ sent: z.string().optional() }).parse(request.query).sent !== undefined;
      return renderHome(deps, session, reply, { notice: sent ? 'sent' : null, error: null, draft: null });
    });

    scope.post('/new', async (request, reply) => {
      const checked = await checkForm(request, reply, deps);
      if (!checked) return reply;
      const { session, fields } = checked;
      if (tooManyPosts(recentPosts, session.residentId, deps.now().getTime())) return renderHome(deps, session, reply.code(429), { notice: null, error: { problem: 'tooMany' }, draft: fields });
      const result = await postResidentMessage(deps.db, { buildingId: session.buildingId, residentId: session.residentId, threadId: null, subject: fields.subject, body: fields.body, now: deps.now() });
      if (!result.ok) return renderHome(deps, session, reply.code(422), { notice: null, error: result, draft: fields });
      await deps.pokes.publish(session.buildingId).catch(() => undefined);
      return reply.code(303).header('location', `/r/t/${result.threadId}?sent=1`).send();
    });

    scope.get('/t/:threadId', async (request, reply) => {
      const session = await sessionOf(request, deps);
      if (!session) return signedOutPage(request, reply);
      const { threadId } = ThreadParam.parse(request.params);
      const sent = z.object({ sent: z.string().optional() }).parse(request.query).sent !== undefined;
      return renderThread(deps, session, threadId, reply, { notice: sent, error: null, draft: '' });
    });

    scope.post('/t/:threadId', async (request, reply) => {
      const checked = await checkForm(request, reply, deps);
      if (!checked) return reply;
      const { session, fields } = checked;
      const { threadId } = ThreadParam.parse(request.params);
      if (tooManyPosts(recentPosts, session.residentId, deps.now().getTime())) return renderThread(deps, session, threadId, reply.code(429), { notice: false, error: { problem: 'tooMany' }, draft: fields.body });
      const result = await postResidentMessage(deps.db, { buildingId: session.buildingId, residentId: session.residentId, threadId, subject: null, body: fields.body, now: deps.now() });
      if (!result.ok) return renderThread(deps, session, threadId, reply.code(result.problem === 'notFound' ? 404 : 422), { notice: false, error: result, draft: fields.body });
      await deps.pokes.publish(session.buildingId).catch(() => undefined);
      return reply.code(303).header('location', `/r/t/${result.threadId}?sent=1`).send();
    });

    scope.post('/email', async (request, reply) => {
      const checked = await checkForm(request, reply, deps);
      if (!checked) return reply;
      if (await setEmailOptOutFromPage(deps.db, { buildingId: checked.session.buildingId, residentId: checked.session.residentId, optOut: checked.fields.optOut === '1' })) {
        await deps.pokes.publish(checked.session.buildingId).catch(() => undefined);
      }
      return reply.code(303).header('location', '/r/').send();
    });

    scope.post('/signout', async (request, reply) => {
      const checked = await checkForm(request, reply, deps);
      if (!checked) return reply;
      const cookie = cookieOf(request);
      if (cookie) await endSession(deps.db.kysely, cookie);
      reply.header('set-cookie', sessionCookie('', 0, deps.config.publicUrl.startsWith('https:')));
      const language = (await residentAndBuilding(deps, checked.session.buildingId, checked.session.residentId))?.resident.language ?? languageFromHeader(request);
      return html(reply, messagePage(language, catalogOf(language).page.signOut, catalogOf(language).page.signedOut, 'notice'));
    });
  }, { prefix: '/r' });
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(body);
}

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${COOKIE}=${value}; Path=/r; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

function cookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

async function sessionOf(request: FastifyRequest, deps: ResidentPageDeps): Promise<ResidentSession | null> {
  return lookupSession(deps.db.kysely, cookieOf(request), deps.now());
}

/** The signed-in resident and the form's fields, or null after answering (signed out, stale form). */
async function checkForm(request: FastifyRequest, reply: FastifyReply, deps: ResidentPageDeps): Promise<{ session: ResidentSession; fields: FormFields } | null> {
  const session = await sessionOf(request, deps);
  if (!session) {
    await signedOutPage(request, reply);
    return null;
  }
  const fields = FormFields.safeParse(request.body ?? {});
  if (!fields.success || fields.data.form !== session.formToken) {
    const language = languageFromHeader(request);
    html(reply.code(403), messagePage(language, catalogOf(language).page.threadsTitle, catalogOf(language).errors.formExpired, 'error'));
    return null;
  }
  return { session, fields: fields.data };
}

function signedOutPage(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const language = languageFromHeader(request);
  return html(reply.code(401), messagePage(language, catalogOf(language).link.invalidTitle, catalogOf(language).errors.signedOut, 'error'));
}

/** The best of en/es/fr the browser asks for (pages shown before we know who it is). */
export function languageFromHeader(request: FastifyRequest): Language {
  const header = request.headers['accept-language'] ?? '';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { language: tag.slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.map((entry) => entry.language).find((language): language is Language => (LANGUAGES as readonly string[]).includes(language)) ?? 'en');
}

function tooManyPosts(recent: Map<string, number[]>, residentId: string, now: number): boolean {
  const times = (recent.get(residentId) ?? []).filter((time) => now - time < RATE_WINDOW_MS);
  if (times.length >= RATE_LIMIT) {
    recent.set(residentId, times);
    return true;
  }
  recent.set(residentId, [...times, now]);
  return false;
}

async function linkSentRecently(deps: ResidentPageDeps, buildingId: string, residentId: string): Promise<boolean> {
  const since = new Date(deps.now().getTime() - RENEW_EVERY_MS).toISOString();
  const recent = await deps.db.kysely
    .selectFrom('delivery_outbox')
    .select('id')
    .where('building_id', '=', buildingId)
    .where('resident_id', '=', residentId)
    .where('kind', '=', 'link')
    .where('created_at', '>', since)
    .executeTakeFirst();
  return recent !== undefined;
}

function readRows(deps: ResidentPageDeps, buildingId: string): BuildingRows {
  // Reads only: the clock is never advanced.
  return new BuildingRows(deps.db.kysely, buildingId, new VersionClock(0));
}

async function residentAndBuilding(deps: ResidentPageDeps, buildingId: string, residentId: string): Promise<{ resident: Resident; buildingName: string; timeZone: string; defaultLanguage: Language } | null> {
  const rows = readRows(deps, buildingId);
  const resident = await rows.get('residents', residentId);
  if (!resident) return null;
  const building = await rows.getBuilding();
  return { resident, buildingName: building.name, timeZone: building.timeZone, defaultLanguage: building.defaultLanguage };
}

type PageError = { problem: ResidentWriteProblem | 'tooMany'; count?: number };

function errorText(language: Language, error: PageError): string {
  const text = catalogOf(language).errors;
  return interpolate(text[error.problem], { count: error.count ?? 0, max: error.problem === 'subjectTooLong' ? MAX_SUBJECT_LENGTH : MAX_MESSAGE_LENGTH });
}

async function renderHome(deps: ResidentPageDeps, session: ResidentSession, reply: FastifyReply, state: { notice: 'sent' | null; error: PageError | null; draft: { subject: string; body: string } | null }): Promise<FastifyReply> {
  const who = await residentAndBuilding(deps, session.buildingId, session.residentId);
  if (!who) return html(reply.code(404), messagePage('en', 'Conserje', catalogOf('en').errors.notFound, 'error'));
  const { resident } = who;
  const rows = readRows(deps, session.buildingId);
  const now = deps.now().toISOString();
  const bookings: { booking: Booking; amenityName: string }[] = [];
  for (const booking of await rows.findBy('bookings', 'unitId', resident.unitId)) {
    if (booking.end < now || !(HOLDING_STATUSES.includes(booking.status) || booking.status === 'waitlisted')) continue;
    const amenity = await rows.get('amenities', booking.amenityId);
    bookings.push({ booking, amenityName: (amenity ? pickLanguage(amenity.name, resident.language, who.defaultLanguage) : undefined) ?? '' });
  }
  bookings.sort((a, b) => a.booking.start.localeCompare(b.booking.start));
  const unit = await rows.get('units', resident.unitId);
  const text = catalogOf(resident.language);
  return html(
    reply,
    homePage({
      language: resident.language,
      measurement: resident.measurement,
      timeZone: who.timeZone,
      buildingName: who.buildingName,
      residentName: resident.firstName,
      unitLabel: unit?.label ?? '',
      formToken: session.formToken,
      email: resident.email === null ? 'none' : resident.emailBounce ? 'bounced' : resident.emailOptOut ? 'off' : 'on',
      packages: await waitingPackages(rows, resident.id),
      bookings,
      threads: await residentThreads(deps.db.kysely, session.buildingId, resident),
      notice: state.notice === 'sent' ? text.page.sent : null,
      error: state.error ? errorText(resident.language, state.error) : null,
      draft: state.draft,
    }),
  );
}

async function renderThread(deps: ResidentPageDeps, session: ResidentSession, threadId: string, reply: FastifyReply, state: { notice: boolean; error: PageError | null; draft: string }): Promise<FastifyReply> {
  const who = await residentAndBuilding(deps, session.buildingId, session.residentId);
  const rows = readRows(deps, session.buildingId);
  const thread = await rows.get('threads', threadId);
  if (!who || !thread || !(await threadVisibleTo(deps.db.kysely, session.buildingId, thread, who.resident))) {
    const language = who?.resident.language ?? 'en';
    return html(reply.code(404), messagePage(language, catalogOf(language).page.threadsTitle, catalogOf(language).errors.notFound, 'error'));
  }
  const { resident } = who;
  const messages = (await rows.findBy('messages', 'threadId', thread.id)).sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
  const unit = await rows.get('units', resident.unitId);
  const waitingList = await waitingPackages(rows, resident.id);
  const waiting = waitingList.length;
  const neighbours = new Map<string, string>();
  const view = [];
  for (const message of messages) {
    let author: string = 'desk';
    if (message.direction === 'inbound') {
      if (message.residentId === resident.id) author = 'you';
      else {
        const id = message.residentId ?? '';
        if (!neighbours.has(id)) neighbours.set(id, (await rows.get('residents', id))?.firstName ?? '');
        author = neighbours.get(id) ?? '';
      }
    }
    const template = message.template ? pickLanguage(message.template.body, resident.language, who.defaultLanguage) : undefined;
    const body =
      message.direction === 'outbound'
        ? fillPlaceholders(template ?? message.body, { residentName: resident.firstName, unit: unit?.label ?? '', building: who.buildingName, packageCount: String(waiting), largestPackage: largestPackageText(waitingList, resident.language, resident.measurement), date: formatDate(message.sentAt, resident.language, who.timeZone) })
        : message.body;
    view.push({ message, text: body, author });
  }
  return html(
    reply,
    threadPage({
      language: resident.language,
      timeZone: who.timeZone,
      buildingName: who.buildingName,
      formToken: session.formToken,
      thread,
      messages: view,
      notice: state.notice ? catalogOf(resident.language).page.sent : null,
      error: state.error ? errorText(resident.language, state.error) : null,
      draft: state.draft,
    }),
  );
}
