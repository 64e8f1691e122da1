import { describe, expect, it } from 'vitest';
import { createRandom, hashString, weightedPicker } from './random';

describe('seeded random', () => {
  it('produces a pinned sequence, so fixtures stay identical across versions and platforms', () => {
    // If this changes, every fixture changes: bump it only on purpose, and say so in the change.
    const random = createRandom(1);
    expect([random.uint32(), random.uint32(), random.uint32(), random.uint32(), random.uint32()]).toEqual([
      3085079698, 2750895122, 2990871632, 3281619407, 2814982386,
    ]);
    expect(createRandom(1).fork('packages').uint32()).toBe(1569979347);
  });

  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const draw = (seed: number): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    // Seeds beyond 32 bits are not folded onto small ones.
    expect(draw(2 ** 32 + 1)).not.toEqual(draw(1));
  });

  it('rejects seeds that are not safe integers', () => {
    for (const seed of [0.5, Number.NaN, Infinity, 2 ** 53]) expect(() => createRandom(seed)).toThrow(RangeError);
  });

  it('keeps next() in [0, 1) and int() inside its inclusive bounds, reaching both ends', () => {
    const random = createRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 5_000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      seen.add(random.int(-2, 3));
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(() => random.int(3, 2)).toThrow(RangeError);
  });

  it('shuffles into a permutation and samples distinct items', () => {
    const random = createRandom(3);
    const items = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = random.shuffle(items.slice());
    expect(shuffled).not.toEqual(items);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    const sample = random.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(() => random.sample(items, 51)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('picks by weight and never picks a zero weight', () => {
    const random = createRandom(11);
    const picker = weightedPicker<'rare' | 'never' | 'common'>([
      ['rare', 1],
      ['never', 0],
      ['common', 9],
    ]);
    const counts = { rare: 0, never: 0, common: 0 };
    for (let i = 0; i < 10_000; i++) counts[picker.pick(random)]++;
    expect(counts.never).toBe(0);
    expect(counts.common / 10_000).toBeCloseTo(0.9, 1);
    expect(random.weighted([['only', 3]])).toBe('only');
    expect(() => weightedPicker([['x', 0]])).toThrow(RangeError);
  });

  it('forks streams that depend on the label and the root seed, not on how much the parent was used', () => {
    const fresh = createRandom(5);
    const used = createRandom(5);
    for (let i = 0; i < 100; i++) used.next();
    expect(fresh.fork('residents').uint32()).toBe(used.fork('residents').uint32());
    expect(fresh.fork('residents').uint32()).not.toBe(fresh.fork('packages').uint32());
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});
