import { describe, expect, it } from 'vitest';
import { normalizeShortCode, randomShortCode, SHORT_CODE_PATTERN } from './shortCode';

describe('short codes', () => {
  it('are six Crockford characters and vary', () => {
    const codes = new Set(Array.from({ length: 200 }, randomShortCode));
    for (const code of codes) expect(code).toMatch(SHORT_CODE_PATTERN);
    expect(codes.size).toBeGreaterThan(195);
  });

  it('forgive case and look-alike letters, and refuse anything else', () => {
    expect(normalizeShortCode(' ab1o2l ')).toBe('AB1021');
    expect(normalizeShortCode('ABCDEFG')).toBeNull();
    expect(normalizeShortCode('ABU123')).toBeNull();
    expect(normalizeShortCode('')).toBeNull();
  });
});
