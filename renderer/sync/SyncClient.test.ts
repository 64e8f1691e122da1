import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Package } from '../../shared/domain/model';
import { MAX_MUTATIONS_PER_PUSH, type PushRequest } from '../../shared/sync/protocol';
import { commitMutations } from '../db/commit';
import { CURSOR_KEY, DeskDatabase } from '../db/database';
import { doorperson, receiveArgs } from '../db/testFixtures';
import { backoffDelay } from './environment';
import { acknowledgeRejection } from './rejections';
import { EVICTION_INTERVAL_MS, SyncClient } from './SyncClient';
import { FakeLocks, FakeNetwork } from './testing/fakes';
import { createDesk, deleteTestDatabases, seededServer, type TestDesk } from './testing/harness';
import { ManualTimers } from './testing/manualTimers';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const desks: TestDesk[] = [];
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.client.stop();
  await deleteTestDatabases();
});

async function startedDesk(...args: Parameters<typeof createDesk>): Promise<TestDesk> {
  const desk = await createDesk(...args);
  desks.push(desk);
  desk.client.start();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the lock is granted asynchronously
  await desk.tick(0); // the first cycle: the initial pull
  return desk;
}

const release = (packageId: string) => ({ name: 'releasePackage' as const, args: { packageId, to: { kind: 'resident' as const, residentId: 'r-nunez' }, signature: null } });
const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
const pushes = (server: ReturnType<typeof seededServer>) => server.requests.filter((request) => request.path === '/sync/push');

