import { z } from 'zod';
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
