import { describe, expect, it } from 'vitest';
import type { Package, Resident, StaffRole, Unit } from '../domain/model';
import { canonicalUnitLabel } from './directory';
import { MemoryStore } from './memoryTx';
import { runMutation } from './registry';
import { MutationRejected } from './rejection';
import type { MutationContext } from './tx';

const units: Unit[] = [
  { id: 'u1', label: '12B', floor: 12 },
  { id: 'u2', label: '3A', floor: 3 },
];
const resident = (id: string, unitId: string, extra: Partial<Resident> = {}): Resident => ({
  id, unitId, firstName: 'José', lastName: 'Núñez', email: null, phone: null, language: 'es',
  measurement: 'metric', occupancy: 'owner', authorizedPickups: [], ...extra,
});
const waitingPackage = (id: string, residentId: string, unitId: string, status: Package['status'] = 'waiting'): Package => ({
  id, shortCode: `ABC${id.padStart(3, '0').slice(-3)}`, trackingNumber: null, carrier: 'unknown', trackingFormat: null, kind: 'parcel',
  unitId, residentId, status, size: null, location: null, flags: [], note: null,
  receivedAt: '2026-03-01T10:00:00.000Z', receivedBy: 's1', receivedDeskId: 'd1', release: null,
});

let sequence = 0;
function context(overrides: Partial<MutationContext> = {}): MutationContext {
  sequence += 1;
  return { mutationId: `m-${sequence}`, staffId: 's1', staffRole: 'manager', deskId: 'd1', at: '2026-03-01T15:00:00.000Z', ...overrides };
}

function directoryStore(): MemoryStore {
  const store = new MemoryStore();
  store.seed('units', units);
  store.seed('residents', [resident('r1', 'u1'), resident('r2', 'u2')]);
  return store;
}

async function run(store: MemoryStore, name: string, args: unknown, ctx = context()) {
  await store.transaction((tx) => runMutation(tx, name, args, ctx));
  return ctx;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MutationRejected> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MutationRejected);
  return error as MutationRejected;
}

const residentArgs = (residentId: string, extra: Record<string, unknown> = {}) => ({
  residentId, unitId: 'u2', firstName: ' Amélie ', lastName: 'Poulain', email: 'amelie@example.org', phone: '+33 1 23 45 67 89',
  language: 'fr', measurement: 'metric', occupancy: 'tenant',
  authorizedPickups: [{ id: 'ap1', name: 'Nino Quincampoix', relationship: 'Partner' }], ...extra,
});

const NOT_ALLOWED: StaffRole[] = ['doorperson'];
const ALLOWED: StaffRole[] = ['manager', 'admin'];

