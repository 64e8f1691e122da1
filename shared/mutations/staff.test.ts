import { describe, expect, it } from 'vitest';
import type { PinVerifier, Staff, StaffRole } from '../domain/model';
import { createPinVerifier, verifyPin } from '../auth/pin';
import { MemoryStore } from './memoryTx';
import { runMutation } from './registry';
import { MutationRejected } from './rejection';
import { mayManageRole } from './staff';
import type { MutationContext } from './tx';

const verifier = (seed: string): PinVerifier => ({ algorithm: 'PBKDF2-SHA-256', iterations: 10_000, salt: seed.repeat(32).slice(0, 32), hash: seed.repeat(64).slice(0, 64) });

const member = (id: string, role: StaffRole, active = true): Staff => ({
  id, displayName: `Staff ${id}`, role, language: 'en', measurement: 'metric', active, pin: verifier('a'),
});

// s-door: doorperson, s-man: manager, s-man2: manager, s-adm: admin, s-off: a disabled doorperson.
function staffStore(rows: Staff[] = [member('s-door', 'doorperson'), member('s-man', 'manager'), member('s-man2', 'manager'), member('s-adm', 'admin'), member('s-off', 'doorperson', false)]): MemoryStore {
  const store = new MemoryStore();
  store.seed('staff', rows);
  return store;
}

let sequence = 0;
/** The context of a staff member as the server builds it: their id and the role of their row. */
function as(staffId: string, staffRole: StaffRole): MutationContext {
  sequence += 1;
  return { mutationId: `m-${sequence}`, staffId, staffRole, deskId: 'd1', at: '2026-03-01T15:00:00.000Z' };
}
const MANAGER = () => as('s-man', 'manager');
const ADMIN = () => as('s-adm', 'admin');
const DOORPERSON = () => as('s-door', 'doorperson');

async function run(store: MemoryStore, name: string, args: unknown, ctx: MutationContext) {
  await store.transaction((tx) => runMutation(tx, name, args, ctx));
  return ctx;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MutationRejected> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MutationRejected);
  return error as MutationRejected;
}

const addArgs = (staffId: string, role: StaffRole, extra: Record<string, unknown> = {}) => ({
  staffId, displayName: '  Eve Martin ', role, language: 'fr', measurement: 'metric', pin: verifier('b'), ...extra,
});

const row = (store: MemoryStore, id: string) => store.rows('staff').find((staff) => staff.id === id);

