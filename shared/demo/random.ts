// A small seeded PRNG for fixtures and demos. It must give the same sequence in Node and in every
// browser, so it uses only 32-bit integer arithmetic (Math.imul, >>>) and never Math.random.
//
// Generator: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator, public domain), seeded
// through splitmix32. It has 128 bits of state and passes PractRand, unlike mulberry32 whose
// 32-bit state cannot even produce every 32-bit output. A library (e.g. pure-rand) would work too,
// but this is 20 lines and the fixture needs nothing more.

export interface Random {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /**
   * An independent stream for one part of a fixture. It depends only on the root seed and the
   * label, not on how much this stream has been used, so changing how residents are generated
   * does not reshuffle the packages.
   */
  fork(label: string): Random;
}

/** Picks from a fixed list many times: cumulative weights are computed once, each pick is O(log n). */
export interface WeightedPicker<T> {
  pick(random: Random): T;
}

export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  // Both halves of the seed matter, so seeds above 2^32 do not collide with small ones.
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  return fromSeedWords(low, high ^ 0x9e3779b9);
}

function fromSeedWords(low: number, high: number): Random {
  const next32 = sfc32(low, high);
  const random: Random = {
    next: () => next32() / 0x1_0000_0000,
    uint32: next32,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad int range [${min}, ${max}]`);
      return min + Math.floor(random.next() * (max - min + 1));
    },
    float: (min, max) => min + random.next() * (max - min),
    chance: (p) => random.next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(random.next() * items.length)] as (typeof items)[number];
    },
    weighted: (entries) => weightedPicker(entries).pick(random),
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        const held = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = held;
      }
      return items;
    },
    sample(items, k) {
      if (k > items.length) throw new RangeError(`cannot sample ${k} of ${items.length}`);
      // A partial Fisher–Yates: only the first k positions are drawn.
      const copy = items.slice();
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(random.next() * (copy.length - i));
        const held = copy[i] as (typeof items)[number];
        copy[i] = copy[j] as (typeof items)[number];
        copy[j] = held;
      }
      return copy.slice(0, k);
    },
    fork: (label) => fromSeedWords(low ^ hashString(label), Math.imul(high ^ hashString(`~${label}`), 0x85ebca6b) >>> 0),
  };
  return random;
}

export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): WeightedPicker<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`bad weight ${weight}`);
    if (weight === 0) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new RangeError('weighted pick needs a positive weight');
  return {
    pick(random) {
      const target = random.next() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] as number) > target) high = middle;
        else low = middle + 1;
      }
      return values[low] as T;
    },
  };
}

/** sfc32 seeded by splitmix32; the first outputs are dropped because they are still close to the seed. */
function sfc32(low: number, high: number): () => number {
  let mix = (low ^ Math.imul(high, 0x27d4eb2d)) >>> 0;
  const splitmix32 = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32() ^ high;
  let c = splitmix32();
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** FNV-1a over UTF-16 code units, then a final avalanche; used only to turn labels into seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
