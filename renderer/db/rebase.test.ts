import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent, Package } from '../../shared/domain/model';
import type { Rejection, RowChange } from '../../shared/sync/protocol';
import { commitMutations } from './commit';
import { CURSOR_KEY, type DeskDatabase } from './database';
import { UndoJournal, dexieMutationTx } from './dexieTx';
import { rebaseOnPull, storedCursor } from './rebase';
import { doorperson, openTestDatabase, receiveArgs, testResidents } from './testFixtures';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

let db: DeskDatabase;
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

/** A desk that has already pulled up to `cursor` (its tables hold the server's rows). */
async function syncedDesk(cursor = 10): Promise<DeskDatabase> {
  const desk = await openTestDatabase();
  await desk.meta.put({ key: CURSOR_KEY, value: cursor });
  return desk;
}

function waitingPackage(id: string, overrides: Partial<Package> = {}): Package {
  return {
    id, shortCode: 'K7M2Q9', trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u-12b',
    residentId: 'r-nunez', status: 'waiting', size: null, location: 'A1', flags: [], note: null,
    receivedAt: '2026-03-02T09:00:00.000Z', receivedBy: 's-ana', receivedDeskId: 'desk-server', release: null, ...overrides,
  };
}

function releasedBy(pkg: Package, deskId: string, mutationId: string): Package {
  return {
    ...pkg,
    status: 'released',
    release: { at: '2026-03-02T10:00:00.000Z', by: 's-ana', deskId, mutationId, to: { kind: 'resident', residentId: 'r-nunez' }, recipientName: 'José Núñez', signature: null },
  };
}

const change = (table: RowChange['table'], id: string, version: number, row: unknown): RowChange => ({ table, id, version, row });

describe('shadows', () => {
  it('records the value before the first optimistic write of each row, once', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-shelf');
    await db.packages.put(pkg);
    await commitMutations(db, doorperson, [{ name: 'releasePackage', args: { packageId: pkg.id, to: { kind: 'resident', residentId: 'r-nunez' }, signature: null } }]);
    const release = must((await db.outbox.toArray())[0]);
    await commitMutations(db, doorperson, [{ name: 'undoRelease', args: { packageId: pkg.id, releaseMutationId: release.id } }]);
    const shadows = await db.shadows.toArray();
    expect(shadows.find((s) => s.key === 'packages:p-shelf')?.row).toEqual(pkg); // not the released one
    expect(shadows.filter((s) => s.table === 'events').every((s) => s.row === null)).toBe(true);
    expect(shadows).toHaveLength(3);
  });

  it('are not kept before the desk’s first pull (that pull replaces the tables anyway)', async () => {
    db = await openTestDatabase();
    await commitMutations(db, doorperson, [receiveArgs()]);
    expect(await db.shadows.count()).toBe(0);
    expect(await db.packages.count()).toBe(1);
  });

  it('are not written when the commit fails', async () => {
    db = await syncedDesk();
    await expect(commitMutations(db, doorperson, [receiveArgs(), receiveArgs({ residentId: 'r-nobody' })])).rejects.toThrow();
    expect(await db.shadows.count()).toBe(0);
  });
});

