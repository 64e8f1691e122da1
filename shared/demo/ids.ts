// Deterministic ids and package short codes for fixtures. Sequential, zero-padded ids ("p-000042")
// are readable in test failures and sort in creation order; they match `Id` in domain/model.ts.

import type { Random } from './random';

/**
 * Concatenation that yields a flat string. V8 represents `a + b` (13+ characters) as a rope of
 * pointers, ~5x the memory of the characters themselves; Array#join builds one flat string. The
 * large fixture keeps ~1 million generated strings alive, so this roughly halves its heap.
 */
export function concatFlat(...parts: readonly string[]): string {
  return parts.join('');
}

export function sequentialId(prefix: string, ordinal: number, width: number): string {
  return `${prefix}-${String(ordinal).padStart(width, '0')}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BITS = 30; // 6 Crockford characters × 5 bits
const CODE_MASK = 2 ** CODE_BITS - 1;

/**
 * Short codes that look random yet can never repeat: ordinal n goes through a seeded bijection of
 * the 30-bit space (xor, odd multiply, xorshift — each step invertible modulo 2^30), so distinct
 * ordinals give distinct codes without a lookup set, for up to 2^30 packages per building.
 */
export function createShortCodes(random: Random): (ordinal: number) => string {
  const keyA = random.uint32() & CODE_MASK;
  const keyB = random.uint32() & CODE_MASK;
  const multiplierA = (random.uint32() | 1) & CODE_MASK;
  const multiplierB = (random.uint32() | 1) & CODE_MASK;
  return (ordinal) => {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal > CODE_MASK) throw new RangeError(`short code ordinal ${ordinal}`);
    let x = ordinal ^ keyA;
    x = Math.imul(x, multiplierA) & CODE_MASK;
    x ^= x >>> 15;
    x = (x + keyB) & CODE_MASK;
    x = Math.imul(x, multiplierB) & CODE_MASK;
    x ^= x >>> 13;
    return encodeCrockford(x);
  };
}

function encodeCrockford(value: number): string {
  let code = '';
  for (let shift = CODE_BITS - 5; shift >= 0; shift -= 5) code += CROCKFORD.charAt((value >>> shift) & 31);
  return code;
}
