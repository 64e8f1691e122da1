import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createPinVerifier } from '../../shared/auth/pin';
import { DATA_SCHEMA_VERSION, PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import { issueEnrollmentCode } from '../identity/enrollment';
import { createLocalPokeHub } from '../realtime/pokes';
import { seedBuilding } from '../sync';
import { receiveArgs, releaseArgs, tinyBuilding } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { buildApp } from './app';

for (const target of testDatabaseTargets()) {
  describe(`central service HTTP API on ${target.dialect}`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    const pokes = createLocalPokeHub();

    beforeAll(async () => {
      database = await target.create();
      for (const buildingId of ['hb1', 'hb2']) {
        const seed = tinyBuilding(buildingId);
        const pin = await createPinVerifier('2468', 10_000);
        await seedBuilding(database.db, { ...seed, staff: seed.staff.map((staff) => ({ ...staff, pin })) });
      }
      app = await buildApp({ db: database.db, pokes });
    });
    afterAll(async () => {
      await app?.close();
      await database?.dispose();
    });

    async function enroll(buildingId = 'hb1'): Promise<{ deskId: string; credential: string }> {
      const { code } = await issueEnrollmentCode(database.db, { buildingId, createdBy: `${buildingId}-s2` });
      const response = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deskName: 'Lobby' } });
      expect(response.statusCode).toBe(200);
      return response.json<{ deskId: string; credential: string }>();
    }

    const pushBody = (deskId: string, mutations: unknown[]) => ({ protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId, mutations });
    const mutation = (seq: number, name: string, args: unknown, staffId = 'hb1-s1') => ({ id: crypto.randomUUID(), seq, name, args, staffId, at: new Date().toISOString() });
    const post = (url: string, credential: string | null, payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: { ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...headers } });

    it('answers /health with the database it reached', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.json()).toMatchObject({ status: 'ok', database: target.dialect });
    });

    it('enrolls a desk with a one-time code, and refuses the code the second time', async () => {
      const { code } = await issueEnrollmentCode(database.db, { buildingId: 'hb1', createdBy: 'hb1-s2' });
      const first = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code: code.toLowerCase(), deskName: 'Lobby' } });
      expect(first.json()).toMatchObject({ buildingId: 'hb1', buildingName: 'Building hb1' });
      const again = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deskName: 'Lobby' } });
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ error: 'enrollmentCodeInvalid' });
    });

    it('refuses an expired code', async () => {
      const { code } = await issueEnrollmentCode(database.db, { buildingId: 'hb1', createdBy: 'hb1-s2', now: new Date(Date.now() - 48 * 3_600_000) });
      const response = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deskName: 'Lobby' } });
      expect(response.json()).toMatchObject({ error: 'enrollmentCodeInvalid' });
    });

    it('pushes, pulls and deduplicates through HTTP', async () => {
      const desk = await enroll();
      const receive = mutation(1, 'receivePackage', receiveArgs('hb1', 'hb1-p-http'));
      const pushed = await post('/api/sync/push', desk.credential, pushBody(desk.deskId, [receive]));
      expect(pushed.statusCode).toBe(200);
      expect(pushed.json<PushResponse>().results).toEqual([{ id: receive.id, seq: 1, status: 'applied' }]);
      const again = await post('/api/sync/push', desk.credential, pushBody(desk.deskId, [receive]));
      expect(again.json<PushResponse>().results[0]?.status).toBe('duplicate');
      const pulled = await post('/api/sync/pull', desk.credential, { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: desk.deskId, cursor: 0 });
      const body = pulled.json<PullResponse>();
      expect(body.lastProcessedSeq).toBe(1);
      expect(body.changes.filter((change) => change.table === 'packages').map((change) => change.id)).toContain('hb1-p-http');
    });

    it('turns a business-rule violation into a rejection and keeps the queue moving', async () => {
      const desk = await enroll();
      const results = await post('/api/sync/push', desk.credential, pushBody(desk.deskId, [
        mutation(1, 'receivePackage', receiveArgs('hb1', 'hb1-p-twice')),
        mutation(2, 'releasePackage', releaseArgs('hb1', 'hb1-p-twice')),
        mutation(3, 'releasePackage', releaseArgs('hb1', 'hb1-p-twice')),
        mutation(4, 'receivePackage', receiveArgs('hb1', 'hb1-p-after', { shortCode: 'AFT3R1', trackingNumber: null })),
      ]));
      expect(results.json<PushResponse>().results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual(['applied', 'applied', 'packageNotWaiting', 'applied']);
    });

    it('never sees another building, whatever the request says', async () => {
      const deskA = await enroll('hb1');
      const deskB = await enroll('hb2');
      const crossed = await post('/api/sync/push', deskA.credential, pushBody(deskB.deskId, [mutation(1, 'receivePackage', receiveArgs('hb2', 'hb2-p-x'))]));
      expect(crossed.statusCode).toBe(400);
      const foreignResident = await post('/api/sync/push', deskA.credential, pushBody(deskA.deskId, [mutation(1, 'receivePackage', receiveArgs('hb2', 'hb1-p-foreign'))]));
      expect(foreignResident.json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', code: 'recipientUnknown' });
      const pulled = await post('/api/sync/pull', deskB.credential, { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: deskB.deskId, cursor: 0, limit: 1000 });
      expect(pulled.json<PullResponse>().changes.every((change) => !change.id.startsWith('hb1'))).toBe(true);
    });

    it.each([
      ['no credential', null, {}, 401, 'unauthenticated'],
      ['a forged credential', `desk-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'A'.repeat(43)}`, {}, 401, 'unauthenticated'],
      ['an outdated protocol header', 'valid', { 'x-conserje-protocol': '0' }, 426, 'protocolOutdated'],
    ])('refuses a push with %s', async (_label, credential, headers, status, code) => {
      const desk = await enroll();
      const response = await post('/api/sync/push', credential === 'valid' ? desk.credential : credential, pushBody(desk.deskId, [mutation(1, 'recordSignIn', { method: 'pin' })]), headers);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error: code, message: expect.any(String) });
    });

    it('answers bad bodies with 4xx codes and changes nothing', async () => {
      const desk = await enroll();
      const cases: Array<[unknown, number, string]> = [
        [{ ...pushBody(desk.deskId, [mutation(1, 'dropTables', {})]) }, 400, 'malformedRequest'],
        [{ ...pushBody(desk.deskId, []) }, 400, 'malformedRequest'],
        [{ ...pushBody(desk.deskId, [mutation(1, 'recordSignIn', { method: 'pin' })]), protocolVersion: 99 }, 426, 'protocolOutdated'],
        [{ ...pushBody(desk.deskId, [mutation(1, 'recordSignIn', { method: 'pin' })]), schemaVersion: 0 }, 426, 'schemaOutdated'],
        [{ ...pushBody(desk.deskId, [mutation(5, 'recordSignIn', { method: 'pin' })]) }, 409, 'sequenceGap'],
        [{ ...pushBody(desk.deskId, [{ ...mutation(1, 'recordSignIn', { method: 'pin' }), args: 'x'.repeat(1_100_000) }]) }, 413, 'bodyTooLarge'],
      ];
      for (const [payload, status, code] of cases) {
        const response = await post('/api/sync/push', desk.credential, payload);
        expect(response.statusCode, code).toBe(status);
        expect(response.json()).toMatchObject({ error: code });
      }
      const garbage = await app.inject({ method: 'POST', url: '/api/sync/push', payload: '{not json', headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.credential}` } });
      expect(garbage.statusCode).toBe(400);
      const pulled = await post('/api/sync/pull', desk.credential, { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: desk.deskId, cursor: 0 });
      expect(pulled.json<PullResponse>().lastProcessedSeq).toBe(0);
    });

    it('stops a revoked desk at once', async () => {
      const desk = await enroll();
      await database.db.kysely.updateTable('desks').set({ revoked_at: new Date().toISOString() }).where('id', '=', desk.deskId).execute();
      const response = await post('/api/sync/pull', desk.credential, { protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION, deskId: desk.deskId, cursor: 0 });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'deviceRevoked' });
    });

    it('checks PINs online and lets only managers issue enrollment codes', async () => {
      const desk = await enroll();
      expect((await post('/api/staff/verify-pin', desk.credential, { staffId: 'hb1-s1', pin: '2468' })).json()).toEqual({ ok: true, role: 'doorperson', lockedForSeconds: 0 });
      expect((await post('/api/staff/verify-pin', desk.credential, { staffId: 'hb1-s1', pin: '0000' })).json()).toEqual({ ok: false, role: null, lockedForSeconds: 0 });
      expect((await post('/api/staff/verify-pin', desk.credential, { staffId: 'hb1-s3', pin: '2468' })).json()).toEqual({ ok: false, role: null, lockedForSeconds: 0 });
      expect((await post('/api/staff/verify-pin', desk.credential, { staffId: 'hb2-s1', pin: '2468' })).json()).toEqual({ ok: false, role: null, lockedForSeconds: 0 });
      expect((await post('/api/enrollment-codes', desk.credential, { staffId: 'hb1-s1', pin: '2468' })).statusCode).toBe(403);
      const issued = await post('/api/enrollment-codes', desk.credential, { staffId: 'hb1-s2', pin: '2468' });
      expect(issued.json()).toMatchObject({ code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    });

    it('pokes connected desks when their building changes, and only them', async () => {
      const deskA = await enroll('hb1');
      const deskB = await enroll('hb2');
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const events = (credential: string) => {
        const received: string[] = [];
        const controller = new AbortController();
        const done = fetch(`${address}/api/sync/poke`, { headers: { authorization: `Bearer ${credential}` }, signal: controller.signal })
          .then(async (response) => {
            const reader = response.body?.getReader();
            for (;;) {
              const chunk = await reader?.read();
              if (!chunk || chunk.done) break;
              received.push(new TextDecoder().decode(chunk.value));
            }
          })
          .catch(() => undefined);
        return { received, stop: () => controller.abort(), done };
      };
      const streamA = events(deskA.credential);
      const streamB = events(deskB.credential);
      await expect.poll(() => streamA.received.join('') + streamB.received.join('')).toMatch(/connected[\s\S]*connected/);
      const before = { a: streamA.received.join('').split('event: poke').length, b: streamB.received.join('').split('event: poke').length };
      await post('/api/sync/push', deskA.credential, pushBody(deskA.deskId, [mutation(1, 'recordSignIn', { method: 'pin' })]));
      await expect.poll(() => streamA.received.join('').split('event: poke').length).toBeGreaterThan(before.a);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(streamB.received.join('').split('event: poke').length).toBe(before.b);
      streamA.stop();
      streamB.stop();
      await Promise.all([streamA.done, streamB.done]);
    });

    it('throttles online PIN guesses per staff member: after five wrong PINs even the right one waits', async () => {
      const desk = await enroll();
      const check = async (pin: string) => (await post('/api/staff/verify-pin', desk.credential, { staffId: 'hb1-s2', pin })).json<{ ok: boolean; lockedForSeconds: number }>();
      for (let attempt = 1; attempt <= 4; attempt++) expect(await check('1111')).toMatchObject({ ok: false, lockedForSeconds: 0 });
      expect(await check('1111')).toMatchObject({ ok: false, lockedForSeconds: 30 });
      expect(await check('2468')).toMatchObject({ ok: false, lockedForSeconds: expect.any(Number) });
      // Other staff members are not affected.
      expect(await (await post('/api/staff/verify-pin', desk.credential, { staffId: 'hb1-s1', pin: '2468' })).json()).toMatchObject({ ok: true });
    });

    it('searches the building’s package history of every age, page by page, and nothing of another building', async () => {
      const desk = await enroll();
      const numbers = ['1Z999AA10123456784', '1Z999AA10123456791', '9400111899223197428490'];
      const ids = numbers.map((_, k) => `hb1-hist-${k}`);
      let seq = 0;
      const mutations = ids.flatMap((id, k) => [
        mutation(++seq, 'receivePackage', receiveArgs('hb1', id, { trackingNumber: numbers[k], residentId: k === 2 ? 'hb1-r3' : 'hb1-r1' })),
        mutation(++seq, 'releasePackage', releaseArgs('hb1', id)),
      ]);
      expect((await post('/api/sync/push', desk.credential, pushBody(desk.deskId, mutations))).statusCode).toBe(200);
      type Page = { packages: Array<{ id: string; status: string }>; nextBefore: number | null };
      const search = async (query: unknown, before?: number) => (await post('/api/history/packages', desk.credential, { query, limit: 2, ...(before ? { before } : {}) })).json<Page>();

      const first = await search({ by: 'unit', unitId: 'hb1-u1' });
      expect(first.packages.map((pkg) => pkg.id)).toEqual([ids[2], ids[1]]); // newest change first
      expect(first.packages.every((pkg) => pkg.status === 'released')).toBe(true);
      const rest = await search({ by: 'unit', unitId: 'hb1-u1' }, first.nextBefore ?? undefined);
      expect(rest.packages.map((pkg) => pkg.id)).toContain(ids[0]);
      expect((await search({ by: 'resident', residentId: 'hb1-r3' })).packages.map((pkg) => pkg.id)).toEqual([ids[2]]);
      expect((await search({ by: 'tracking', trackingNumber: '56784' })).packages.map((pkg) => pkg.id)).toEqual([ids[0]]);
      expect((await search({ by: 'tracking', trackingNumber: numbers[1] })).packages.map((pkg) => pkg.id)).toEqual([ids[1]]);

      const stranger = await enroll('hb2');
      const theirs = await post('/api/history/packages', stranger.credential, { query: { by: 'unit', unitId: 'hb1-u1' }, limit: 10 });
      expect(theirs.json<Page>().packages).toEqual([]);
      const bad = await post('/api/history/packages', desk.credential, { query: { by: 'tracking', trackingNumber: '12%' }, limit: 10 });
      expect(bad.statusCode).toBe(400);
      expect((await post('/api/history/packages', null, { query: { by: 'unit', unitId: 'hb1-u1' }, limit: 10 })).statusCode).toBe(401);
    });

    it('searches the event log of every age, and erases a resident from everything it holds', async () => {
      const desk = await enroll('hb2'); // hb1's r3 has history from other tests
      const ids = ['hb2-ev-1', 'hb2-ev-2'];
      let seq = 0;
      const pushed = await post('/api/sync/push', desk.credential, pushBody(desk.deskId, ids.flatMap((id) => [mutation(++seq, 'receivePackage', receiveArgs('hb2', id, { residentId: 'hb2-r3' }), 'hb2-s1'), mutation(++seq, 'releasePackage', { packageId: id, to: { kind: 'resident', residentId: 'hb2-r3' }, signature: null }, 'hb2-s1')])));
      expect(pushed.statusCode).toBe(200);
      type Page = { events: Array<{ type: string; residentId: string | null; staffId: string }>; nextBefore: number | null };
      const search = async (body: unknown) => (await post('/api/history/events', desk.credential, body)).json<Page>();
      const byResident = await search({ subject: { by: 'resident', residentId: 'hb2-r3' }, limit: 100 });
      expect(byResident.events.map((event) => event.type).sort()).toEqual(['package.received', 'package.received', 'package.released', 'package.released']);
      const firstTwo = await search({ subject: { by: 'resident', residentId: 'hb2-r3' }, limit: 2 });
      expect(firstTwo.events).toHaveLength(2);
      const rest = await search({ subject: { by: 'resident', residentId: 'hb2-r3' }, limit: 100, before: firstTwo.nextBefore });
      expect(rest.events).toHaveLength(2);
      expect((await search({ subject: { by: 'staff', staffId: 'hb2-s1' }, limit: 100, from: '2000-01-01T00:00:00.000Z' })).events.length).toBeGreaterThanOrEqual(4);
      expect((await search({ subject: { by: 'building' }, limit: 10, to: '2000-01-01T00:00:00.000Z' })).events).toEqual([]);
      expect((await post('/api/history/events', desk.credential, { subject: { by: 'planet' }, limit: 10 })).statusCode).toBe(400);

      // A manager erases hb1-r3 (José): nothing on the service names them any more.
      const erased = await post('/api/sync/push', desk.credential, pushBody(desk.deskId, [mutation(++seq, 'eraseResident', { residentId: 'hb2-r3' }, 'hb2-s2')]));
      expect(erased.json<PushResponse>().results[0]?.status).toBe('applied');
      const stored = await database.db.kysely.selectFrom('packages').select('data').where('building_id', '=', 'hb2').where('resident_id', '=', 'hb2-r3').execute();
      expect(stored).toHaveLength(2);
      const resident = await database.db.kysely.selectFrom('residents').select(['data', 'deleted']).where('building_id', '=', 'hb2').where('id', '=', 'hb2-r3').executeTakeFirstOrThrow();
      expect(resident).toEqual({ data: null, deleted: 1 });
      const everything = JSON.stringify([stored, (await search({ subject: { by: 'resident', residentId: 'hb2-r3' }, limit: 100 })).events]);
      expect(everything).not.toContain('Luis');
      expect(everything).not.toContain('Núñez');
      expect((await search({ subject: { by: 'resident', residentId: 'hb2-r3' }, limit: 1 })).events[0]?.type).toBe('resident.erased');
    });

    it('pages a conversation’s older messages, newest first, with ties at the same instant neither lost nor repeated', async () => {
      const desk = await enroll();
      const at = '2025-06-01T10:00:00.000Z';
      const send = (seq: number, messageId: string, first: boolean) => ({
        ...mutation(seq, 'sendMessage', { messageId, threadId: 'hb1-conv', newThread: first ? { to: { kind: 'resident', residentId: 'hb1-r1' }, subject: 'Boiler' } : null, body: `Text ${messageId}`, templateId: null }),
        at: messageId === 'hb1-m-c' ? '2025-06-02T10:00:00.000Z' : at,
      });
      const pushed = await post('/api/sync/push', desk.credential, pushBody(desk.deskId, [send(1, 'hb1-m-a', true), send(2, 'hb1-m-b', false), send(3, 'hb1-m-c', false)]));
      expect(pushed.json<PushResponse>().results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
      type Page = { messages: Array<{ id: string }>; nextBefore: { sentAt: string; id: string } | null };
      const page = async (body: unknown) => (await post('/api/history/messages', desk.credential, body)).json<Page>();

      const newest = await page({ threadId: 'hb1-conv', limit: 2 });
      expect(newest.messages.map((message) => message.id)).toEqual(['hb1-m-c', 'hb1-m-b']);
      expect(newest.nextBefore).toEqual({ sentAt: at, id: 'hb1-m-b' });
      const older = await page({ threadId: 'hb1-conv', limit: 2, before: newest.nextBefore });
      expect(older).toEqual({ messages: [expect.objectContaining({ id: 'hb1-m-a', body: 'Text hb1-m-a' })], nextBefore: null });
      expect((await page({ threadId: 'hb1-conv', limit: 10, before: { sentAt: '2025-06-02T00:00:00.000Z', id: 'zzz' } })).messages.map((message) => message.id)).toEqual(['hb1-m-b', 'hb1-m-a']);

      const stranger = await enroll('hb2');
      expect((await post('/api/history/messages', stranger.credential, { threadId: 'hb1-conv', limit: 10 })).json<Page>()).toEqual({ messages: [], nextBefore: null });
      expect((await post('/api/history/messages', desk.credential, { threadId: 'hb1-conv', limit: 0 })).statusCode).toBe(400);
      expect((await post('/api/history/messages', null, { threadId: 'hb1-conv', limit: 10 })).statusCode).toBe(401);
    });

    it('describes itself in OpenAPI, generated from the validating schemas', async () => {
      const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/enroll', '/api/sync/push', '/api/sync/pull', '/api/sync/poke', '/api/history/packages', '/api/history/messages', '/api/staff/verify-pin']));
      expect(JSON.stringify(document.paths['/api/sync/push'])).toContain('mutations');
    });
  });
}

describe('shutting the service down', () => {
  it('ends open poke streams, so desks reconnect to the instance that serves next', async () => {
    const target = testDatabaseTargets()[0];
    if (!target) throw new Error('no database target');
    const database = await target.create();
    const seed = tinyBuilding('hs1');
    await seedBuilding(database.db, seed);
    const app = await buildApp({ db: database.db, pokes: createLocalPokeHub() });
    const { code } = await issueEnrollmentCode(database.db, { buildingId: 'hs1', createdBy: 'hs1-s2' });
    const { credential } = (await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deskName: 'Lobby' } })).json<{ credential: string }>();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/api/sync/poke`, { headers: { authorization: `Bearer ${credential}` } });
    const reader = response.body?.getReader();
    await reader?.read(); // connected
    const ended = (async () => {
      for (;;) {
        const chunk = await reader?.read().catch(() => ({ done: true }));
        if (!chunk || chunk.done) return true;
      }
    })();
    await app.close();
    expect(await ended).toBe(true);
    await database.dispose();
  });
});
