// Command-line options shared by benchmarks: --json, --size, --seed, --runs.
import { parseArgs } from 'node:util';
import { FIXTURE_SIZES, type FixtureSize } from '../../shared/demo/profiles';

export interface BenchArgs {
  json: boolean;
  size: FixtureSize;
  seed: number;
  runs: number;
  /** A Chromium version to print in the environment line, when the benchmark drove one. */
  chromium: string | undefined;
}

export function parseBenchArgs(argv: readonly string[], defaults: Partial<BenchArgs> = {}): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      size: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      chromium: { type: 'string' },
    },
    strict: true,
  });
  const size = values.size ?? defaults.size ?? 'large';
  if (!FIXTURE_SIZES.includes(size as FixtureSize)) throw new RangeError(`--size must be one of ${FIXTURE_SIZES.join(', ')}`);
  const seed = values.seed === undefined ? (defaults.seed ?? 1) : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new RangeError('--seed must be an integer');
  const runs = values.runs === undefined ? (defaults.runs ?? 5) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError('--runs must be a positive integer');
  return { json: values.json, size: size as FixtureSize, seed, runs, chromium: values.chromium ?? defaults.chromium };
}
