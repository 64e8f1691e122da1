import { describe, expect, it, vi } from 'vitest';
import { checkPin } from './checkPin';

describe('deciding a sign-in', () => {
  it('lets the service decide whenever it answers, without asking the desk', async () => {
    const onDesk = vi.fn(async () => true);
    expect(await checkPin(async () => ({ kind: 'accepted' }), onDesk)).toEqual({ ok: true, checkedBy: 'service' });
    // A PIN reset on the service: the desk's stale verifier would still accept the old PIN.
    expect(await checkPin(async () => ({ kind: 'refused' }), onDesk)).toEqual({ ok: false, lockedForSeconds: 0 });
    expect(await checkPin(async () => ({ kind: 'locked', seconds: 60 }), onDesk)).toEqual({ ok: false, lockedForSeconds: 60 });
    expect(onDesk).not.toHaveBeenCalled();
  });

  it('falls back to the desk’s synced verifier only when the service cannot answer', async () => {
    expect(await checkPin(async () => ({ kind: 'unavailable', reason: 'network' }), async () => true)).toEqual({ ok: true, checkedBy: 'desk', unavailableReason: 'network' });
    expect(await checkPin(async () => ({ kind: 'unavailable', reason: 'network' }), async () => false)).toEqual({ ok: false, lockedForSeconds: 0 });
  });
});