describe('upsertUnit', () => {
  it('creates a unit with a canonical label and records who did it, without the label in the event', async () => {
    const store = directoryStore();
    const ctx = await run(store, 'upsertUnit', { unitId: 'u3', label: '  14  c ', floor: 14 });
    expect(store.rows('units')).toContainEqual({ id: 'u3', label: '14 C', floor: 14 });
    const events = store.rows('events');
    expect(events).toEqual([expect.objectContaining({ type: 'unit.created', unitId: 'u3', staffId: 's1', mutationId: ctx.mutationId, data: { fields: 'label,floor' } })]);
    expect(JSON.stringify(events)).not.toContain('14 C');
  });

  it('changes the label and floor of an existing unit, naming the changed fields only', async () => {
    const store = directoryStore();
    await run(store, 'upsertUnit', { unitId: 'u1', label: '12B', floor: 11 });
    expect(store.rows('units')).toContainEqual({ id: 'u1', label: '12B', floor: 11 });
    expect(store.rows('events')).toEqual([expect.objectContaining({ type: 'unit.updated', unitId: 'u1', data: { fields: 'floor' } })]);
  });

  it('refuses a label another unit has, whatever its case or spacing', async () => {
    const store = directoryStore();
    const rejection = await rejectionOf(run(store, 'upsertUnit', { unitId: 'u3', label: '12b', floor: 12 }));
    expect(rejection).toMatchObject({ code: 'unitLabelTaken', params: { label: '12B' } });
    expect((await rejectionOf(run(store, 'upsertUnit', { unitId: 'u2', label: '12B', floor: 3 }))).code).toBe('unitLabelTaken');
    expect(store.rows('units')).toEqual(units);
    expect(store.rows('events')).toEqual([]);
  });

  it('lets two labels swap only one at a time (the second write sees the first)', async () => {
    const store = directoryStore();
    await run(store, 'upsertUnit', { unitId: 'u1', label: '12B-OLD', floor: 12 });
    await run(store, 'upsertUnit', { unitId: 'u2', label: '12B', floor: 3 });
    expect(store.rows('units').map((unit) => unit.label).sort()).toEqual(['12B', '12B-OLD']);
  });

  it.each([
    ['an empty label', { label: '   ' }, 'label'],
    ['a label over 16 characters', { label: 'X'.repeat(17) }, 'label'],
    ['control characters in the label', { label: '1\u00072' }, 'label'],
    ['a floor that is not a whole number', { floor: 2.5 }, 'floor'],
    ['a floor out of range', { floor: 301 }, 'floor'],
    ['a malformed id', { unitId: 'a b' }, 'unitId'],
  ])('rejects %s as invalid arguments', async (_label, extra, field) => {
    const store = directoryStore();
    const rejection = await rejectionOf(run(store, 'upsertUnit', { unitId: 'u3', label: '14C', floor: 14, ...extra }));
    expect(rejection).toMatchObject({ code: 'invalidArguments', params: { field } });
    expect(store.rows('units')).toEqual(units);
  });

  it('canonicalizes labels the same way on every side', () => {
    expect(canonicalUnitLabel(' ph  2 ')).toBe('PH 2');
    expect(canonicalUnitLabel('12b')).toBe(canonicalUnitLabel('12B'));
  });
});

describe('upsertResident', () => {
  it('creates a resident with trimmed fields; the event names fields, never their values', async () => {
    const store = directoryStore();
    await run(store, 'upsertResident', residentArgs('r3'));
    expect(store.rows('residents')).toContainEqual({
      id: 'r3', unitId: 'u2', firstName: 'Amélie', lastName: 'Poulain', email: 'amelie@example.org', phone: '+33 1 23 45 67 89',
      language: 'fr', measurement: 'metric', occupancy: 'tenant', authorizedPickups: [{ id: 'ap1', name: 'Nino Quincampoix', relationship: 'Partner' }],
    });
    const events = store.rows('events');
    expect(events).toEqual([expect.objectContaining({ type: 'resident.created', residentId: 'r3', unitId: 'u2' })]);
    const serialized = JSON.stringify(events);
    for (const personal of ['Amélie', 'Poulain', 'amelie@example.org', '+33', 'Nino']) expect(serialized).not.toContain(personal);
  });

  it('corrects a resident and lists what changed, including removed pickup people', async () => {
    const store = directoryStore();
    await run(store, 'upsertResident', residentArgs('r3'));
    await run(store, 'upsertResident', residentArgs('r3', { email: null, authorizedPickups: [] }));
    expect(store.rows('residents').find((row) => row.id === 'r3')).toMatchObject({ email: null, authorizedPickups: [] });
    expect(store.rows('events').find((event) => event.type === 'resident.updated')?.data).toEqual({ fields: 'email,authorizedPickups', pickups: 0 });
  });

  it('requires the unit to exist', async () => {
    const store = directoryStore();
    expect((await rejectionOf(run(store, 'upsertResident', residentArgs('r3', { unitId: 'u9' })))).code).toBe('unitUnknown');
    expect(store.rows('residents')).toHaveLength(2);
  });

  it('moves a resident to another unit only when nothing waits for them', async () => {
    const store = directoryStore();
    store.seed('packages', [waitingPackage('p1', 'r1', 'u1'), waitingPackage('p2', 'r1', 'u1', 'released')]);
    const rejection = await rejectionOf(run(store, 'upsertResident', residentArgs('r1', { unitId: 'u2' })));
    expect(rejection).toMatchObject({ code: 'residentHasWaitingPackages', params: { count: 1 } });
    // Other corrections stay possible while packages wait.
    await run(store, 'upsertResident', residentArgs('r1', { unitId: 'u1' }));
    store.seed('packages', [waitingPackage('p1', 'r1', 'u1', 'released')]);
    await run(store, 'upsertResident', residentArgs('r1', { unitId: 'u2' }));
    expect(store.rows('residents').find((row) => row.id === 'r1')?.unitId).toBe('u2');
  });

  it.each([
    ['a malformed e-mail', { email: 'not-an-address' }, 'email'],
    ['a phone number with letters', { phone: 'call me' }, 'phone'],
    ['an empty first name', { firstName: '  ' }, 'firstName'],
    ['an unknown language', { language: 'de' }, 'language'],
    ['an unknown occupancy', { occupancy: 'guest' }, 'occupancy'],
    ['two pickup people with one id', { authorizedPickups: [{ id: 'a', name: 'X', relationship: null }, { id: 'a', name: 'Y', relationship: null }] }, 'authorizedPickups'],
    ['more than 20 pickup people', { authorizedPickups: Array.from({ length: 21 }, (_, i) => ({ id: `a${i}`, name: 'X', relationship: null })) }, 'authorizedPickups'],
    ['a pickup person without a name', { authorizedPickups: [{ id: 'a', name: ' ', relationship: null }] }, 'authorizedPickups.0.name'],
  ])('rejects %s as invalid arguments', async (_label, extra, field) => {
    const store = directoryStore();
    const rejection = await rejectionOf(run(store, 'upsertResident', residentArgs('r3', extra)));
    expect(rejection).toMatchObject({ code: 'invalidArguments', params: { field } });
    expect(store.rows('residents')).toHaveLength(2);
  });

  it('accepts phone numbers as people write them', async () => {
    const store = directoryStore();
    for (const phone of ['(555) 010-0199', '+1 555.010.0199 x12', '0612345678', '+34 600 123 456 ext. 4']) {
      await run(store, 'upsertResident', residentArgs('r3', { phone }));
    }
  });
});

