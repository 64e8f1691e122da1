import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Message, MessageThread } from '../../shared/domain/messaging';
import type { Resident } from '../../shared/domain/model';
import { buildApp } from '../http/app';
import { messageArgs, receiveArgs } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { messagingHarness, seedMailBuilding, TestClock, type MessagingHarness } from '../testing/messaging';
import { SmtpSink } from '../testing/smtpSink';

const B = 'b';
const HOUR = 3_600_000;

for (const target of testDatabaseTargets()) {
  describe(`the resident page on ${target.dialect}`, () => {
    let database: TestDatabase;
    let sink: SmtpSink;
    let clock: TestClock;
    let harness: MessagingHarness;
    let desk: TestDesk;
    let app: FastifyInstance;

    beforeEach(async () => {
      database = await target.create();
      await seedMailBuilding(database.db, B);
      sink = await SmtpSink.start();
      clock = new TestClock(new Date('2026-03-01T15:00:30.000Z'));
      harness = messagingHarness(database.db, clock, sink);
      desk = await TestDesk.enroll(database.db, B, `${B}-desk`, `${B}-s1`);
      app = await buildApp({ db: database.db, pokes: harness.pokes, messaging: harness.service, now: clock.now });
    });
    afterEach(async () => {
      await app.close();
      await harness.service.stop();
      await sink.stop();
      await database.dispose();
    });

    const push = (...mutations: ReturnType<TestDesk['mutation']>[]) => desk.push(mutations, harness.pushOptions);

    /** Sends a message to r1 (Spanish) and returns the path of the link in the e-mail. */
    async function linkFromMail(messageId = 'msg1', threadId = 't1', newThread = true): Promise<string> {
      const before = sink.mails.length;
      await push(desk.mutation('sendMessage', messageArgs(B, messageId, threadId, newThread ? {} : { newThread: null })));
      await harness.service.worker.drain();
      const mails = await sink.waitFor(before + 1);
      const mail = mails[mails.length - 1];
      if (!mail) throw new Error('no mail');
      return new URL(SmtpSink.linkIn(mail)).pathname;
    }

    async function signIn(round = 1): Promise<{ cookie: string; form: string }> {
      const path = await linkFromMail(`msg${round}`, 't1', round === 1);
      const opened = await app.inject({ method: 'POST', url: path });
      expect(opened.statusCode).toBe(303);
      const cookie = String(opened.headers['set-cookie']).split(';')[0] ?? '';
      const home = await app.inject({ method: 'GET', url: '/r/', headers: { cookie } });
      return { cookie, form: formToken(home) };
    }

    function formToken(response: LightMyRequestResponse): string {
      const found = /name="form" value="([^"]+)"/.exec(response.body);
      if (!found?.[1]) throw new Error('no form token on the page');
      return found[1];
    }

    const post = (url: string, cookie: string, fields: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

    it('opens only through the e-mailed link, once; the link page uses no scripts and a strict CSP', async () => {
      const path = await linkFromMail();
      const landing = await app.inject({ method: 'GET', url: path });
      expect(landing.statusCode).toBe(200);
      expect(landing.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
      expect(landing.headers['referrer-policy']).toBe('no-referrer');
      expect(landing.body).toContain('<html lang="es">');
      expect(landing.body).toContain('Abrir mi página');
      expect(landing.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);

      const opened = await app.inject({ method: 'POST', url: path });
      expect(opened.statusCode).toBe(303);
      expect(opened.headers.location).toBe('/r/');
      expect(String(opened.headers['set-cookie'])).toMatch(/^conserje_resident=[A-Za-z0-9_-]{43}; Path=\/r; HttpOnly; SameSite=Lax; Max-Age=43200$/);

      const again = await app.inject({ method: 'POST', url: path });
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('Este enlace ya se usó');
      expect(again.body).toContain(`action="/r/renew/`);
      const bogus = await app.inject({ method: 'GET', url: '/r/l/not-a-real-token', headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
      expect(bogus.statusCode).toBe(410);
      expect(bogus.body).toContain('Ce lien n’est pas valide');
      const overlong = await app.inject({ method: 'GET', url: `/r/l/${'x'.repeat(99)}` });
      expect(overlong.statusCode).toBe(410);
      expect(overlong.headers['content-security-policy']).toContain("default-src 'none'");
      const anonymous = await app.inject({ method: 'GET', url: '/r/' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('shows waiting packages and threads in the resident’s language; a reply reaches the desks with an unread count and a poke', async () => {
      await push(desk.mutation('receivePackage', receiveArgs(B, 'p1')), desk.mutation('receivePackage', receiveArgs(B, 'p2', { size: 'medium' })));
      const { cookie, form } = await signIn();
      const home = await app.inject({ method: 'GET', url: '/r/', headers: { cookie } });
      expect(home.body).toContain('Hola, José');
      expect(home.body).toContain('Le espera en recepción');
      expect(home.body).toContain('Paquete · <span class="muted">desde el');
      // The size, when the desk noted it, in José's own measurement system.
      expect(home.body).toContain('Paquete · Mediano (hasta 45 × 35 × 20 cm) · <span class="muted">desde el');
      expect(home.body).toContain('href="/r/t/t1">Your parcel</a>');
      expect(home.body).toContain('name="viewport" content="width=device-width, initial-scale=1"');

      const thread = await app.inject({ method: 'GET', url: '/r/t/t1', headers: { cookie } });
      expect(thread.body).toContain('Hello José, a parcel is waiting for you.');

      let poked = 0;
      harness.pokes.subscribe(B, () => (poked += 1));
      clock.advance(60_000);
      const replied = await post('/r/t/t1', cookie, { form, body: '  Gracias, paso esta noche.  ' });
      expect(replied.statusCode).toBe(303);
      expect(replied.headers.location).toBe('/r/t/t1?sent=1');
      expect(poked).toBe(1);
      await desk.pullAll();
      expect(desk.row('threads', 't1')).toMatchObject<Partial<MessageThread>>({ unread: 1, lastInboundAt: clock.now().toISOString() });
      const inbound = [...desk.rows.values()].filter((row): row is Message => (row as Message).direction === 'inbound');
      expect(inbound).toMatchObject([{ threadId: 't1', residentId: `${B}-r1`, body: 'Gracias, paso esta noche.', staffId: null }]);
      const shown = await app.inject({ method: 'GET', url: '/r/t/t1?sent=1', headers: { cookie } });
      expect(shown.body).toContain('Enviado. Recepción ya lo ve.');
      expect(shown.body).toContain('Gracias, paso esta noche.');

      // The desk reads it: the count goes back to zero on every desk.
      await push(desk.mutation('markThreadRead', { threadId: 't1', upTo: clock.now().toISOString() }));
      await desk.pullAll();
      expect(desk.row('threads', 't1')).toMatchObject({ unread: 0 });
    });

    it('refuses empty and oversized messages with the reason and keeps the text; stale forms and other residents’ threads are refused', async () => {
      const { cookie, form } = await signIn();
      const empty = await post('/r/t/t1', cookie, { form, body: '   ' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Su mensaje está vacío');
      const long = 'x'.repeat(4001);
      const tooLong = await post('/r/t/t1', cookie, { form, body: long });
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.body).toContain('Su mensaje es demasiado largo (4001 caracteres; como máximo 4000)');
      expect(tooLong.body).toContain(long);
      const stale = await post('/r/t/t1', cookie, { form: 'x'.repeat(43), body: 'Hola' });
      expect(stale.statusCode).toBe(403);

      await push(desk.mutation('sendMessage', messageArgs(B, 'msg9', 't9', { newThread: { to: { kind: 'resident', residentId: `${B}-r2` }, subject: 'Private' } })));
      expect((await app.inject({ method: 'GET', url: '/r/t/t9', headers: { cookie } })).statusCode).toBe(404);
      expect((await post('/r/t/t9', cookie, { form, body: 'Hola' })).statusCode).toBe(404);
      await desk.pullAll();
      expect([...desk.rows.values()].filter((row) => (row as Message).direction === 'inbound')).toEqual([]);
    });

    it('a new message to the desk starts a thread; a reply to a broadcast goes to the resident’s own thread', async () => {
      const { cookie, form } = await signIn();
      const created = await post('/r/new', cookie, { form, subject: '', body: '¿Puede recoger mi vecina el paquete?' });
      expect(created.statusCode).toBe(303);
      await desk.pullAll();
      const started = [...desk.rows.values()].find((row): row is MessageThread => (row as MessageThread).kind === 'resident' && (row as MessageThread).createdBy === null);
      expect(started).toMatchObject({ subject: 'Mensaje de un residente', residentId: `${B}-r1`, unread: 1 });

      await push(desk.mutation('broadcast', { messageId: 'bm1', threadId: 'bt1', scope: 'units', floors: [], unitIds: [`${B}-u1`, `${B}-u2`], subject: 'Lift', body: 'The lift stops on Tuesday.', templateId: null, confirmedRecipients: 4 }, { staffId: `${B}-s2` }));
      await harness.service.worker.drain();
      const home = await app.inject({ method: 'GET', url: '/r/', headers: { cookie } });
      expect(home.body).toContain('href="/r/t/bt1">Lift</a>');
      const reply = await post('/r/t/bt1', cookie, { form, body: 'OK, gracias.' });
      expect(reply.statusCode).toBe(303);
      await desk.pullAll();
      const own = [...desk.rows.values()].find((row): row is MessageThread => (row as MessageThread).subject === 'Re: Lift');
      expect(own).toMatchObject({ kind: 'resident', residentId: `${B}-r1`, unread: 1 });
      expect(desk.row('threads', 'bt1')).toMatchObject({ unread: 0 });
    });

    it('an expired link offers a new one, sent to the address on file, at most every ten minutes', async () => {
      const path = await linkFromMail();
      clock.advance(73 * HOUR);
      const landing = await app.inject({ method: 'GET', url: path });
      expect(landing.statusCode).toBe(410);
      expect(landing.body).toContain('Este enlace ha caducado');
      const token = path.split('/').pop() ?? '';
      const renewed = await app.inject({ method: 'POST', url: `/r/renew/${token}` });
      expect(renewed.body).toContain('Un enlace nuevo va de camino a su dirección de correo.');
      await harness.service.worker.drain();
      const mails = await sink.waitFor(2);
      expect(mails[1]).toMatchObject({ subject: 'Building b: su enlace a su página', recipients: [`${B}-jose@example.org`] });
      const second = mails[1];
      if (!second) throw new Error('no second mail');
      const fresh = new URL(SmtpSink.linkIn(second)).pathname;
      expect((await app.inject({ method: 'POST', url: fresh })).statusCode).toBe(303);
      const tooSoon = await app.inject({ method: 'POST', url: `/r/renew/${token}` });
      expect(tooSoon.body).toContain('Se envió un enlace nuevo hace unos minutos');
    });

    it('the resident can stop e-mails from the page; the session ends after its hours and on sign-out', async () => {
      const { cookie, form } = await signIn();
      const stopped = await post('/r/email', cookie, { form, optOut: '1' });
      expect(stopped.statusCode).toBe(303);
      await desk.pullAll();
      expect((desk.row('residents', `${B}-r1`) as Resident).emailOptOut).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/r/', headers: { cookie } })).body).toContain('Volver a recibir correos');

      const signedOut = await post('/r/signout', cookie, { form });
      expect(signedOut.body).toContain('Ha cerrado la sesión');
      expect((await app.inject({ method: 'GET', url: '/r/', headers: { cookie } })).statusCode).toBe(401);

      await post('/r/email', cookie, { form, optOut: '0' });
      await push(desk.mutation('setResidentMessaging', { residentId: `${B}-r1`, emailOptOut: false, vacationHoldUntil: null, clearBounce: false }));
      const second = await signIn(2);
      clock.advance(13 * HOUR);
      expect((await app.inject({ method: 'GET', url: '/r/', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    });
  });
}
