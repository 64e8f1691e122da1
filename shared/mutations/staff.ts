import { z } from 'zod';
import { Id, Language, MeasurementSystem, PinVerifier, StaffRole, type Staff } from '../domain/model';
import { lineText } from '../domain/text';
import { reject } from './rejection';
import { ALL_ROLES, defineMutator } from './define';
import { recordEvent } from './events';
import type { MutationContext, MutationTx } from './tx';

export const RecordSignInArgs = z.object({ method: z.enum(['pin']) });

/** Sign-in and sign-out are recorded so every shift's actions can be attributed. */
export const recordSignIn = defineMutator({
  args: RecordSignInArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    await recordEvent(tx, context, 0, 'staff.signedIn', { data: { method: args.method } });
  },
});

export const RecordSignOutArgs = z.object({ reason: z.enum(['manual', 'idle', 'shiftChange']) });

export const recordSignOut = defineMutator({
  args: RecordSignOutArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    await recordEvent(tx, context, 0, 'staff.signedOut', { data: { reason: args.reason } });
  },
});

export const SetMyPreferencesArgs = z.object({ language: Language, measurement: MeasurementSystem });

/** Each staff member's own language and units; the desk switches its UI to them at sign-in. */
export const setMyPreferences = defineMutator({
  args: SetMyPreferencesArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const staff = await tx.get('staff', context.staffId);
    if (!staff) reject('invalidArguments', { field: 'staffId' });
    await tx.put('staff', { ...staff, language: args.language, measurement: args.measurement });
    await recordEvent(tx, context, 0, 'staff.preferencesChanged', { data: { language: args.language, measurement: args.measurement } });
  },
});

// Managing staff from the desk. The desk turns the PIN a manager types into a PBKDF2 verifier
// (shared/auth/pin.ts) before anything is stored or sent: the outbox and the server only ever see
// the verifier. Events name the staff member by id and carry codes, never names.

export const STAFF_MANAGER_ROLES = ['manager', 'admin'] as const satisfies readonly StaffRole[];

/** Roles that may manage staff; a building always keeps at least one of them active. */
export function managesStaff(role: StaffRole): boolean {
  return (STAFF_MANAGER_ROLES as readonly StaffRole[]).includes(role);
}

/**
 * Whether someone with `actorRole` may add, reset or disable a staff member with `targetRole`:
 * admins manage everyone; managers manage doorpersons (and their own PIN), so a manager can never
 * take over or lock out another manager or an admin.
 */
export function mayManageRole(actorRole: StaffRole, targetRole: StaffRole): boolean {
  return actorRole === 'admin' || targetRole === 'doorperson';
}

export const AddStaffArgs = z.object({
  staffId: Id,
  displayName: lineText(80),
  role: StaffRole,
  language: Language,
  measurement: MeasurementSystem,
  pin: PinVerifier,
});
export type AddStaffArgs = z.input<typeof AddStaffArgs>;

export const addStaff = defineMutator({
  args: AddStaffArgs,
  roles: STAFF_MANAGER_ROLES,
  async apply(tx, args, context) {
    if (!mayManageRole(context.staffRole, args.role)) reject('notAllowedForRole', { role: context.staffRole });
    if (await tx.get('staff', args.staffId)) reject('staffAlreadyExists');
    const staff: Staff = {
      id: args.staffId,
      displayName: args.displayName,
      role: args.role,
      language: args.language,
      measurement: args.measurement,
      active: true,
      pin: args.pin,
    };
    await tx.put('staff', staff);
    await recordEvent(tx, context, 0, 'staff.added', { data: { subjectStaffId: staff.id, role: staff.role } });
  },
});

export const ResetStaffPinArgs = z.object({ staffId: Id, pin: PinVerifier });
export type ResetStaffPinArgs = z.input<typeof ResetStaffPinArgs>;

export const resetStaffPin = defineMutator({
  args: ResetStaffPinArgs,
  roles: STAFF_MANAGER_ROLES,
  async apply(tx, args, context) {
    const staff = await tx.get('staff', args.staffId);
    if (!staff) reject('staffMemberUnknown');
    if (staff.id !== context.staffId && !mayManageRole(context.staffRole, staff.role)) reject('notAllowedForRole', { role: context.staffRole });
    await tx.put('staff', { ...staff, pin: args.pin });
    await recordEvent(tx, context, 0, 'staff.pinReset', { data: { subjectStaffId: staff.id } });
  },
});

export const SetStaffActiveArgs = z.object({ staffId: Id, active: z.boolean() });
export type SetStaffActiveArgs = z.input<typeof SetStaffActiveArgs>;

/**
 * Disables (or enables again) a staff member. A disabled member disappears from every desk's
 * sign-in screen once it has synced, is signed out where they are signed in, and the server
 * refuses their pending mutations (staffInactive).
 */
export const setStaffActive = defineMutator({
  args: SetStaffActiveArgs,
  roles: STAFF_MANAGER_ROLES,
  async apply(tx, args, context) {
    const staff = await tx.get('staff', args.staffId);
    if (!staff) reject('staffMemberUnknown');
    if (!args.active && staff.id === context.staffId) reject('cannotDisableSelf');
    if (!mayManageRole(context.staffRole, staff.role)) reject('notAllowedForRole', { role: context.staffRole });
    if (!args.active && managesStaff(staff.role)) await assertAnotherManagerStaysActive(tx, context, staff.id);
    await tx.put('staff', { ...staff, active: args.active });
    await recordEvent(tx, context, 0, args.active ? 'staff.enabled' : 'staff.disabled', { data: { subjectStaffId: staff.id, role: staff.role } });
  },
});

/**
 * The last active manager or admin cannot be disabled: nobody could manage the building's staff
 * from a desk afterwards. The staff table has no index to count them by, and needs none: the
 * server runs every mutation as an active staff member with the role of their row (push.ts
 * refuses inactive or unknown ones), and nobody may disable themselves, so the one doing it is an
 * active manager or admin who stays. This checks that witness rather than trusting it, so the rule
 * holds on the desk too (where the role comes from the session) and if an actor's row is missing.
 */
async function assertAnotherManagerStaysActive(tx: MutationTx, context: MutationContext, targetId: string): Promise<void> {
  const actor = context.staffId === targetId ? undefined : await tx.get('staff', context.staffId);
  if (!actor || !actor.active || !managesStaff(actor.role)) reject('lastManager');
}
