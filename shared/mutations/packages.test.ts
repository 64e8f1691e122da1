import { describe, expect, it } from 'vitest';
import type { Resident, Unit } from '../domain/model';
import { MemoryStore } from './memoryTx';
import { runMutation } from './registry';
import { MutationRejected } from './rejection';
import type { MutationContext } from './tx';

const units: Unit[] = [
  { id: 'u1', label: '12B', floor: 12 },
  { id: 'u2', label: '3A', floor: 3 },
];
const resident = (id: string, unitId: string): Resident => ({
  id, unitId, firstName: 'José', lastName: 'Núñez', email: null, phone: null, language: 'es',
  measurement: 'metric', occupancy: 'owner', authorizedPickups: [],
});

let sequence = 0;
function context(overrides: Partial<MutationContext> = {}): MutationContext {
  sequence += 1;
  return { mutationId: `m-${sequence}`, staffId: 's1', staffRole: 'doorperson', deskId: 'd1', at: '2026-03-01T15:00:00.000Z', ...overrides };
}

function storeWithResidents(): MemoryStore {
  const store = new MemoryStore();
  store.seed('units', units);
  store.seed('residents', [resident('r1', 'u1'), resident('r2', 'u2'), resident('r3', 'u1')]);
  return store;
}

const receive = (packageId: string, extra: Record<string, unknown> = {}) => ({
  packageId, shortCode: 'ABC123', trackingNumber: '1Z999AA10123456784', carrier: 'ups', trackingFormat: null,
  kind: 'parcel', residentId: 'r1', size: null, location: 'A1', flags: [], note: null, ...extra,
});

async function run(store: MemoryStore, name: string, args: unknown, ctx = context()) {
  await store.transaction((tx) => runMutation(tx, name, args, ctx));
  return ctx;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MutationRejected> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MutationRejected);
  return error as MutationRejected;
}

describe('receivePackage', () => {
  it('files the package under the recipient unit and logs the event', async () => {
    const store = storeWithResidents();
    const ctx = await run(store, 'receivePackage', receive('p1'));
    expect(store.rows('packages')).toEqual([expect.objectContaining({ id: 'p1', unitId: 'u1', status: 'waiting', receivedAt: ctx.at })]);
    expect(store.rows('events')).toEqual([expect.objectContaining({ type: 'package.received', mutationId: ctx.mutationId, packageId: 'p1' })]);
  });

  it('requires a known recipient', async () => {
    const store = storeWithResidents();
    expect((await rejectionOf(run(store, 'receivePackage', receive('p1', { residentId: 'nobody' })))).code).toBe('recipientUnknown');
    expect(store.rows('packages')).toEqual([]);
  });

  it('refuses a tracking number that is already waiting, naming the existing package', async () => {
    const store = storeWithResidents();
    await run(store, 'receivePackage', receive('p1'));
    const rejection = await rejectionOf(run(store, 'receivePackage', receive('p2', { shortCode: 'ABC124' })));
    expect(rejection).toMatchObject({ code: 'duplicateTracking', params: { shortCode: 'ABC123' } });
  });

  it('accepts packages without tracking number (envelopes, flowers)', async () => {
    const store = storeWithResidents();
    await run(store, 'receivePackage', receive('p1', { trackingNumber: null, kind: 'flowers', carrier: 'unknown' }));
    await run(store, 'receivePackage', receive('p2', { trackingNumber: null, kind: 'flowers', carrier: 'unknown', shortCode: 'ABC124' }));
    expect(store.rows('packages')).toHaveLength(2);
  });

  it.each([
    ['over-long note', { note: 'x'.repeat(501) }],
    ['control characters in the location', { location: 'A\u00001' }],
    ['lower-case tracking number (the desk normalizes first)', { trackingNumber: '1z999' }],
    ['unknown flag', { flags: ['explosive'] }],
    ['missing recipient', { residentId: undefined }],
  ])('rejects %s as invalid arguments', async (_label, extra) => {
    const store = storeWithResidents();
    expect((await rejectionOf(run(store, 'receivePackage', receive('p1', extra)))).code).toBe('invalidArguments');
  });

  it('rejects unknown mutation names', async () => {
    const store = storeWithResidents();
    expect((await rejectionOf(run(store, 'dropTables', {}))).code).toBe('invalidArguments');
  });
});