describe('addStaff', () => {
  it('adds an active staff member with the verifier the desk computed; the event holds ids and codes only', async () => {
    const store = staffStore();
    const ctx = await run(store, 'addStaff', addArgs('s-new', 'doorperson'), MANAGER());
    expect(row(store, 's-new')).toEqual({ id: 's-new', displayName: 'Eve Martin', role: 'doorperson', language: 'fr', measurement: 'metric', active: true, pin: verifier('b') });
    const events = store.rows('events');
    expect(events).toEqual([expect.objectContaining({ type: 'staff.added', staffId: 's-man', mutationId: ctx.mutationId, data: { subjectStaffId: 's-new', role: 'doorperson' } })]);
    expect(JSON.stringify(events)).not.toContain('Eve');
  });

  it('stores a verifier that checks the PIN typed at the desk, and never the PIN', async () => {
    const store = staffStore();
    const pin = await createPinVerifier('482916', 10_000);
    await run(store, 'addStaff', addArgs('s-new', 'doorperson', { pin }), MANAGER());
    const stored = row(store, 's-new');
    expect(stored && (await verifyPin('482916', stored.pin))).toBe(true);
    expect(JSON.stringify(store.rows('staff'))).not.toContain('482916');
  });

  it.each([
    ['manager', 'doorperson', true],
    ['manager', 'manager', false],
    ['manager', 'admin', false],
    ['admin', 'doorperson', true],
    ['admin', 'manager', true],
    ['admin', 'admin', true],
  ] as const)('a %s adding a %s: allowed %s', async (actorRole, role, allowed) => {
    const store = staffStore();
    const ctx = actorRole === 'admin' ? ADMIN() : MANAGER();
    if (allowed) {
      await run(store, 'addStaff', addArgs('s-new', role), ctx);
      expect(row(store, 's-new')?.role).toBe(role);
    } else {
      const rejection = await rejectionOf(run(store, 'addStaff', addArgs('s-new', role), ctx));
      expect(rejection).toMatchObject({ code: 'notAllowedForRole', params: { role: actorRole } });
      expect(row(store, 's-new')).toBeUndefined();
    }
  });

  it('is refused to doorpersons', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'addStaff', addArgs('s-new', 'doorperson'), DOORPERSON()))).code).toBe('notAllowedForRole');
  });

  it('never overwrites an existing staff member', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'addStaff', addArgs('s-door', 'doorperson'), MANAGER()))).code).toBe('staffAlreadyExists');
    expect(row(store, 's-door')).toEqual(member('s-door', 'doorperson'));
  });

  it.each([
    ['a plain PIN instead of a verifier', { pin: '1234' }, 'pin'],
    ['a verifier with too few iterations', { pin: { ...verifier('b'), iterations: 1000 } }, 'pin.iterations'],
    ['another algorithm', { pin: { ...verifier('b'), algorithm: 'MD5' } }, 'pin.algorithm'],
    ['an empty name', { displayName: ' ' }, 'displayName'],
    ['an unknown role', { role: 'owner' }, 'role'],
  ])('rejects %s as invalid arguments', async (_label, extra, field) => {
    const store = staffStore();
    const rejection = await rejectionOf(run(store, 'addStaff', { ...addArgs('s-new', 'doorperson'), ...extra }, ADMIN()));
    expect(rejection).toMatchObject({ code: 'invalidArguments', params: { field } });
    expect(row(store, 's-new')).toBeUndefined();
  });
});

describe('resetStaffPin', () => {
  it('replaces the verifier and records the reset without any PIN material', async () => {
    const store = staffStore();
    await run(store, 'resetStaffPin', { staffId: 's-door', pin: verifier('c') }, MANAGER());
    expect(row(store, 's-door')?.pin).toEqual(verifier('c'));
    const events = store.rows('events');
    expect(events).toEqual([expect.objectContaining({ type: 'staff.pinReset', data: { subjectStaffId: 's-door' } })]);
    expect(JSON.stringify(events)).not.toContain(verifier('c').hash);
  });

  it.each([
    ['manager', 's-door', true],
    ['manager', 's-off', true],
    ['manager', 's-man', true], // their own PIN
    ['manager', 's-man2', false],
    ['manager', 's-adm', false],
    ['admin', 's-man', true],
    ['admin', 's-adm', true],
  ] as const)('a %s resetting the PIN of %s: allowed %s', async (actorRole, target, allowed) => {
    const store = staffStore();
    const ctx = actorRole === 'admin' ? ADMIN() : MANAGER();
    if (allowed) {
      await run(store, 'resetStaffPin', { staffId: target, pin: verifier('c') }, ctx);
      expect(row(store, target)?.pin).toEqual(verifier('c'));
    } else {
      expect((await rejectionOf(run(store, 'resetStaffPin', { staffId: target, pin: verifier('c') }, ctx))).code).toBe('notAllowedForRole');
      expect(row(store, target)?.pin).toEqual(verifier('a'));
    }
  });

  it('is refused to doorpersons, even for their own PIN', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'resetStaffPin', { staffId: 's-door', pin: verifier('c') }, DOORPERSON()))).code).toBe('notAllowedForRole');
  });

  it('refuses an unknown staff member', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'resetStaffPin', { staffId: 's-nobody', pin: verifier('c') }, ADMIN()))).code).toBe('staffMemberUnknown');
  });
});