describe('moveOutResident', () => {
  it('deletes the resident and records it by id', async () => {
    const store = directoryStore();
    store.seed('packages', [waitingPackage('p1', 'r1', 'u1', 'released')]);
    await run(store, 'moveOutResident', { residentId: 'r1' });
    expect(store.rows('residents').map((row) => row.id)).toEqual(['r2']);
    expect(store.rows('events')).toEqual([expect.objectContaining({ type: 'resident.movedOut', residentId: 'r1', unitId: 'u1', data: {} })]);
  });

  it('refuses while packages wait for the resident, and says how many', async () => {
    const store = directoryStore();
    store.seed('packages', [waitingPackage('p1', 'r1', 'u1'), waitingPackage('p2', 'r1', 'u1'), waitingPackage('p3', 'r2', 'u2')]);
    const rejection = await rejectionOf(run(store, 'moveOutResident', { residentId: 'r1' }));
    expect(rejection).toMatchObject({ code: 'residentHasWaitingPackages', params: { count: 2 } });
    expect(store.rows('residents')).toHaveLength(2);
  });

  it('refuses a resident who is not (or no longer) in the directory', async () => {
    const store = directoryStore();
    await run(store, 'moveOutResident', { residentId: 'r1' });
    expect((await rejectionOf(run(store, 'moveOutResident', { residentId: 'r1' }))).code).toBe('residentUnknown');
  });
});

describe('directory roles', () => {
  const cases = [
    ['upsertUnit', { unitId: 'u3', label: '14C', floor: 14 }],
    ['upsertResident', residentArgs('r3')],
    ['moveOutResident', { residentId: 'r2' }],
  ] as const;

  it.each(cases.flatMap(([name, args]) => NOT_ALLOWED.map((role) => [name, role, args] as const)))('%s is refused to a %s', async (name, role, args) => {
    const store = directoryStore();
    const rejection = await rejectionOf(run(store, name, args, context({ staffRole: role })));
    expect(rejection).toMatchObject({ code: 'notAllowedForRole', params: { role } });
    expect(store.rows('events')).toEqual([]);
  });

  it.each(cases.flatMap(([name, args]) => ALLOWED.map((role) => [name, role, args] as const)))('%s is allowed to a %s', async (name, role, args) => {
    const store = directoryStore();
    await run(store, name, args, context({ staffRole: role }));
    expect(store.rows('events')).toHaveLength(1);
  });
});
