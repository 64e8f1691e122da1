import { describe, expect, it } from 'vitest';
import { sizeClassBound } from '../packages/sizeClasses';
import { formatLengths } from './measure';

describe('lengths in the person’s measurement system', () => {
  it('shows label stock in millimetres or inches, the unit once, decimals in the language’s style', () => {
    expect(formatLengths([62, 29], 'metric', 'en')).toBe('62 × 29 mm');
    expect(formatLengths([62, 29], 'imperial', 'en')).toBe('2.44 × 1.14 in');
    expect(formatLengths([101.6, 50.8], 'imperial', 'en')).toBe('4 × 2 in');
    expect(formatLengths([62, 29], 'imperial', 'es')).toBe('2,44 × 1,14 in');
    expect(formatLengths([62, 29], 'imperial', 'fr').replace(/\s/g, ' ')).toBe('2,44 × 1,14 po');
    expect(formatLengths([101.6], 'metric', 'fr').replace(/\s/g, ' ')).toBe('101,6 mm');
  });

  it('describes parcel size classes in round numbers of each system', () => {
    const small = sizeClassBound('small', 'metric');
    expect(small.kind).toBe('upTo');
    expect(formatLengths(small.dimensionsMm, 'metric', 'en', 'centimeter')).toBe('30 × 20 × 10 cm');
    expect(formatLengths(sizeClassBound('small', 'imperial').dimensionsMm, 'imperial', 'en', 'centimeter')).toBe('12 × 8 × 4 in');
    const oversized = sizeClassBound('oversized', 'imperial');
    expect(oversized.kind).toBe('largerThan');
    expect(formatLengths(oversized.dimensionsMm, 'imperial', 'en')).toBe('30 × 20 × 20 in');
  });
});