describe('rebaseOnPull', () => {
  it('replaces an acknowledged optimistic write with the server row', async () => {
    db = await syncedDesk();
    const request = receiveArgs();
    const committed = must((await commitMutations(db, doorperson, [request]))[0]);
    const optimistic = await db.packages.get(request.args.packageId);
    expect(optimistic).toMatchObject({ status: 'waiting' });

    const serverRow = { ...must(optimistic), location: 'B7' }; // the server's version of it (a manager moved it)
    const serverEvent = (await db.events.toArray()).find((event) => event.mutationId === committed.mutationId);
    const result = await rebaseOnPull(db, {
      changes: [change('packages', serverRow.id, 11, serverRow), change('events', must(serverEvent).id, 12, serverEvent)],
      cursor: 12,
      lastProcessedSeq: committed.seq,
    });
    expect(result).toMatchObject({ reset: false, applied: 2, dropped: 1, replayed: 0 });
    expect(await db.packages.get(serverRow.id)).toEqual(serverRow);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    expect(await storedCursor(db)).toBe(12);
  });

  it('keeps a pending write on top of unrelated and related server rows', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-both');
    await db.packages.put(pkg);
    await commitMutations(db, doorperson, [{ name: 'releasePackage', args: { packageId: pkg.id, to: { kind: 'resident', residentId: 'r-nunez' }, signature: null } }]);
    const local = receiveArgs();
    await commitMutations(db, doorperson, [local]);

    // The server moved the package to another shelf (related) and renamed a resident (unrelated).
    const renamed = { ...must(testResidents[1]), lastName: 'Dupont-Martin' };
    await rebaseOnPull(db, { changes: [change('packages', pkg.id, 11, { ...pkg, location: 'C3' }), change('residents', renamed.id, 12, renamed)], cursor: 12, lastProcessedSeq: 0 });

    const after = await db.packages.get(pkg.id);
    expect(after).toMatchObject({ status: 'released', location: 'C3' }); // server row + local release on top
    expect(await db.packages.get(local.args.packageId)).toMatchObject({ status: 'waiting' });
    expect(await db.residents.get(renamed.id)).toEqual(renamed);
    expect(await db.outbox.count()).toBe(2);
    expect((await db.events.toArray()).map((e) => e.type).sort()).toEqual(['package.received', 'package.released']);
    // The shadows now hold the server's new values, ready for the next pull.
    expect((await db.shadows.get(`packages:${pkg.id}`))?.row).toMatchObject({ status: 'waiting', location: 'C3' });
  });

  it('leaves a pending mutation whose replay is now refused in the outbox, without its effect', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-race');
    await db.packages.put(pkg);
    const mine = must((await commitMutations(db, doorperson, [{ name: 'releasePackage', args: { packageId: pkg.id, to: { kind: 'resident', residentId: 'r-nunez' }, signature: null } }]))[0]);
    const theirs = releasedBy(pkg, 'desk-other', 'm-other');
    const result = await rebaseOnPull(db, { changes: [change('packages', pkg.id, 11, theirs)], cursor: 11, lastProcessedSeq: 0 });
    expect(result.notReplayed).toEqual([{ id: mine.mutationId, code: 'packageNotWaiting' }]);
    expect(await db.packages.get(pkg.id)).toEqual(theirs);
    expect((await db.events.toArray()).filter((event) => event.mutationId === mine.mutationId)).toEqual([]);
    expect(await db.outbox.get(mine.mutationId)).toBeDefined();
  });

  it('removes an optimistic write the server rejected, and stores the rejection', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-rejected');
    await db.packages.put(pkg);
    const mine = must((await commitMutations(db, doorperson, [{ name: 'releasePackage', args: { packageId: pkg.id, to: { kind: 'resident', residentId: 'r-nunez' }, signature: null } }]))[0]);
    const theirs = releasedBy(pkg, 'desk-other', 'm-other');
    const deskId = must(await db.meta.get('deskId')).value as string;
    const rejection: Rejection = {
      id: mine.mutationId, deskId, staffId: 's-ana', seq: mine.seq, mutationName: 'releasePackage', code: 'packageNotWaiting',
      params: { shortCode: pkg.shortCode }, at: '2026-03-02T10:05:00.000Z', decidedAt: '2026-03-02T10:30:00.000Z',
    };
    await rebaseOnPull(db, { changes: [change('packages', pkg.id, 11, theirs), change('rejections', rejection.id, 12, rejection)], cursor: 12, lastProcessedSeq: mine.seq });
    expect(await db.packages.get(pkg.id)).toEqual(theirs);
    expect(await db.rejections.toArray()).toEqual([rejection]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('applies tombstones and quarantines rows that fail validation instead of failing', async () => {
    db = await syncedDesk();
    await db.packages.bulkPut([waitingPackage('p-gone'), waitingPackage('p-kept')]);
    const result = await rebaseOnPull(db, {
      changes: [change('packages', 'p-gone', 11, null), change('packages', 'p-bad', 12, { id: 'p-bad', status: 'lost' }), change('packages', 'p-kept', 13, waitingPackage('p-kept', { location: 'Z9' }))],
      cursor: 13,
      lastProcessedSeq: null,
    });
    expect(result).toMatchObject({ applied: 2, quarantined: 1 });
    expect((await db.packages.toArray()).map((p) => [p.id, p.location])).toEqual([['p-kept', 'Z9']]);
    expect(await db.quarantine.toArray()).toEqual([expect.objectContaining({ table: 'packages', row: { id: 'p-bad', status: 'lost' } })]);
    expect(await storedCursor(db)).toBe(13);
  });

  it('keeps outbox entries on pages before the last one (their effects may come later)', async () => {
    db = await syncedDesk();
    const request = receiveArgs();
    await commitMutations(db, doorperson, [request]);
    const result = await rebaseOnPull(db, { changes: [], cursor: 11, lastProcessedSeq: null });
    expect(result).toMatchObject({ dropped: 0, replayed: 0 });
    expect(await db.packages.get(request.args.packageId)).toBeDefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('replays the outbox once per pull, not per page: earlier pages put server values of shadowed rows into the shadows', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-paged');
    const other = waitingPackage('p-other', { shortCode: 'Q2W3E4' });
    await db.packages.bulkPut([pkg, other]);
    const release = { name: 'releasePackage' as const, args: { packageId: pkg.id, to: { kind: 'resident' as const, residentId: 'r-nunez' }, signature: null } };
    await commitMutations(db, doorperson, [release]);

    // Page 1 of 2: the server moved both packages to shelf C3.
    const first = await rebaseOnPull(db, { changes: [change('packages', pkg.id, 11, { ...pkg, location: 'C3' }), change('packages', other.id, 12, { ...other, location: 'C3' })], cursor: 12, lastProcessedSeq: null });
    expect(first).toMatchObject({ applied: 2, replayed: 0, dropped: 0 });
    expect(await db.packages.get(pkg.id)).toMatchObject({ status: 'released', location: 'A1' }); // still the optimistic release
    expect((await db.shadows.get(`packages:${pkg.id}`))?.row).toMatchObject({ status: 'waiting', location: 'C3' });
    expect(await db.packages.get(other.id)).toMatchObject({ location: 'C3' }); // not shadowed: the server's value
    expect(await storedCursor(db)).toBe(12);

    // Page 2 (the last): the release is still pending; it is replayed once, on the newest server row.
    const last = await rebaseOnPull(db, { changes: [], cursor: 13, lastProcessedSeq: 0 });
    expect(last).toMatchObject({ replayed: 1, dropped: 0 });
    expect(await db.packages.get(pkg.id)).toMatchObject({ status: 'released', location: 'C3' });
  });

  it('replaces local rows on the first pull, then replays the outbox on top', async () => {
    db = await openTestDatabase(); // seeded locally (the demo building), never pulled
    await db.packages.put(waitingPackage('p-demo'));
    const request = receiveArgs();
    await commitMutations(db, doorperson, [request]);
    const staff = await db.staff.toArray();
    const residents = await db.residents.toArray();
    const result = await rebaseOnPull(db, {
      changes: [...staff.map((s, i) => change('staff', s.id, i + 1, s)), ...residents.map((r, i) => change('residents', r.id, i + 10, r))],
      cursor: 20,
      lastProcessedSeq: 0,
    });
    expect(result).toMatchObject({ reset: true, replayed: 1 });
    expect(await db.packages.get('p-demo')).toBeUndefined();
    expect(await db.units.count()).toBe(0);
    expect(await db.packages.get(request.args.packageId)).toMatchObject({ status: 'waiting' });
  });

  it('is atomic: a failure in the middle changes nothing and keeps the outbox', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-atomic');
    await db.packages.put(pkg);
    const mine = must((await commitMutations(db, doorperson, [{ name: 'releasePackage', args: { packageId: pkg.id, to: { kind: 'resident', residentId: 'r-nunez' }, signature: null } }]))[0]);
    const before = {
      packages: await db.packages.toArray(), events: await db.events.toArray(), outbox: await db.outbox.toArray(),
      shadows: await db.shadows.toArray(), meta: await db.meta.toArray(),
    };
    const put = db.meta.put.bind(db.meta);
    vi.spyOn(db.meta, 'put').mockImplementation((entry, key) =>
      entry.key === CURSOR_KEY ? Dexie.Promise.reject(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' })) : put(entry, key),
    );
    const other = releasedBy(pkg, 'desk-other', 'm-other');
    await expect(rebaseOnPull(db, { changes: [change('packages', pkg.id, 11, other)], cursor: 11, lastProcessedSeq: mine.seq })).rejects.toThrow();
    expect({
      packages: await db.packages.toArray(), events: await db.events.toArray(), outbox: await db.outbox.toArray(),
      shadows: await db.shadows.toArray(), meta: await db.meta.toArray(),
    }).toEqual(before);
    expect(await db.packages.get(pkg.id)).toMatchObject({ status: 'released', release: { mutationId: mine.mutationId } });
  });
});

describe('UndoJournal', () => {
  it('takes back the writes of a mutation that fails halfway, inside the transaction', async () => {
    db = await syncedDesk();
    const pkg = waitingPackage('p-half');
    await db.packages.put(pkg);
    await db.transaction('rw', [db.packages, db.events, db.shadows], async () => {
      const journal = new UndoJournal();
      const tx = dexieMutationTx(db, { journal });
      await tx.put('packages', { ...pkg, location: 'X1' });
      const event: DomainEvent = { id: 'e-half', type: 'package.received', at: pkg.receivedAt, staffId: 's-ana', deskId: 'd', mutationId: 'm', packageId: pkg.id, unitId: null, residentId: null, data: {} };
      await tx.put('events', event);
      await tx.put('packages', { ...pkg, location: 'X2' });
      await journal.rollBack(db);
    });
    expect(await db.packages.get(pkg.id)).toEqual(pkg);
    expect(await db.events.count()).toBe(0);
  });
});

describe('a desk whose database went back in time', () => {
  it('keeps entries under reused sequence numbers, moving them above what the server processed', async () => {
    db = await syncedDesk();
    await commitMutations(db, doorperson, [receiveArgs(), receiveArgs()]);
    const before = await db.outbox.orderBy('seq').toArray();
    expect(before.map((entry) => entry.seq)).toEqual([1, 2]);
    // The server processed 5 of this desk's numbers (made before a restore): 1 and 2 are not those.
    const result = await rebaseOnPull(db, { changes: [], cursor: 11, lastProcessedSeq: 5 });
    expect(result).toMatchObject({ dropped: 0, renumbered: 2, replayed: 2 });
    expect((await db.outbox.orderBy('seq').toArray()).map((entry) => [entry.id, entry.seq])).toEqual(before.map((entry, position) => [entry.id, 6 + position]));
    expect((await commitMutations(db, doorperson, [receiveArgs()]))[0]?.seq).toBe(8);
  });
});
