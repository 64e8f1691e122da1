import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationTx } from '../../shared/mutations/tx';
import { Rejection, SYNCED_TABLES, type PullResponse, type RowChange, type SyncedTable } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import { revokeDesk } from '../db/desks';
import { messageArgs, partyBooking, partyRoom, releaseArgs, receiveArgs, templateArgs, tinyBuilding } from '../testing/buildings';
import { testDatabaseTargets, type TestDatabase } from '../testing/databases';
import { TestDesk } from '../testing/desk';
import { SequenceGapError, SequenceReusedError, SyncError } from './errors';
import { seedBuilding } from './seed';

const DECIDED_AT = new Date('2026-03-01T15:00:30.000Z');
const now = () => DECIDED_AT;

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a failure'),
    (error: unknown) => error,
  );
}

function versionsOf(changes: RowChange[]): number[] {
  return changes.map((change) => change.version);
}

for (const target of testDatabaseTargets()) {
  describe(`sync engine on ${target.dialect}`, () => {
    let testDb: TestDatabase;
    let db: ServerDb;
    let buildings = 0;

    beforeAll(async () => {
      testDb = await target.create();
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb.dispose();
    });

    /** A fresh tiny building with two desks: `desk` signed in as s1 (doorperson), `other` as s2 (manager). */
    async function freshBuilding() {
      buildings += 1;
      const id = `b${buildings}`;
      await seedBuilding(db, tinyBuilding(id));
      const desk = await TestDesk.enroll(db, id, `${id}-desk1`, `${id}-s1`);
      const other = await TestDesk.enroll(db, id, `${id}-desk2`, `${id}-s2`);
      return { id, desk, other };
    }

    async function logRow(mutationId: string) {
      return db.kysely.selectFrom('mutation_log').selectAll().where('id', '=', mutationId).executeTakeFirst();
    }

    async function buildingVersion(id: string): Promise<number> {
      const row = await db.kysely.selectFrom('buildings').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      return row.version;
    }

    it('seeds a building that a new desk pulls whole, at versions 1..n, rows valid', async () => {
      const { id, desk } = await freshBuilding();
      const changes = await desk.pullAll();
      expect(versionsOf(changes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(changes.map((change) => change.table)).toEqual(['buildings', 'units', 'units', 'residents', 'residents', 'residents', 'staff', 'staff', 'staff']);
      for (const change of changes) expect(() => SYNCED_TABLES[change.table].parse(change.row)).not.toThrow();
      // Staff rows carry their PIN verifiers: desks of the building verify PINs offline.
      expect(desk.row('staff', `${id}-s1`)).toMatchObject({ pin: { algorithm: 'PBKDF2-SHA-256' } });
      expect(desk.cursor).toBe(9);
      expect(await buildingVersion(id)).toBe(9);
      await expect(seedBuilding(db, tinyBuilding(id))).rejects.toThrow(/already exists/);
    });

    it('applies pushed mutations and pulls their rows at increasing versions', async () => {
      const { id, desk } = await freshBuilding();
      await desk.pullAll();
      const receive = await desk.push([desk.mutation('receivePackage', receiveArgs(id, 'p1'))]);
      expect(receive).toEqual({ results: [{ id: expect.any(String), seq: 1, status: 'applied' }], version: 11, lastProcessedSeq: 1 });

      const page = await desk.pullPage();
      expect(page.changes.map(({ table, id: rowId, version }) => ({ table, id: rowId, version }))).toEqual([
        { table: 'packages', id: 'p1', version: 10 },
        { table: 'events', id: `${receive.results[0]?.id}-e0`, version: 11 },
      ]);
      expect(page).toMatchObject({ cursor: 11, hasMore: false, lastProcessedSeq: 1 });
      expect(desk.row('packages', 'p1')).toMatchObject({ status: 'waiting', unitId: `${id}-u1`, receivedBy: `${id}-s1`, receivedDeskId: desk.deskId });

      await desk.push([desk.mutation('releasePackage', releaseArgs(id, 'p1'))]);
      const next = await desk.pullPage();
      expect(versionsOf(next.changes)).toEqual([12, 13]);
      expect(desk.row('packages', 'p1')).toMatchObject({ status: 'released', release: { recipientName: 'José Núñez', deskId: desk.deskId } });
    });

    it('takes the staff identity and role from the staff row, not from the desk', async () => {
      const { id, desk } = await freshBuilding();
      // The desk is signed in as s1, but this mutation is s2's: it changes s2's preferences.
      const mutation = desk.mutation('setMyPreferences', { language: 'fr', measurement: 'imperial' }, { staffId: `${id}-s2` });
      expect((await desk.push([mutation])).results[0]?.status).toBe('applied');
      await desk.pullAll();
      expect(desk.row('staff', `${id}-s2`)).toMatchObject({ language: 'fr', measurement: 'imperial', role: 'manager' });
      expect(desk.row('staff', `${id}-s1`)).toMatchObject({ language: 'en' });
      expect(desk.row('events', `${mutation.id}-e0`)).toMatchObject({ staffId: `${id}-s2`, deskId: desk.deskId, at: mutation.at });
    });

    it('acknowledges a mutation id seen before as duplicate and applies nothing again', async () => {
      const { id, desk } = await freshBuilding();
      const first = desk.mutation('receivePackage', receiveArgs(id, 'p1'));
      await desk.push([first]);
      const version = await buildingVersion(id);

      // A retried push (the answer was lost): the same ids and sequence numbers.
      const second = desk.mutation('receivePackage', receiveArgs(id, 'p2', { shortCode: 'ABC124' }));
      const retry = await desk.push([first, second]);
      expect(retry.results.map((result) => result.status)).toEqual(['duplicate', 'applied']);
      expect(await desk.push([first, second])).toEqual({
        results: [
          { id: first.id, seq: 1, status: 'duplicate' },
          { id: second.id, seq: 2, status: 'duplicate' },
        ],
        version: version + 2,
        lastProcessedSeq: 2,
      });
      expect(await buildingVersion(id)).toBe(version + 2);

      // A new id under an already processed sequence number is not run, and not acknowledged as a
      // duplicate either (the desk would drop it): the push is refused with sequenceReused.
      const reused = { ...desk.mutation('receivePackage', receiveArgs(id, 'p3', { shortCode: 'ABC125' })), seq: 2 };
      const refusal = await errorOf(desk.push([reused]));
      expect(refusal).toBeInstanceOf(SequenceReusedError);
      expect(refusal).toMatchObject({ code: 'sequenceReused', receivedSeq: 2, lastProcessedSeq: 2, results: [] });
      expect(await logRow(reused.id)).toBeUndefined();
      await desk.pullAll();
      expect(desk.row('packages', 'p3')).toBeUndefined();
      expect([...desk.rows.keys()].filter((key) => key.startsWith('events/'))).toHaveLength(2);

      // Renumbered above what was processed, it is applied; the duplicates in front are recognized by id.
      const retried = await desk.push([{ ...first, seq: 3 }, { ...reused, seq: 4 }]);
      expect(retried.results.map((result) => result.status)).toEqual(['duplicate', 'applied']);
      expect(retried.lastProcessedSeq).toBe(4);
    });

    it('stops at a sequence gap with sequenceGap, keeping the mutations before it', async () => {
      const { id, desk } = await freshBuilding();
      const m1 = desk.mutation('receivePackage', receiveArgs(id, 'p1'));
      desk.mutation('recordSignIn', { method: 'pin' }); // seq 2 never reaches the server
      const m3 = desk.mutation('receivePackage', receiveArgs(id, 'p3', { shortCode: 'ABC125' }));
      const error = await errorOf(desk.push([m1, m3]));
      expect(error).toBeInstanceOf(SequenceGapError);
      expect(error).toMatchObject({ code: 'sequenceGap', expectedSeq: 2, receivedSeq: 3, lastProcessedSeq: 1, results: [{ id: m1.id, status: 'applied' }] });
      expect(await logRow(m3.id)).toBeUndefined();
      const page = await desk.pullPage();
      expect(page.lastProcessedSeq).toBe(1);
      expect(desk.row('packages', 'p1')).toBeDefined();
      expect(desk.row('packages', 'p3')).toBeUndefined();
    });

    it('rejects a release of a package another desk released: a rejection row for every desk, and the queue goes on', async () => {
      const { id, desk, other } = await freshBuilding();
      await desk.push([desk.mutation('receivePackage', receiveArgs(id, 'p1', { shortCode: 'ABC123' }))]);
      // Both desks were offline; the other desk reconnects first.
      expect((await other.push([other.mutation('releasePackage', releaseArgs(id, 'p1'))])).results[0]?.status).toBe('applied');

      const late = desk.mutation('releasePackage', releaseArgs(id, 'p1'));
      const after = desk.mutation('receivePackage', receiveArgs(id, 'p2', { shortCode: 'ABC124' }));
      const response = await desk.push([late, after], { now });
      expect(response.results).toEqual([
        { id: late.id, seq: 2, status: 'rejected', code: 'packageNotWaiting', params: { shortCode: 'ABC123' } },
        { id: after.id, seq: 3, status: 'applied' },
      ]);
      expect(response.lastProcessedSeq).toBe(3);
      expect(await logRow(late.id)).toMatchObject({ status: 'rejected', code: 'packageNotWaiting', seq: 2, desk_id: desk.deskId });
      expect(await logRow(after.id)).toMatchObject({ status: 'applied', code: null });

      for (const reader of [desk, other]) {
        await reader.pullAll();
        const rejection = Rejection.parse(reader.row('rejections', late.id));
        expect(rejection).toEqual({
          id: late.id, deskId: desk.deskId, staffId: `${id}-s1`, seq: 2, mutationName: 'releasePackage',
          code: 'packageNotWaiting', params: { shortCode: 'ABC123' }, at: late.at, decidedAt: DECIDED_AT.toISOString(),
        });
        expect(reader.row('packages', 'p1')).toMatchObject({ release: { deskId: other.deskId } });
        expect(reader.row('packages', 'p2')).toMatchObject({ status: 'waiting' });
      }
    });

    it('rejects mutations of unknown and inactive staff, and moves on', async () => {
      const { id, desk } = await freshBuilding();
      const other = await freshBuilding();
      const inactive = desk.mutation('receivePackage', receiveArgs(id, 'p1'), { staffId: `${id}-s3` });
      const stranger = desk.mutation('receivePackage', receiveArgs(id, 'p2'), { staffId: `${other.id}-s1` });
      const nobody = desk.mutation('recordSignIn', { method: 'pin' }, { staffId: 'nobody' });
      const response = await desk.push([inactive, stranger, nobody]);
      expect(response.results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual(['staffInactive', 'staffUnknown', 'staffUnknown']);
      expect(response.lastProcessedSeq).toBe(3);
      await desk.pullAll();
      expect(desk.row('packages', 'p1')).toBeUndefined();
      expect(desk.row('rejections', inactive.id)).toMatchObject({ code: 'staffInactive' });
    });

    it('sees what earlier mutations of the same push did to staff rows and to the log', async () => {
      const { id, desk } = await freshBuilding();
      const manager = { staffId: `${id}-s2` };
      const disable = desk.mutation('setStaffActive', { staffId: `${id}-s1`, active: false }, manager);
      const whileDisabled = desk.mutation('receivePackage', receiveArgs(id, 'p1'));
      const enable = desk.mutation('setStaffActive', { staffId: `${id}-s1`, active: true }, manager);
      const afterwards = desk.mutation('receivePackage', receiveArgs(id, 'p2'));
      // The same id again under the next number (a desk bug): a duplicate whose number counts as processed.
      desk.seq += 1;
      const repeated = { ...afterwards, seq: desk.seq };
      const response = await desk.push([disable, whileDisabled, enable, afterwards, repeated]);
      expect(response.results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual(['applied', 'staffInactive', 'applied', 'applied', 'duplicate']);
      expect(response.lastProcessedSeq).toBe(5);
      expect(await logRow(whileDisabled.id)).toMatchObject({ status: 'rejected', code: 'staffInactive', seq: 2 });
      expect(await logRow(afterwards.id)).toMatchObject({ status: 'applied', seq: 4 });
      await desk.pullAll();
      expect(desk.row('packages', 'p1')).toBeUndefined();
      expect(desk.row('packages', 'p2')).toMatchObject({ id: 'p2' });
      expect(await desk.push([desk.mutation('recordSignIn', { method: 'pin' })])).toMatchObject({ lastProcessedSeq: 6 });
    });

    it('pages a pull: every row exactly once, in version order', async () => {
      const { id, desk, other } = await freshBuilding();
      for (let n = 0; n < 4; n++) {
        await other.push(Array.from({ length: 5 }, (_, k) => other.mutation('receivePackage', receiveArgs(id, `p${n * 5 + k}`))));
      }
      const total = await buildingVersion(id);
      expect(total).toBe(9 + 40);

      const pages = [];
      for (;;) {
        const page = await desk.pullPage(7);
        pages.push(page);
        if (!page.hasMore) break;
      }
      const changes = pages.flatMap((page) => page.changes);
      expect(versionsOf(changes)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      expect(new Set(changes.map((change) => `${change.table}/${change.id}`)).size).toBe(total);
      expect(pages.map((page) => page.changes.length)).toEqual([7, 7, 7, 7, 7, 7, 7]);
      expect(pages.map((page) => page.cursor)).toEqual([7, 14, 21, 28, 35, 42, 49]);
      expect(pages.every((page) => page.lastProcessedSeq === 0)).toBe(true);
      // Caught up: an empty page at the same cursor.
      expect(await desk.pullPage(7)).toEqual({ changes: [], cursor: total, hasMore: false, lastProcessedSeq: 0, historySince: '2026-01-30T16:00:00.000Z' });
    });

    it('misses nothing when writes land between pages', async () => {
      const { id, desk, other } = await freshBuilding();
      await other.push(Array.from({ length: 10 }, (_, k) => other.mutation('receivePackage', receiveArgs(id, `p${k}`))));
      let round = 0;
      for (;;) {
        const page = await desk.pullPage(4);
        // Rewrite rows already pulled and rows not pulled yet, and add new ones.
        round += 1;
        if (round <= 5) {
          await other.push([
            other.mutation('releasePackage', releaseArgs(id, `p${round}`)),
            other.mutation('receivePackage', receiveArgs(id, `q${round}`)),
          ]);
        }
        if (!page.hasMore && round > 5) break;
      }
      const fresh = await TestDesk.enroll(db, id, `${id}-desk3`, `${id}-s1`);
      await fresh.pullAll();
      expect(desk.cursor).toBe(await buildingVersion(id));
      expect(Object.fromEntries(desk.rows)).toEqual(Object.fromEntries(fresh.rows));
      expect(desk.row('packages', 'p5')).toMatchObject({ status: 'released' });
    });

    it('sends the working set: history older than the window stays on the server, and so do tombstones on a first pull', async () => {
      const { id, desk, other } = await freshBuilding();
      // Three packages released on 2026-03-01 (the tests' clock), one still waiting.
      await other.push(Array.from({ length: 4 }, (_, k) => other.mutation('receivePackage', receiveArgs(id, `p${k}`))));
      const releases = [0, 1, 2].map((k) => other.mutation('releasePackage', releaseArgs(id, `p${k}`)));
      await other.push(releases);
      await desk.pullAll();
      expect(['p0', 'p1', 'p2', 'p3'].map((pkg) => desk.row('packages', pkg) !== undefined)).toEqual([true, true, true, true]);

      // Forty days later a new desk gets the directory and the waiting package, not the old history.
      const later = await TestDesk.enroll(db, id, `${id}-desk-late`, `${id}-s1`);
      later.now = () => new Date('2026-04-10T16:00:00.000Z');
      const pages: PullResponse[] = [];
      for (;;) {
        const page = await later.pullPage(2);
        pages.push(page);
        if (!page.hasMore) break;
      }
      expect(pages.every((page) => page.historySince === '2026-03-11T16:00:00.000Z')).toBe(true);
      expect([...later.rows.keys()].filter((key) => key.startsWith('packages/'))).toEqual(['packages/p3']);
      expect([...later.rows.keys()].filter((key) => key.startsWith('events/'))).toEqual([]);
      expect([...later.rows.keys()].filter((key) => /^(units|residents|staff)\//.test(key))).toHaveLength(8);
      expect(later.cursor).toBe(await buildingVersion(id));
      // Pages count only the rows they send: the skipped history does not make empty pages.
      expect(pages.map((page) => page.changes.length)).toEqual([2, 2, 2, 2, 2]);

      // A settled row that changes again is sent again: p0's release is undone, it waits again.
      await other.push([other.mutation('undoRelease', { packageId: 'p0', releaseMutationId: releases[0]?.id })]);
      await later.pullAll();
      expect(later.row('packages', 'p0')).toMatchObject({ status: 'waiting' });
    });

    it('keeps buildings apart: no rows of another building, and its ids are unknown', async () => {
      const a = await freshBuilding();
      const b = await freshBuilding();
      await b.desk.push([b.desk.mutation('receivePackage', receiveArgs(b.id, 'shared-id'))]);
      // The same package id in two buildings: two packages, neither overwrites the other.
      await a.desk.push([a.desk.mutation('receivePackage', receiveArgs(a.id, 'shared-id'))]);

      const changes = await a.desk.pullAll();
      const foreign = changes.filter((change) => JSON.stringify(change.row).includes(`${b.id}-`) || change.id.startsWith(`${b.id}-`));
      expect(foreign).toEqual([]);
      expect(a.desk.row('packages', 'shared-id')).toMatchObject({ unitId: `${a.id}-u1` });

      const naming = a.desk.mutation('receivePackage', receiveArgs(a.id, 'p9', { residentId: `${b.id}-r1` }));
      const releasing = a.desk.mutation('releasePackage', { packageId: 'shared-id', to: { kind: 'resident', residentId: `${b.id}-r1` }, signature: null });
      const response = await a.desk.push([naming, releasing]);
      expect(response.results.map((result) => (result.status === 'rejected' ? result.code : result.status))).toEqual(['recipientUnknown', 'mixedUnits']);

      await b.desk.pullAll();
      expect(b.desk.row('packages', 'shared-id')).toMatchObject({ unitId: `${b.id}-u1`, status: 'waiting' });
      expect(b.desk.row('rejections', naming.id)).toBeUndefined();

      // A's desk presenting itself as a desk of B is refused outright.
      const intruder = new TestDesk(db, b.id, a.desk.deskId, `${b.id}-s1`);
      expect(await errorOf(intruder.pullPage())).toMatchObject({ code: 'wrongBuilding' });
      expect(await errorOf(intruder.push([intruder.mutation('recordSignIn', { method: 'pin' })]))).toMatchObject({ code: 'wrongBuilding' });
    });

    it('leaves no trace of a mutation that fails unexpectedly, and applies it when retried', async () => {
      const { id, desk } = await freshBuilding();
      const receive = desk.mutation('receivePackage', receiveArgs(id, 'p1'));
      await desk.push([receive]);
      await desk.pullAll();
      const version = await buildingVersion(id);

      // The database fails after the package was written, before its event is.
      const failing = (tx: MutationTx): MutationTx => ({
        ...tx,
        async put(table, row) {
          if (table === 'events' && (row as { packageId: string | null }).packageId === 'p1') throw new Error('connection lost');
          await tx.put(table, row);
        },
      });
      const signIn = desk.mutation('recordSignIn', { method: 'pin' });
      const release = desk.mutation('releasePackage', releaseArgs(id, 'p1'));
      const error = await errorOf(desk.push([signIn, release], { wrapMutationTx: failing }));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(SyncError);
      // The sign-in before it was committed in its own transaction; the release left nothing.
      expect(await buildingVersion(id)).toBe(version + 1);
      expect(await logRow(signIn.id)).toMatchObject({ status: 'applied' });
      expect(await logRow(release.id)).toBeUndefined();
      const page = await desk.pullPage();
      expect(page).toMatchObject({ lastProcessedSeq: 2 });
      expect(page.changes.map((change) => change.table)).toEqual(['events']);
      expect(desk.row('packages', 'p1')).toMatchObject({ status: 'waiting' });

      // The desk retries its outbox as it was.
      const retried = await desk.push([signIn, release]);
      expect(retried.results.map((result) => result.status)).toEqual(['duplicate', 'applied']);
      expect(retried.lastProcessedSeq).toBe(3);
      await desk.pullAll();
      expect(desk.row('packages', 'p1')).toMatchObject({ status: 'released' });
    });

    it('serializes concurrent pushes of one building: a package is released once', async () => {
      const { id, desk, other } = await freshBuilding();
      await desk.push([desk.mutation('receivePackage', receiveArgs(id, 'p1'))]);
      // Each release pauses after reading the package: without the building lock both would
      // read "waiting" before either writes.
      const slowReads = (tx: MutationTx): MutationTx => ({
        ...tx,
        async get(table, rowId) {
          const row = await tx.get(table, rowId);
          if (table === 'packages') await new Promise((resolve) => setTimeout(resolve, 50));
          return row;
        },
      });
      const responses = await Promise.all([
        desk.push([desk.mutation('releasePackage', releaseArgs(id, 'p1'))], { wrapMutationTx: slowReads }),
        other.push([other.mutation('releasePackage', releaseArgs(id, 'p1'))], { wrapMutationTx: slowReads }),
      ]);
      const results = responses.map((response) => response.results[0]);
      expect(results.map((result) => result?.status).sort()).toEqual(['applied', 'rejected']);
      expect(results.find((result) => result?.status === 'rejected')).toMatchObject({ code: 'packageNotWaiting' });
      const released = await desk.pullAll();
      expect(released.filter((change) => change.table === 'events' && (change.row as { type: string }).type === 'package.released')).toHaveLength(1);
    });

    it('hands out gap-free versions in commit order under concurrent pushes', async () => {
      const { id } = await freshBuilding();
      const desks = await Promise.all(Array.from({ length: 6 }, (_, k) => TestDesk.enroll(db, id, `${id}-c${k}`, `${id}-s${(k % 2) + 1}`)));
      await Promise.all(
        desks.map(async (desk, k) => {
          for (let n = 0; n < 3; n++) {
            await desk.push([desk.mutation('receivePackage', receiveArgs(id, `c${k}-${n}`)), desk.mutation('recordSignIn', { method: 'pin' })]);
          }
        }),
      );
      const version = await buildingVersion(id);
      expect(version).toBe(9 + 6 * 3 * 3);
      const reader = desks[0] as TestDesk;
      const changes = await reader.pullAll(10);
      expect(versionsOf(changes)).toEqual(Array.from({ length: version }, (_, index) => index + 1));
    });

    it('refuses revoked and unknown desks, and a body naming another desk', async () => {
      const { id, desk, other } = await freshBuilding();
      await revokeDesk(db, id, other.deskId, '2026-03-02T00:00:00.000Z');
      expect(await errorOf(other.push([other.mutation('recordSignIn', { method: 'pin' })]))).toMatchObject({ code: 'deviceRevoked' });
      expect(await errorOf(other.pullPage())).toMatchObject({ code: 'deviceRevoked' });
      const ghost = new TestDesk(db, id, 'ghost', `${id}-s1`);
      expect(await errorOf(ghost.pullPage())).toMatchObject({ code: 'wrongBuilding' });

      const { push } = await import('./push');
      const request = { protocolVersion: 1 as const, schemaVersion: 1 as const, deskId: other.deskId, mutations: [desk.mutation('recordSignIn', { method: 'pin' })] };
      expect(await errorOf(push(db, { buildingId: id, deskId: desk.deskId, request }))).toMatchObject({ code: 'malformedRequest' });
    });

    it('refuses a cursor ahead of the server, a page limit out of range and an empty push', async () => {
      const { desk } = await freshBuilding();
      expect(await errorOf(desk.pullPage(0))).toMatchObject({ code: 'malformedRequest' });
      expect(await errorOf(desk.pullPage(1001))).toMatchObject({ code: 'malformedRequest' });
      expect(await errorOf(desk.push([]))).toMatchObject({ code: 'malformedRequest' });
      desk.cursor = 1_000;
      expect(await errorOf(desk.pullPage())).toMatchObject({ code: 'resetRequired' });
    });

    it('pulls every table a desk receives, each row valid against its schema', async () => {
      buildings += 1;
      const id = `b${buildings}`;
      await seedBuilding(db, { ...tinyBuilding(id), amenities: [partyRoom(id)], bookings: [partyBooking(id, `${id}-bk1`, '2026-03-05T23:00:00.000Z', '2026-03-06T01:30:00.000Z')] });
      const desk = await TestDesk.enroll(db, id, `${id}-desk1`, `${id}-s1`);
      await desk.push([desk.mutation('receivePackage', receiveArgs(id, 'p1')), desk.mutation('releasePackage', releaseArgs(id, 'p1')), desk.mutation('releasePackage', releaseArgs(id, 'p1'))]);
      await desk.push([desk.mutation('sendMessage', messageArgs(id, `${id}-msg1`, `${id}-t1`)), desk.mutation('upsertTemplate', templateArgs(`${id}-tpl1`), { staffId: `${id}-s2` })]);
      const changes = await desk.pullAll();
      const tables = new Set<SyncedTable>(changes.map((change) => change.table));
      expect([...tables].sort()).toEqual(Object.keys(SYNCED_TABLES).sort());
      for (const change of changes) expect(() => SYNCED_TABLES[change.table].parse(change.row)).not.toThrow();
    });
  });
}