describe('releasePackage and undoRelease', () => {
  async function storeWithWaitingPackage(flags: string[] = []) {
    const store = storeWithResidents();
    await run(store, 'receivePackage', receive('p1', { flags }));
    return store;
  }

  it('releases to the resident and records who took it', async () => {
    const store = await storeWithWaitingPackage();
    const ctx = await run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'resident', residentId: 'r3' }, signature: null });
    const [pkg] = store.rows('packages');
    expect(pkg?.status).toBe('released');
    expect(pkg?.release).toMatchObject({ mutationId: ctx.mutationId, recipientName: 'José Núñez', to: { kind: 'resident' } });
  });

  it('releases to a proxy on behalf of a resident of the same unit', async () => {
    const store = await storeWithWaitingPackage();
    await run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'proxy', name: 'Marta Ruiz', onBehalfOf: 'r1' }, signature: null });
    expect(store.rows('packages')[0]?.release?.recipientName).toBe('Marta Ruiz');
  });

  it('refuses a proxy for another unit and a resident of another unit', async () => {
    const store = await storeWithWaitingPackage();
    expect((await rejectionOf(run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'proxy', name: 'X', onBehalfOf: 'r2' }, signature: null }))).code).toBe('proxyNotForUnit');
    expect((await rejectionOf(run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'resident', residentId: 'r2' }, signature: null }))).code).toBe('mixedUnits');
  });

  it('never releases a package twice', async () => {
    const store = await storeWithWaitingPackage();
    const args = { packageId: 'p1', to: { kind: 'resident', residentId: 'r1' }, signature: null };
    await run(store, 'releasePackage', args);
    expect(await rejectionOf(run(store, 'releasePackage', args))).toMatchObject({ code: 'packageNotWaiting', params: { shortCode: 'ABC123' } });
  });

  it('requires a signature when the package asks for one', async () => {
    const store = await storeWithWaitingPackage(['signatureRequired']);
    const args = { packageId: 'p1', to: { kind: 'resident', residentId: 'r1' }, signature: null };
    expect((await rejectionOf(run(store, 'releasePackage', args))).code).toBe('signatureRequired');
    await run(store, 'releasePackage', { ...args, signature: 'M 1 1 L 20 20' });
    expect(store.rows('packages')[0]?.release?.signature).toBe('M 1 1 L 20 20');
  });

  it('undoes a release shortly after, and only that release', async () => {
    const store = await storeWithWaitingPackage();
    const release = await run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'resident', residentId: 'r1' }, signature: null });
    expect((await rejectionOf(run(store, 'undoRelease', { packageId: 'p1', releaseMutationId: 'm-other' }))).code).toBe('releaseNotUndoable');
    const late = context({ at: '2026-03-01T15:10:00.000Z' });
    expect((await rejectionOf(run(store, 'undoRelease', { packageId: 'p1', releaseMutationId: release.mutationId }, late))).code).toBe('undoWindowPassed');
    await run(store, 'undoRelease', { packageId: 'p1', releaseMutationId: release.mutationId }, context({ at: '2026-03-01T15:00:05.000Z' }));
    expect(store.rows('packages')[0]).toMatchObject({ status: 'waiting', release: null });
    expect(store.rows('events').map((e) => e.type)).toEqual(['package.received', 'package.released', 'package.releaseUndone']);
  });
});

describe('shelf codes', () => {
  it('are unique among waiting packages, and free again once a package is released', async () => {
    const store = storeWithResidents();
    await run(store, 'receivePackage', receive('p1', { trackingNumber: null }));
    const clash = await rejectionOf(run(store, 'receivePackage', receive('p2', { trackingNumber: null })));
    expect(clash).toMatchObject({ code: 'shortCodeTaken', params: { shortCode: 'ABC123' } });
    await run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'resident', residentId: 'r1' }, signature: null });
    await run(store, 'receivePackage', receive('p2', { trackingNumber: null }));
    expect(store.rows('packages').map((pkg) => pkg.status)).toEqual(['released', 'waiting']);
  });
});

describe('undoing a release', () => {
  it('is refused when another waiting package took the shelf code meanwhile', async () => {
    const store = storeWithResidents();
    await run(store, 'receivePackage', receive('p1', { trackingNumber: null }));
    const release = await run(store, 'releasePackage', { packageId: 'p1', to: { kind: 'resident', residentId: 'r1' }, signature: null });
    await run(store, 'receivePackage', receive('p2', { trackingNumber: null }));
    const clash = await rejectionOf(run(store, 'undoRelease', { packageId: 'p1', releaseMutationId: release.mutationId }, context({ at: '2026-03-01T15:00:05.000Z' })));
    expect(clash.code).toBe('shortCodeTaken');
    expect(store.rows('packages').filter((pkg) => pkg.status === 'waiting').map((pkg) => pkg.id)).toEqual(['p2']);
  });
});
