import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/messaging';
import type { Resident } from '../../shared/domain/model';
import { partyBooking, partyRoom, messageArgs, receiveArgs, templateArgs } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { messagingHarness, seedMailBuilding, TestClock, type MessagingHarness } from '../testing/messaging';
import { SmtpSink } from '../testing/smtpSink';
import { BuildingRows } from '../sync/buildingRows';
import { inBuildingTransaction } from '../sync/buildingTransaction';
import { claimDueDeliveries } from './outbox';

const B = 'b';
const JOSE = `${B}-jose@example.org`;
const ANA = `${B}-ana@example.org`;
const LUIS = `${B}-luis@example.org`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const target of testDatabaseTargets()) {
  describe(`resident e-mail through a real SMTP server, on ${target.dialect}`, () => {
    let database: TestDatabase;
    let sink: SmtpSink;
    let clock: TestClock;
    let harness: MessagingHarness;
    let desk: TestDesk;

    beforeEach(async () => {
      database = await target.create();
      await seedMailBuilding(database.db, B);
      sink = await SmtpSink.start();
      clock = new TestClock(new Date('2026-03-01T15:00:30.000Z'));
      harness = messagingHarness(database.db, clock, sink);
      desk = await TestDesk.enroll(database.db, B, `${B}-desk`, `${B}-s1`);
    });
    afterEach(async () => {
      await harness.service.stop();
      await sink.stop();
      await database.dispose();
    });

    const push = (...mutations: ReturnType<TestDesk['mutation']>[]) => desk.push(mutations, harness.pushOptions);
    const drain = () => harness.service.worker.drain();
    const asManager = { staffId: `${B}-s2` };
    async function messageOnDesk(id: string): Promise<Message> {
      await desk.pullAll();
      return desk.row('messages', id) as Message;
    }
    async function outboxRows() {
      return database.db.kysely.selectFrom('delivery_outbox').selectAll().orderBy('id').execute();
    }

    it('sends a message to a resident in their language with a one-time link; desks see it accepted, then sent', async () => {
      const result = await push(desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1')));
      expect(result.results[0]?.status).toBe('applied');
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ recipients: 1, queued: 1, sent: 0 });

      await drain();
      const [mail] = await sink.waitFor(1);
      expect(sink.mails).toHaveLength(1);
      expect(mail?.recipients).toEqual([JOSE]);
      expect(mail?.from).toContain('desk@building.example');
      expect(mail?.subject).toBe('Your parcel');
      expect(mail?.headers.get('content-language')).toBe('es');
      expect(mail?.text).toContain('Hello José, a parcel is waiting for you.');
      expect(mail?.text).toContain('Lea y responda en su página: http://127.0.0.1:8787/r/l/');
      expect(mail?.text).toContain('Enviado por la recepción de Building b');
      expect(mail?.html).toContain('<a href="http://127.0.0.1:8787/r/l/');
      if (!mail) throw new Error('no mail');
      expect(SmtpSink.linkIn(mail)).toMatch(/\/r\/l\/[A-Za-z0-9_-]{43}$/);
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ recipients: 1, queued: 0, sent: 1, failed: 0, skipped: 0, problems: [] });
      const log = await database.db.kysely.selectFrom('delivery_log').selectAll().execute();
      expect(log).toMatchObject([{ outcome: 'sent', attempt: 1 }]);
      expect(harness.logs.join('\n')).not.toMatch(/@|José|parcel/);
    });

    it('reaches every resident of a unit in their own language; a template falls back to the building language', async () => {
      await push(
        desk.mutation('upsertTemplate', templateArgs('tpl-water', { subject: { en: 'Water', fr: 'Eau' }, body: { en: 'Hello {{residentName}}, water is off in {{unit}}.', fr: 'Bonjour {{residentName}}, l’eau est coupée au {{unit}}.' } }), asManager),
        desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1', { newThread: { to: { kind: 'unit', unitId: `${B}-u1` }, subject: 'Water' }, body: null, templateId: 'tpl-water' })),
      );
      await drain();
      await sink.waitFor(2);
      const byRecipient = new Map(sink.mails.map((mail) => [mail.recipients[0], mail]));
      expect([...byRecipient.keys()].sort()).toEqual([JOSE, LUIS].sort());
      expect(byRecipient.get(JOSE)).toMatchObject({ subject: 'Water' });
      expect(byRecipient.get(JOSE)?.text).toContain('Hello José, water is off in 12B.');
      expect(byRecipient.get(JOSE)?.text).toContain('Lea y responda');
      expect(byRecipient.get(LUIS)).toMatchObject({ subject: 'Eau' });
      expect(byRecipient.get(LUIS)?.text).toContain('Bonjour Luis, l’eau est coupée au 12B.');
      expect(byRecipient.get(LUIS)?.text).toContain('Lisez et répondez sur votre page\u00a0:');
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ recipients: 3, sent: 2, skipped: 1, problemCounts: { noEmail: 1 }, problems: [{ residentId: `${B}-r4`, code: 'noEmail', smtpCode: null }] });
    });

    it('broadcasts to the confirmed units, one e-mail per resident, respecting opt-outs and residents without e-mail', async () => {
      await push(desk.mutation('setResidentMessaging', { residentId: `${B}-r3`, emailOptOut: true, vacationHoldUntil: null, clearBounce: false }));
      await push(
        desk.mutation(
          'broadcast',
          { messageId: 'bm1', threadId: 'bt1', scope: 'building', floors: [], unitIds: [`${B}-u1`, `${B}-u2`], subject: 'Lift maintenance', body: 'The lift stops on Tuesday, {{residentName}}.', templateId: null, confirmedRecipients: 4 },
          asManager,
        ),
      );
      await drain();
      await sink.waitFor(2);
      expect(sink.mails.map((mail) => mail.recipients[0]).sort()).toEqual([ANA, JOSE].sort());
      expect(sink.mails.find((mail) => mail.recipients[0] === ANA)?.text).toContain('The lift stops on Tuesday, Ana.');
      const delivery = (await messageOnDesk('bm1')).delivery;
      expect(delivery).toMatchObject({ recipients: 4, sent: 2, skipped: 2, problemCounts: { noEmail: 1, optedOut: 1 } });
      expect(delivery?.problems.map((problem) => problem.code).sort()).toEqual(['noEmail', 'optedOut']);
    });

    it('a refused address (550) fails at once, marks the resident bounced, and later messages skip it until the address changes', async () => {
      sink.refuse(JOSE, 550);
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1')));
      await drain();
      expect(sink.mails).toHaveLength(0);
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ failed: 1, problems: [{ residentId: `${B}-r1`, code: 'refused', smtpCode: 550 }] });
      expect((desk.row('residents', `${B}-r1`) as Resident).emailBounce).toMatchObject({ smtpCode: 550 });
      clock.advance(HOUR);
      await drain();
      expect((await outboxRows()).map((row) => [row.status, row.attempts])).toEqual([['failed', 1]]);

      await push(desk.mutation('sendMessage', messageArgs(B, 'msg2', 't1', { newThread: null })));
      expect((await messageOnDesk('msg2')).delivery).toMatchObject({ skipped: 1, problems: [{ code: 'bounced' }] });

      sink.refusals.clear();
      const resident = desk.row('residents', `${B}-r1`) as Resident;
      const { id: residentId, emailBounce: _bounce, ...fields } = resident;
      await push(desk.mutation('upsertResident', { residentId, ...fields, email: `${B}-jose.new@example.org` }, asManager));
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg3', 't1', { newThread: null })));
      await drain();
      await sink.waitFor(1);
      expect(sink.mails[0]?.recipients).toEqual([`${B}-jose.new@example.org`]);
    });

    it('retries with backoff while the mail server is down or defers, sends once when it answers, and gives up after the last attempt', async () => {
      const port = sink.port;
      await sink.stop();
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1')));
      await drain();
      expect((await outboxRows()).map((row) => [row.status, row.attempts, row.code])).toEqual([['queued', 1, 'connection']]);
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ queued: 1, retrying: 1, retryReason: 'connection' });
      await drain(); // not due yet: no second attempt
      expect((await outboxRows())[0]?.attempts).toBe(1);

      await sink.listen(port);
      clock.advance(30_000);
      await drain();
      await sink.waitFor(1);
      clock.advance(HOUR);
      await drain();
      expect(sink.mails).toHaveLength(1);
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ sent: 1, queued: 0, retrying: 0 });

      sink.refuse(ANA, 451);
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg2', 't2', { newThread: { to: { kind: 'resident', residentId: `${B}-r2` }, subject: 'Hi' } })));
      for (let attempt = 1; attempt <= 4; attempt++) {
        await drain();
        clock.advance(HOUR);
      }
      const deferred = (await outboxRows()).find((row) => row.message_id === 'msg2');
      expect(deferred).toMatchObject({ status: 'failed', attempts: 4, code: 'gaveUp', smtp_code: 451 });
      expect((await messageOnDesk('msg2')).delivery).toMatchObject({ failed: 1, problems: [{ code: 'gaveUp', smtpCode: 451 }] });
      expect(sink.mails).toHaveLength(1);
      expect(harness.logs.join('\n')).not.toContain('@');
    });

    it('does not resend after a restart, and never resends an e-mail a stopped worker may have handed over', async () => {
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1')));
      await drain();
      await sink.waitFor(1);
      await harness.service.stop();

      harness = messagingHarness(database.db, clock, sink, {}, 5 * MINUTE);
      harness.service.start();
      await drain();
      expect(sink.mails).toHaveLength(1);

      // A worker claimed this e-mail and died before recording what happened.
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg2', 't2', { newThread: { to: { kind: 'resident', residentId: `${B}-r2` }, subject: 'Hi' } })));
      await harness.service.stop();
      const claimed = await claimDueDeliveries(database.db, { now: clock.now().toISOString(), limit: 10 });
      expect(claimed.map((delivery) => delivery.messageId)).toEqual(['msg2']);

      harness = messagingHarness(database.db, clock, sink, {}, 5 * MINUTE);
      await drain();
      expect((await outboxRows()).find((row) => row.message_id === 'msg2')?.status).toBe('sending');
      clock.advance(6 * MINUTE);
      await drain();
      expect((await outboxRows()).find((row) => row.message_id === 'msg2')).toMatchObject({ status: 'failed', code: 'interrupted' });
      expect((await messageOnDesk('msg2')).delivery).toMatchObject({ failed: 1, problems: [{ code: 'interrupted' }] });
      clock.advance(HOUR);
      await drain();
      expect(sink.mails).toHaveLength(1);
    });

    it('announces package arrivals once per resident per batch, counting what waits when it goes out', async () => {
      await push(desk.mutation('receivePackage', receiveArgs(B, 'p1')), desk.mutation('receivePackage', receiveArgs(B, 'p2')), desk.mutation('receivePackage', receiveArgs(B, 'p3', { residentId: `${B}-r2` })));
      await drain();
      expect(sink.mails).toHaveLength(0); // the batch window is still open
      clock.advance(MINUTE);
      await push(desk.mutation('receivePackage', receiveArgs(B, 'p4')));
      clock.advance(MINUTE + 1_000);
      await drain();
      await sink.waitFor(2);
      const jose = sink.mails.find((mail) => mail.recipients[0] === JOSE);
      expect(jose?.subject).toBe('Building b: tiene paquetes esperándole');
      expect(jose?.text).toContain('Paquetes esperándole en recepción: 3');
      expect(jose?.headers.get('auto-submitted')).toBe('auto-generated');
      expect(sink.mails.find((mail) => mail.recipients[0] === ANA)?.text).toContain('Packages waiting for you at the front desk: 1');

      // Collected before the notice went out: nothing to announce.
      await push(desk.mutation('receivePackage', receiveArgs(B, 'p5', { residentId: `${B}-r3` })));
      await push(desk.mutation('releasePackage', { packageId: 'p5', to: { kind: 'resident', residentId: `${B}-r3` }, signature: null }));
      clock.advance(3 * MINUTE);
      await drain();
      expect(sink.mails).toHaveLength(2);
      expect((await outboxRows()).find((row) => row.resident_id === `${B}-r3`)).toMatchObject({ status: 'skipped', code: 'noLongerNeeded' });
    });

    it('reminds of uncollected packages at the configured ages, once per level, paused by a vacation hold', async () => {
      await push(desk.mutation('receivePackage', receiveArgs(B, 'p1')), desk.mutation('receivePackage', receiveArgs(B, 'p2', { residentId: `${B}-r2` })));
      await push(desk.mutation('setResidentMessaging', { residentId: `${B}-r2`, emailOptOut: false, vacationHoldUntil: '2026-03-15', clearBounce: false }));
      clock.advance(3 * MINUTE);
      await drain();
      expect(sink.mails).toHaveLength(2); // the arrival notices (a hold pauses reminders only)

      clock.advance(46 * HOUR);
      await drain();
      expect(sink.mails).toHaveLength(2);
      clock.advance(2 * HOUR); // 48 h after arrival
      await drain();
      await sink.waitFor(3);
      expect(sink.mails[2]?.recipients).toEqual([JOSE]);
      expect(sink.mails[2]?.subject).toBe('Building b: sus paquetes siguen esperando');
      expect(sink.mails[2]?.text).toContain('el más antiguo desde el');
      clock.advance(2 * MINUTE);
      await drain();
      expect(sink.mails).toHaveLength(3);

      clock.advance(14 * 24 * HOUR); // past the hold and past 168 h: one reminder each, at the highest level
      await drain();
      await sink.waitFor(5);
      clock.advance(2 * MINUTE);
      await drain();
      expect(sink.mails.slice(3).map((mail) => mail.recipients[0]).sort()).toEqual([ANA, JOSE].sort());
      expect((await outboxRows()).filter((row) => row.kind === 'packageReminder').map((row) => row.id).sort()).toEqual([`rm-${B}-r1-L0-p1`, `rm-${B}-r1-L1-p1`, `rm-${B}-r2-L1-p2`]);
    });

    it('a push sent again (its answer was lost, the desk was offline) sends one e-mail, not two', async () => {
      const message = desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1'));
      await push(message);
      expect((await push(message)).results[0]?.status).toBe('duplicate');
      await drain();
      await sink.waitFor(1);
      clock.advance(HOUR);
      await drain();
      expect(sink.mails).toHaveLength(1);
      expect(await outboxRows()).toHaveLength(1);
    });

    it('a building’s own wording of a notice replaces the built-in one, per language', async () => {
      await push(
        desk.mutation(
          'upsertTemplate',
          templateArgs('notice-packageReceived', { purpose: 'packageReceived', subject: { en: 'Parcels for {{unit}}', es: 'Paquetes para {{unit}}' }, body: { en: '{{packageCount}} parcels, {{residentName}}.', es: '{{residentName}}: {{packageCount}} paquete(s) desde el {{date}}.' } }),
          asManager,
        ),
      );
      await push(desk.mutation('receivePackage', receiveArgs(B, 'p1')), desk.mutation('receivePackage', receiveArgs(B, 'p2', { residentId: `${B}-r3` })));
      clock.advance(3 * MINUTE);
      await drain();
      await sink.waitFor(2);
      const jose = sink.mails.find((mail) => mail.recipients[0] === JOSE);
      expect(jose?.subject).toBe('Paquetes para 12B');
      expect(jose?.text).toMatch(/^José: 1 paquete\(s\) desde el /);
      // Luis reads French, which the building did not write: its default language (English).
      expect(sink.mails.find((mail) => mail.recipients[0] === LUIS)).toMatchObject({ subject: 'Parcels for 12B' });
    });

    it('tells each resident the largest waiting package’s size in their own measurement system', async () => {
      await push(
        desk.mutation(
          'upsertTemplate',
          templateArgs('notice-packageReceived', { purpose: 'packageReceived', subject: { en: 'Parcels for {{unit}}', es: 'Paquetes para {{unit}}' }, body: { en: 'The largest: {{largestPackage}}.', es: 'El más grande: {{largestPackage}}.' } }),
          asManager,
        ),
      );
      await push(
        desk.mutation('receivePackage', receiveArgs(B, 'p1', { size: 'small' })),
        desk.mutation('receivePackage', receiveArgs(B, 'p2', { size: 'large' })),
        desk.mutation('receivePackage', receiveArgs(B, 'p3', { residentId: `${B}-r2`, unitId: `${B}-u2`, size: 'oversized' })),
      );
      clock.advance(3 * MINUTE);
      await drain();
      await sink.waitFor(2);
      // José reads Spanish in metric, Ana English in imperial.
      expect(sink.mails.find((mail) => mail.recipients[0] === JOSE)?.text).toMatch(/^El más grande: Grande \(hasta 75 × 50 × 50 cm\)\./);
      expect(sink.mails.find((mail) => mail.recipients[0] === ANA)?.text).toMatch(/^The largest: Oversized \(larger than 30 × 20 × 20 in\)\./);
    });

    it('booking events plug into the notice hook by event type, in the resident’s language', async () => {
      const booking = partyBooking(B, 'bk1', '2026-03-05T23:00:00.000Z', '2026-03-06T01:30:00.000Z');
      await inBuildingTransaction(database.db, B, async (trx, building) => {
        const rows = new BuildingRows(trx, B, building.clock);
        await rows.put('amenities', partyRoom(B));
        await rows.put('bookings', booking);
        const context = { mutationId: 'mb1', staffId: `${B}-s2`, staffRole: 'manager' as const, deskId: `${B}-desk`, at: '2026-03-01T15:00:00.000Z' };
        const event = (type: string, residentId: string, data: Record<string, string>) => ({ id: `mb1-e${type.length}`, type, at: context.at, staffId: context.staffId, deskId: context.deskId, mutationId: 'mb1', packageId: null, unitId: `${B}-u1`, residentId, data });
        await harness.service.afterApply({
          trx,
          rows,
          context,
          mutation: { id: 'mb1', seq: 1, name: 'sendMessage', args: {}, staffId: context.staffId, at: context.at },
          writes: [
            { table: 'bookings', row: booking },
            { table: 'events', row: event('booking.confirmed', `${B}-r1`, {}) },
            { table: 'events', row: event('booking.offeredFromWaitlist', `${B}-r1`, { bookingId: 'bk1' }) },
          ],
        });
      });
      await drain();
      await sink.waitFor(2);
      const subjects = sink.mails.map((mail) => mail.subject).sort();
      expect(subjects).toEqual(['Building b: reserva confirmada', 'Building b: se liberó una plaza para usted']);
      expect(sink.mails[0]?.text).toContain('Salón de fiestas');
      expect(sink.mails.every((mail) => mail.recipients[0] === JOSE)).toBe(true);
    });

    it('without a mail server, messages are recorded and their e-mails marked not configured; no notices pile up', async () => {
      await harness.service.stop();
      harness = messagingHarness(database.db, clock, null);
      await push(desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1')), desk.mutation('receivePackage', receiveArgs(B, 'p1')));
      expect((await messageOnDesk('msg1')).delivery).toMatchObject({ recipients: 1, failed: 1, problems: [{ code: 'notConfigured' }] });
      expect((await outboxRows()).map((row) => row.kind)).toEqual(['message']);
    });

    it('a failing notice hook never blocks the desk’s queue: the mutation stays applied', async () => {
      const errors: unknown[] = [];
      const result = await desk.push([desk.mutation('sendMessage', messageArgs(B, 'msg1', 't1'))], {
        afterApply: async (applied) => {
          await applied.rows.put('units', { id: `${B}-u9`, label: '9Z', floor: 9 });
          throw new Error('boom');
        },
        onAfterApplyError: (error) => errors.push(error),
      });
      expect(result.results[0]?.status).toBe('applied');
      expect(errors).toHaveLength(1);
      await desk.pullAll();
      expect(desk.row('messages', 'msg1')).toBeDefined();
      expect(desk.row('units', `${B}-u9`)).toBeUndefined();
    });
  });
}
