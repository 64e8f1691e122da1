import { z } from 'zod';
import { Language, MeasurementSystem } from '../domain/model';
import { reject } from './rejection';
import { ALL_ROLES, defineMutator } from './define';
import { recordEvent } from './events';

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
