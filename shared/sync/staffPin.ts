import { z } from 'zod';
import { Id, StaffRole } from '../domain/model';

// The online PIN check: while the central service is reachable it decides a sign-in, so a PIN
// reset or a disabled account counts at once, before the desk has synced the change.

export const VerifyPinRequest = z.object({ staffId: Id, pin: z.string().min(1).max(16) });
export type VerifyPinRequest = z.infer<typeof VerifyPinRequest>;

export const VerifyPinResponse = z.object({
  ok: z.boolean(),
  role: StaffRole.nullable(),
  /** After too many wrong PINs the service refuses to check for this long (0: not locked). */
  lockedForSeconds: z.number().int().nonnegative(),
});
export type VerifyPinResponse = z.infer<typeof VerifyPinResponse>;
