import { describe, expect, it } from 'vitest';
import { createPinVerifier, verifyPin } from './pin';

describe('PIN verifier', () => {
  it('accepts the right PIN and rejects a wrong one', async () => {
    const verifier = await createPinVerifier('2468', 10_000);
    expect(verifier.hash).not.toContain('2468');
    expect(await verifyPin('2468', verifier)).toBe(true);
    expect(await verifyPin('2469', verifier)).toBe(false);
  });

  it('salts every verifier, so equal PINs give different hashes', async () => {
    const a = await createPinVerifier('1234', 10_000);
    const b = await createPinVerifier('1234', 10_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses malformed PINs without deriving anything', async () => {
    const verifier = await createPinVerifier('1234', 10_000);
    for (const bad of ['', '12', 'abcd', '1234\n', '123456789']) expect(await verifyPin(bad, verifier)).toBe(false);
    await expect(createPinVerifier('12')).rejects.toThrow('pin.malformed');
  });
});