describe('setStaffActive', () => {
  it('disables and enables a doorperson, recording each by id', async () => {
    const store = staffStore();
    await run(store, 'setStaffActive', { staffId: 's-door', active: false }, MANAGER());
    expect(row(store, 's-door')?.active).toBe(false);
    await run(store, 'setStaffActive', { staffId: 's-door', active: true }, MANAGER());
    expect(row(store, 's-door')?.active).toBe(true);
    expect(store.rows('events').map((event) => [event.type, event.data])).toEqual([
      ['staff.disabled', { subjectStaffId: 's-door', role: 'doorperson' }],
      ['staff.enabled', { subjectStaffId: 's-door', role: 'doorperson' }],
    ]);
  });

  it('does not let anyone disable themselves', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'setStaffActive', { staffId: 's-man', active: false }, MANAGER()))).code).toBe('cannotDisableSelf');
    expect((await rejectionOf(run(store, 'setStaffActive', { staffId: 's-adm', active: false }, ADMIN()))).code).toBe('cannotDisableSelf');
    expect(row(store, 's-man')?.active).toBe(true);
    expect(row(store, 's-adm')?.active).toBe(true);
  });

  it.each([
    ['manager', 's-door', true],
    ['manager', 's-man2', false],
    ['manager', 's-adm', false],
    ['admin', 's-man', true],
    ['admin', 's-man2', true],
  ] as const)('a %s disabling %s: allowed %s', async (actorRole, target, allowed) => {
    const store = staffStore();
    const ctx = actorRole === 'admin' ? ADMIN() : MANAGER();
    if (allowed) {
      await run(store, 'setStaffActive', { staffId: target, active: false }, ctx);
      expect(row(store, target)?.active).toBe(false);
    } else {
      expect((await rejectionOf(run(store, 'setStaffActive', { staffId: target, active: false }, ctx))).code).toBe('notAllowedForRole');
      expect(row(store, target)?.active).toBe(true);
    }
  });

  it('lets an admin disable another admin while the admin doing it stays active', async () => {
    const store = staffStore([member('s-adm', 'admin'), member('s-adm2', 'admin')]);
    await run(store, 'setStaffActive', { staffId: 's-adm2', active: false }, ADMIN());
    expect(row(store, 's-adm2')?.active).toBe(false);
    // Now s-adm is the last one: the only way to disable them would be themselves, which is refused.
    expect((await rejectionOf(run(store, 'setStaffActive', { staffId: 's-adm', active: false }, ADMIN()))).code).toBe('cannotDisableSelf');
  });

  it.each([
    ['the acting admin has no staff row', [member('s-man', 'manager')]],
    ['the acting admin was disabled meanwhile', [member('s-man', 'manager'), member('s-adm', 'admin', false)]],
  ] as const)('refuses to disable the last active manager when %s', async (_label, rows) => {
    const store = staffStore([...rows]);
    expect((await rejectionOf(run(store, 'setStaffActive', { staffId: 's-man', active: false }, ADMIN()))).code).toBe('lastManager');
    expect(row(store, 's-man')?.active).toBe(true);
  });

  it('always allows enabling a disabled manager again (by an admin)', async () => {
    const store = staffStore([member('s-adm', 'admin'), member('s-man', 'manager', false)]);
    await run(store, 'setStaffActive', { staffId: 's-man', active: true }, ADMIN());
    expect(row(store, 's-man')?.active).toBe(true);
  });

  it('is refused to doorpersons', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'setStaffActive', { staffId: 's-off', active: true }, DOORPERSON()))).code).toBe('notAllowedForRole');
    expect(row(store, 's-off')?.active).toBe(false);
  });

  it('refuses an unknown staff member', async () => {
    const store = staffStore();
    expect((await rejectionOf(run(store, 'setStaffActive', { staffId: 's-nobody', active: false }, ADMIN()))).code).toBe('staffMemberUnknown');
  });
});

describe('mayManageRole', () => {
  it('lets admins manage everyone and managers only doorpersons', () => {
    expect(mayManageRole('admin', 'admin')).toBe(true);
    expect(mayManageRole('manager', 'doorperson')).toBe(true);
    expect(mayManageRole('manager', 'manager')).toBe(false);
    expect(mayManageRole('doorperson', 'doorperson')).toBe(true); // the mutators' roles keep doorpersons out first
  });
});
