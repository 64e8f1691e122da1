import type { OnlinePinVerdict } from '../../sync/serviceCalls';

export type PinDecision =
  | { ok: true; checkedBy: 'service' | 'desk'; unavailableReason?: string }
  | { ok: false; lockedForSeconds: number };

/**
 * Who decides a sign-in: the central service whenever it answers (a PIN reset or a disabled
 * account counts at once, before this desk has synced it); the desk's synced verifier only when
 * the service cannot answer. A refusal from the service is final: falling back to the desk's
 * possibly stale verifier would let an old PIN in.
 */
export async function checkPin(online: () => Promise<OnlinePinVerdict>, onDesk: () => Promise<boolean>): Promise<PinDecision> {
  const verdict = await online();
  switch (verdict.kind) {
    case 'accepted':
      return { ok: true, checkedBy: 'service' };
    case 'refused':
      return { ok: false, lockedForSeconds: 0 };
    case 'locked':
      return { ok: false, lockedForSeconds: verdict.seconds };
    case 'unavailable':
      return (await onDesk()) ? { ok: true, checkedBy: 'desk', unavailableReason: verdict.reason } : { ok: false, lockedForSeconds: 0 };
  }
}
