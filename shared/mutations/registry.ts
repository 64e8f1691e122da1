import { z } from 'zod';
import { approveBooking, cancelBooking, checkInBooking, declineBooking, markNoShow, requestBooking, upsertAmenity } from './bookings';
import type { MutatorDefinition } from './define';
import { moveOutResident, upsertResident, upsertUnit } from './directory';
import { broadcast, markThreadRead, sendMessage, setResidentMessaging, upsertTemplate } from './messaging';
import { receivePackage, releasePackage, undoRelease } from './packages';
import { eraseResident } from './privacy';
import { MutationRejected, reject } from './rejection';
import { addStaff, recordSignIn, recordSignOut, resetStaffPin, setMyPreferences, setStaffActive } from './staff';
import type { MutationContext, MutationTx } from './tx';

/** Every mutation the desk may send and the server may run. Names are part of the sync protocol. */
export const mutators = {
  receivePackage,
  releasePackage,
  undoRelease,
  recordSignIn,
  recordSignOut,
  setMyPreferences,
  upsertUnit,
  upsertResident,
  moveOutResident,
  addStaff,
  resetStaffPin,
  setStaffActive,
  eraseResident,
  upsertAmenity,
  requestBooking,
  approveBooking,
  declineBooking,
  cancelBooking,
  checkInBooking,
  markNoShow,
  sendMessage,
  broadcast,
  markThreadRead,
  upsertTemplate,
  setResidentMessaging,
} as const;

export type MutationName = keyof typeof mutators;
export type MutationArgs<N extends MutationName> = (typeof mutators)[N] extends MutatorDefinition<infer A> ? A : never;

export const MutationNameSchema = z.enum(Object.keys(mutators) as [MutationName, ...MutationName[]]);

export type MutationRequest = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/**
 * Validates and runs one mutation. Invalid arguments and role violations are rejections (data the
 * staff can read), the same on the desk and on the server.
 */
export async function runMutation(tx: MutationTx, name: string, rawArgs: unknown, context: MutationContext): Promise<void> {
  const parsedName = MutationNameSchema.safeParse(name);
  if (!parsedName.success) reject('invalidArguments', { field: 'name' });
  const definition: MutatorDefinition<unknown> = mutators[parsedName.data];
  if (!definition.roles.includes(context.staffRole)) reject('notAllowedForRole', { role: context.staffRole });
  const parsed = definition.args.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    reject('invalidArguments', { field: issue?.path.join('.') ?? '', message: issue?.message ?? '' });
  }
  await definition.apply(tx, parsed.data, context);
}

export function isRejection(error: unknown): error is MutationRejected {
  return error instanceof MutationRejected;
}
