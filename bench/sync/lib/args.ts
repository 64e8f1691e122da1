// The standard benchmark options (--json, --size, --seed, --runs, --chromium; bench/lib/args.ts)
// plus each sync benchmark's own, in one strict parse.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseBenchArgs, type BenchArgs } from '../../lib/args';

type Options = NonNullable<ParseArgsConfig['options']>;

const STANDARD = ['json', 'size', 'seed', 'runs', 'chromium'] as const;

export function parseSyncArgs<O extends Options>(argv: readonly string[], extra: O, defaults: Partial<BenchArgs> = {}): { bench: BenchArgs; values: Record<string, string | boolean | undefined> } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      size: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      chromium: { type: 'string' },
      ...extra,
    },
    strict: true,
  });
  const standard: string[] = [];
  const all = values as Record<string, string | boolean | undefined>;
  for (const name of STANDARD) {
    const value = all[name];
    if (value === true) standard.push(`--${name}`);
    else if (typeof value === 'string') standard.push(`--${name}`, value);
  }
  return { bench: parseBenchArgs(standard, defaults), values: values as Record<string, string | boolean | undefined> };
}

/** A positive integer option, or the default. */
export function intOption(values: Record<string, string | boolean | undefined>, name: string, fallback: number, min = 1): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be an integer ≥ ${min}`);
  return value;
}
