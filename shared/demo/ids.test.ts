import { describe, expect, it } from 'vitest';
import { Id, ShortCode } from '../domain/model';
import { concatFlat, createShortCodes, sequentialId } from './ids';
import { createRandom } from './random';

describe('fixture ids', () => {
  it('pads sequential ids so they sort in creation order and match Id', () => {
    expect(sequentialId('p', 42, 6)).toBe('p-000042');
    expect(Id.safeParse(sequentialId('bk', 1, 5)).success).toBe(true);
    expect(sequentialId('p', 9, 6) < sequentialId('p', 10, 6)).toBe(true);
    expect(concatFlat('m-', 'p-000001', '-rel')).toBe('m-p-000001-rel');
  });

  it('makes short codes that are valid Crockford base32 and never repeat', () => {
    const shortCode = createShortCodes(createRandom(1));
    const seen = new Set<string>();
    for (let ordinal = 0; ordinal < 200_000; ordinal++) {
      const code = shortCode(ordinal);
      if (ordinal % 1000 === 0) expect(ShortCode.safeParse(code).success, code).toBe(true);
      seen.add(code);
    }
    expect(seen.size).toBe(200_000);
    expect(shortCode(2 ** 30 - 1)).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(() => shortCode(2 ** 30)).toThrow(RangeError);
    // Another seed gives other codes.
    expect(createShortCodes(createRandom(2))(0)).not.toBe(shortCode(0));
  });
});