describe('SyncClient without a central service', () => {
  it('stays idle and says it works locally', async () => {
    const db = new DeskDatabase(`idle-${Math.random()}`);
    const timers = new ManualTimers();
    const client = new SyncClient({ db, transport: null, timers });
    client.start();
    await commitMutations(db, doorperson, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
    await vi.waitFor(() => expect(client.store.getState().pendingCount).toBe(1));
    expect(client.store.getState()).toMatchObject({ state: 'local', role: 'none' });
    expect(timers.pending()).toEqual([]);
    await client.stop();
    db.close();
    await db.delete();
  });
});

describe('SyncClient against the fake central service', () => {
  it('shows an optimistic write at once, then the server row once the server acknowledged it', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    expect(await desk.db.residents.count()).toBe(2); // the initial pull
    const request = receiveArgs();
    await commitMutations(desk.db, doorperson, [request]);
    expect(await desk.db.packages.get(request.args.packageId)).toMatchObject({ status: 'waiting' });
    await vi.waitFor(() => expect(desk.client.store.getState().pendingCount).toBe(1));
    await vi.waitFor(() => expect(desk.timers.pending()[0]).toBe(50)); // the commit schedules a push

    await desk.tick(50);
    const [serverRow] = server.rows('packages');
    expect(serverRow?.id).toBe(request.args.packageId);
    expect(await desk.db.packages.get(request.args.packageId)).toEqual(serverRow);
    expect(await desk.db.outbox.count()).toBe(0);
    expect(await desk.db.shadows.count()).toBe(0);
    expect(await desk.db.meta.get(CURSOR_KEY)).toEqual({ key: CURSOR_KEY, value: server.version });
    await vi.waitFor(() => expect(desk.client.store.getState().pendingCount).toBe(0));
    expect(desk.client.store.getState()).toMatchObject({ state: 'online', role: 'leader', lastError: null, lastSuccessAt: new Date(desk.timers.now()).toISOString() });
    expect(desk.timers.pending()).toEqual([60_000]); // the slow timer
  });

  it('shows the server’s release and a rejection when another desk released the package first', async () => {
    const server = seededServer();
    const a = await startedDesk(server);
    const b = await startedDesk(server);
    const parcel = receiveArgs();
    await commitMutations(a.db, doorperson, [parcel]);
    await a.client.syncNow();
    await b.client.syncNow();
    const id = parcel.args.packageId;
    expect(await b.db.packages.get(id)).toMatchObject({ status: 'waiting' });

    // B is cut off and releases the package; meanwhile A releases it and syncs.
    const mine = must((await commitMutations(b.db, doorperson, [release(id)]))[0]);
    expect(await b.db.packages.get(id)).toMatchObject({ status: 'released', release: { deskId: b.deskId } });
    await commitMutations(a.db, doorperson, [release(id)]);
    await a.client.syncNow();

    await b.client.syncNow();
    const pkg = await b.db.packages.get(id);
    expect(pkg).toEqual(server.rows('packages')[0]);
    expect(pkg?.release?.deskId).toBe(a.deskId); // the server's release, not ours
    expect(await b.db.rejections.toArray()).toEqual([
      expect.objectContaining({ id: mine.mutationId, deskId: b.deskId, code: 'packageNotWaiting', params: { shortCode: parcel.args.shortCode }, mutationName: 'releasePackage' }),
    ]);
    expect((await b.db.events.toArray()).filter((event) => event.mutationId === mine.mutationId)).toEqual([]);
    expect(await b.db.outbox.count()).toBe(0);
    await vi.waitFor(() => expect(b.client.store.getState().rejections.map((r) => r.id)).toEqual([mine.mutationId]));
    expect(a.client.store.getState().rejections).toEqual([]); // only the desk that made it sees it

    await acknowledgeRejection(b.db, mine.mutationId, 's-ana');
    await vi.waitFor(() => expect(b.client.store.getState().rejections).toEqual([]));
    expect(await b.db.rejections.count()).toBe(1); // the row stays; the acknowledgement is local
  });

  it('converges two desks to the server state after interleaved offline work', async () => {
    const server = seededServer();
    const a = await startedDesk(server);
    const b = await startedDesk(server);
    const shared = receiveArgs();
    await commitMutations(a.db, doorperson, [shared]);
    await a.client.syncNow();
    await b.client.syncNow();

    // Offline on both sides, interleaved.
    const a1 = receiveArgs();
    await commitMutations(a.db, doorperson, [a1]);
    const b1 = receiveArgs({ residentId: 'r-dupont' });
    await commitMutations(b.db, doorperson, [b1, release(shared.args.packageId)]);
    await commitMutations(a.db, doorperson, [release(shared.args.packageId), release(a1.args.packageId)]);
    const sameTracking = receiveArgs({ trackingNumber: 'ZZTRACK0001' });
    await commitMutations(a.db, doorperson, [sameTracking]);
    await commitMutations(b.db, doorperson, [{ ...receiveArgs({ trackingNumber: 'ZZTRACK0001' }) }]);

    await b.client.syncNow();
    await a.client.syncNow();
    await b.client.syncNow();

    for (const desk of [a, b]) {
      expect(byId(await desk.db.packages.toArray())).toEqual(byId(server.rows('packages')));
      expect(byId(await desk.db.events.toArray())).toEqual(byId(server.rows('events')));
      expect(byId(await desk.db.rejections.toArray())).toEqual(byId(server.rejections()));
      expect(await desk.db.outbox.count()).toBe(0);
      expect(await desk.db.shadows.count()).toBe(0);
    }
    // B released the shared package first; A's release and A's duplicate tracking number were refused.
    expect(server.rows('packages').find((p) => p.id === shared.args.packageId)?.release?.deskId).toBe(b.deskId);
    expect(server.rejections().map((r) => [r.deskId, r.code]).sort()).toEqual([
      [a.deskId, 'duplicateTracking'],
      [a.deskId, 'packageNotWaiting'],
    ].sort());
  });

  it('sends the same ids again after a lost response, and the server applies them once', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    const first = receiveArgs();
    const second = receiveArgs();
    await commitMutations(desk.db, doorperson, [first, second]);
    server.failNext({ kind: 'loseResponse' }, '/sync/push');
    await desk.client.syncNow();
    expect(desk.client.store.getState()).toMatchObject({ state: 'offline', lastError: { key: 'unreachable' } });
    expect(await desk.db.outbox.count()).toBe(2); // not confirmed: kept

    await desk.tick(must(desk.timers.pending()[0]));
    const [lost, retried] = pushes(server).map((request) => request.body as PushRequest);
    expect(retried?.mutations.map((m) => m.id)).toEqual(lost?.mutations.map((m) => m.id));
    expect(server.rows('packages').map((p) => p.id).sort()).toEqual([first.args.packageId, second.args.packageId].sort());
    expect(server.rows('events')).toHaveLength(2);
    expect(await desk.db.outbox.count()).toBe(0);
    expect(desk.client.store.getState().state).toBe('online');
  });

  it('backs off exponentially with jitter on 503, honours Retry-After, and recovers', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    await commitMutations(desk.db, doorperson, [receiveArgs()]);
    server.failNext({ kind: 'status', status: 503 }, null, 4);
    server.failNext({ kind: 'status', status: 503, retryAfterSeconds: 20 });
    await desk.client.syncNow();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(desk.client.store.getState()).toMatchObject({ state: 'error', lastError: { key: 'serverUnavailable', params: { status: 503 } } });
      const [delay] = desk.timers.pending();
      delays.push(must(delay));
      // Triggers during the backoff do not bring the retry forward.
      await commitMutations(desk.db, doorperson, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
      await vi.waitFor(() => expect(desk.timers.pending()).toEqual([delay]));
      await desk.tick(must(delay));
    }
    expect(delays).toEqual([750, 1_500, 3_000, 6_000, 20_000]);
    expect(desk.client.store.getState().state).toBe('online');
    expect(await desk.db.outbox.count()).toBe(0);
  });

  it('caps the backoff near 30 s and spreads desks apart with jitter', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 0.999)).toBeCloseTo(4_000, -1);
    expect(backoffDelay(12, () => 1)).toBe(30_000);
    expect(backoffDelay(40, () => 0)).toBe(15_000);
  });

  it('says an update is required on protocolOutdated, and stops', async () => {
    const server = seededServer();
    server.protocolVersion = 2;
    const desk = await startedDesk(server);
    expect(desk.client.store.getState()).toMatchObject({ state: 'updateRequired', lastError: { key: 'updateRequired' }, nextRetryAt: null });
    expect(desk.timers.pending()).toEqual([]);
    const before = server.requests.length;
    await commitMutations(desk.db, doorperson, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
    await vi.waitFor(() => expect(desk.client.store.getState().pendingCount).toBe(1));
    await desk.tick(120_000);
    expect(server.requests.length).toBe(before);
    expect(await desk.db.outbox.count()).toBe(1);
  });

  it('stops on deviceRevoked and says so', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    server.revoke(desk.deskId);
    await commitMutations(desk.db, doorperson, [receiveArgs()]);
    await vi.waitFor(() => expect(desk.timers.pending()[0]).toBe(50));
    await desk.tick(50);
    expect(desk.client.store.getState()).toMatchObject({ state: 'notEnrolled', lastError: { key: 'revoked' } });
    expect(desk.timers.pending()).toEqual([]);
    const before = server.requests.length;
    await desk.tick(300_000);
    expect(server.requests.length).toBe(before);
    expect(await desk.db.outbox.count()).toBe(1); // kept for when the desk is enrolled again
  });

  it('surfaces a sequence gap and retries it only on the slow timer', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    await desk.db.meta.put({ key: 'nextSeq', value: 7 }); // entries 1–6 never reached the server
    await commitMutations(desk.db, doorperson, [receiveArgs()]);
    await vi.waitFor(() => expect(desk.timers.pending()[0]).toBe(50));
    await desk.tick(50);
    expect(desk.client.store.getState()).toMatchObject({ state: 'error', lastError: { key: 'sequenceGap' } });
    expect(desk.timers.pending()).toEqual([60_000]);
    expect(desk.logs).toContainEqual(expect.objectContaining({ level: 'warn', code: 'sync.failed', fields: expect.objectContaining({ kind: 'sequenceGap' }) }));
    const before = pushes(server).length;
    await desk.tick(59_000);
    expect(pushes(server).length).toBe(before);
  });

  it('starts over from 0 when the server says its cursor is ahead (resetRequired)', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    await commitMutations(desk.db, doorperson, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
    await desk.db.units.put({ id: 'u-stale', label: 'ZZ', floor: 1 }); // a row the server does not have
    await desk.db.meta.put({ key: CURSOR_KEY, value: 10_000 });
    await desk.client.syncNow();
    expect(desk.logs).toContainEqual(expect.objectContaining({ code: 'sync.resetRequired' }));
    expect(await desk.db.units.get('u-stale')).toBeUndefined();
    expect(byId(await desk.db.events.toArray())).toEqual(byId(server.rows('events')));
    expect(await desk.db.outbox.count()).toBe(0);
    expect(await desk.db.meta.get(CURSOR_KEY)).toEqual({ key: CURSOR_KEY, value: server.version });
    expect(desk.client.store.getState().state).toBe('online');
  });

  it('sends again what a restored server forgot, while the desk still has it', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    const committed = await commitMutations(desk.db, doorperson, [1, 2].map(() => ({ name: 'recordSignIn' as const, args: { method: 'pin' as const } })));
    server.failNext({ kind: 'network' }, '/sync/pull'); // pushed, but the pull that confirms it fails
    await desk.client.syncNow();
    expect(server.lastProcessedSeq(desk.deskId)).toBe(2);
    expect(await desk.db.outbox.count()).toBe(2);
    server.forgetProgress(desk.deskId, 0, committed.map((c) => c.mutationId));
    await desk.tick(must(desk.timers.pending()[0])); // the retry pulls: the server says 0…
    await desk.tick(0); // …so the entries go again at once
    expect(server.lastProcessedSeq(desk.deskId)).toBe(2);
    expect(await desk.db.outbox.count()).toBe(0);
    expect(pushes(server).map((request) => (request.body as PushRequest).mutations.map((m) => m.seq))).toEqual([[1, 2], [1, 2]]);
  });

  it('fills a sequence gap from the outbox when the server is behind after a push', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    const first = await commitMutations(desk.db, doorperson, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
    server.failNext({ kind: 'network' }, '/sync/pull');
    await desk.client.syncNow(); // seq 1 pushed, not yet confirmed
    server.forgetProgress(desk.deskId, 0, first.map((c) => c.mutationId));
    await commitMutations(desk.db, doorperson, [{ name: 'recordSignOut', args: { reason: 'manual' } }]);
    await desk.client.syncNow(); // pushes seq 2 → 409 sequenceGap (expected 1) → sends 1, 2
    expect(desk.logs).toContainEqual(expect.objectContaining({ code: 'sync.sequenceGapFilled' }));
    expect(server.lastProcessedSeq(desk.deskId)).toBe(2);
    expect(await desk.db.outbox.count()).toBe(0);
    expect(desk.client.store.getState().state).toBe('online');
  });

  it('pulls page after page until hasMore is false', async () => {
    const server = seededServer(); // 6 rows
    const desk = await startedDesk(server, { pullLimit: 2 });
    const pulls = server.requests.filter((request) => request.path === '/sync/pull');
    expect(pulls.map((request) => (request.body as { cursor: number }).cursor)).toEqual([0, 2, 4]);
    expect([await desk.db.buildings.count(), await desk.db.units.count(), await desk.db.residents.count(), await desk.db.staff.count()]).toEqual([1, 2, 2, 1]);
    expect(await desk.db.meta.get(CURSOR_KEY)).toEqual({ key: CURSOR_KEY, value: 6 });
  });

  it('pushes the outbox in sequence order, in batches of at most MAX_MUTATIONS_PER_PUSH', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    const signIns = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 30 }, () => ({ name: 'recordSignIn' as const, args: { method: 'pin' as const } }));
    await commitMutations(desk.db, doorperson, signIns);
    await desk.client.syncNow();
    const batches = pushes(server).map((request) => (request.body as PushRequest).mutations.map((m) => m.seq));
    expect(batches.map((batch) => batch.length)).toEqual([MAX_MUTATIONS_PER_PUSH, 30]);
    expect(batches.flat()).toEqual(Array.from({ length: MAX_MUTATIONS_PER_PUSH + 30 }, (_, i) => i + 1));
    expect(await desk.db.outbox.count()).toBe(0);
    expect(server.lastProcessedSeq(desk.deskId)).toBe(MAX_MUTATIONS_PER_PUSH + 30);
  });

  it('sends fewer mutations per push after bodyTooLarge', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    await commitMutations(desk.db, doorperson, Array.from({ length: 4 }, () => ({ name: 'recordSignIn' as const, args: { method: 'pin' as const } })));
    server.failNext({ kind: 'error', status: 413, code: 'bodyTooLarge' }, '/sync/push');
    await desk.client.syncNow();
    const batches = pushes(server).map((request) => (request.body as PushRequest).mutations.map((m) => m.seq));
    expect(batches).toEqual([[1, 2, 3, 4], [1, 2], [3, 4]]);
    expect(desk.client.store.getState().state).toBe('online');
    expect(await desk.db.outbox.count()).toBe(0);
  });

  it('pulls when poked, and reconnects a broken poke stream with backoff', async () => {
    const server = seededServer();
    const a = await startedDesk(server, { poke: true });
    const b = await startedDesk(server, { poke: true });
    await b.tick(0); // the poke stream's open
    const parcel = receiveArgs();
    await commitMutations(a.db, doorperson, [parcel]);
    await a.client.syncNow();
    await vi.waitFor(() => expect(b.timers.pending()[0]).toBe(0)); // poked: pull now
    await b.tick(0);
    expect(await b.db.packages.get(parcel.args.packageId)).toBeDefined();

    server.dropPokeStreams();
    expect(server.pokeConnections).toBe(0);
    expect(b.timers.pending()).toContain(750);
    await b.tick(750);
    expect(server.pokeConnections).toBe(1);
  });

  it('waits while the machine is offline and syncs as soon as it is back, whatever the backoff', async () => {
    const server = seededServer();
    const network = new FakeNetwork();
    const desk = await startedDesk(server, { network });
    network.set(false);
    expect(desk.client.store.getState().state).toBe('offline');
    server.failNext({ kind: 'network' }, null, 2);
    await commitMutations(desk.db, doorperson, [receiveArgs()]);
    await vi.waitFor(() => expect(desk.timers.pending()[0]).toBe(50));
    await desk.tick(50);
    expect(pushes(server)).toHaveLength(0); // offline: no request at all
    expect(desk.client.store.getState().state).toBe('offline');
    network.set(true);
    await desk.tick(0);
    await desk.tick(must(desk.timers.pending()[0])); // two network failures…
    expect(desk.timers.pending()[0]).toBe(1_500);
    network.set(true); // …and the `online` event retries at once
    await desk.tick(0);
    expect(desk.client.store.getState().state).toBe('online');
    expect(await desk.db.outbox.count()).toBe(0);
  });

  it('lets only the window holding the lock sync; another takes over when it closes', async () => {
    const server = seededServer();
    const locks = new FakeLocks();
    const name = `shared-${Math.random()}`;
    const timers = new ManualTimers();
    const first = await startedDesk(server, { name, locks, timers });
    const second = await startedDesk(server, { name, locks, timers });
    expect(first.deskId).toBe(second.deskId); // two windows, one desk database
    expect(first.client.isLeader).toBe(true);
    expect(second.client.isLeader).toBe(false);
    expect(second.client.store.getState().role).toBe('follower');

    await commitMutations(second.db, doorperson, [receiveArgs()]); // a commit in the follower window
    await vi.waitFor(() => expect(timers.pending()).toContain(50));
    await first.tick(50);
    expect(pushes(server)).toHaveLength(1);
    await vi.waitFor(() => expect(second.client.store.getState()).toMatchObject({ pendingCount: 0, state: 'online', lastSuccessAt: expect.any(String) }));

    await first.client.stop();
    await vi.waitFor(() => expect(second.client.isLeader).toBe(true));
    await second.tick(0); // the new leader's first cycle
    expect(second.client.store.getState().role).toBe('leader');
    await commitMutations(second.db, doorperson, [receiveArgs()]);
    await vi.waitFor(() => expect(timers.pending()).toContain(50));
    await second.tick(50);
    expect(pushes(server)).toHaveLength(2);
    expect(await second.db.outbox.count()).toBe(0);
  });

  it('quarantines a pulled row that fails validation and keeps syncing', async () => {
    const server = seededServer();
    server.seed('packages', [{ id: 'p-broken', status: 'lost' } as unknown as Package]);
    const desk = await startedDesk(server);
    expect(desk.client.store.getState().state).toBe('online');
    expect(await desk.db.quarantine.toArray()).toEqual([expect.objectContaining({ table: 'packages', row: { id: 'p-broken', status: 'lost' } })]);
    expect(await desk.db.residents.count()).toBe(2);
  });

  it('evicts history that aged past the service’s window after a pull, at most once an hour', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    const old = receiveArgs();
    await commitMutations(desk.db, doorperson, [old, release(old.args.packageId)]);
    await desk.client.syncNow();
    expect(await desk.db.packages.get(old.args.packageId)).toMatchObject({ status: 'released' });

    // The service's window now starts after that release: the next pull drops it from the desk.
    server.historySince = new Date(Date.now() + 60_000).toISOString(); // commits are stamped by the real clock
    await desk.client.syncNow();
    expect(await desk.db.packages.get(old.args.packageId)).toBeUndefined();
    expect(await desk.db.events.count()).toBe(0);
    expect(server.rows('packages')).toHaveLength(1); // still on the service
    expect(desk.logs.filter((line) => line.code === 'sync.historyEvicted')).toEqual([
      expect.objectContaining({ fields: { packages: 1, events: 2, rejections: 0, bookings: 0, threads: 0, messages: 0 } }),
    ]);

    // A waiting package never ages out; and within the hour nothing is evicted again.
    const waiting = receiveArgs();
    const later = receiveArgs();
    await commitMutations(desk.db, doorperson, [waiting, later, release(later.args.packageId)]);
    await desk.client.syncNow();
    server.historySince = new Date(Date.now() + 120_000).toISOString();
    await desk.client.syncNow();
    expect(await desk.db.packages.get(later.args.packageId)).toMatchObject({ status: 'released' });
    await desk.timers.advance(EVICTION_INTERVAL_MS);
    await desk.client.syncNow();
    expect(await desk.db.packages.get(later.args.packageId)).toBeUndefined();
    expect(await desk.db.packages.get(waiting.args.packageId)).toMatchObject({ status: 'waiting' });
  });

  it('renumbers, and loses nothing, when its database went back in time and reused sequence numbers', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    await commitMutations(desk.db, doorperson, [receiveArgs(), receiveArgs()]);
    await desk.client.syncNow();
    expect(server.lastProcessedSeq(desk.deskId)).toBe(2);
    await desk.client.stop();
    // Restored from a backup taken before those two: the desk hands out 1 and 2 again.
    await desk.db.meta.bulkDelete(['nextSeq', 'lastProcessedSeq']);
    const late = [receiveArgs(), receiveArgs(), receiveArgs()];
    expect((await commitMutations(desk.db, doorperson, late)).map((entry) => entry.seq)).toEqual([1, 2, 3]);

    const logs: Array<{ code: string; fields: unknown }> = [];
    const restarted = new SyncClient({ db: desk.db, transport: server.transportFor(desk.deskId), timers: desk.timers, log: (_level, code, fields) => logs.push({ code, fields }) });
    restarted.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await restarted.syncNow();
    await restarted.syncNow();
    for (const request of late) expect(server.rows('packages').some((pkg) => pkg.id === request.args.packageId)).toBe(true);
    expect(await desk.db.outbox.count()).toBe(0);
    expect(server.lastProcessedSeq(desk.deskId)).toBe(5);
    expect(logs.filter((line) => line.code === 'sync.sequenceReused')).toEqual([{ code: 'sync.sequenceReused', fields: { lastProcessedSeq: 2, moved: 3 } }]);
    // New commits continue above.
    expect((await commitMutations(desk.db, doorperson, [receiveArgs()]))[0]?.seq).toBe(6);
    await restarted.stop();
  });

  it('applies tombstones from the server', async () => {
    const server = seededServer();
    const desk = await startedDesk(server);
    await server.remove('residents', 'r-dupont');
    await desk.client.syncNow();
    expect((await desk.db.residents.toArray()).map((r) => r.id)).toEqual(['r-nunez']);
  });
});
