// The one output format of every benchmark (see ../../../shared/BENCHMARKS.md beside the repo):
// a human-readable table, or with --json one JSON object per measure per line:
//   {"bench":"…","measure":"…","unit":"ms","p50":…,"p95":…,"n":…,"fixture":"large","seed":1}
// A measure compared with a baseline measured in the same run adds the baseline's name and numbers
// and the p50 ratio: "baseline", "baselineP50", "baselineP95", "ratioP50".
// The environment line goes to stderr in --json mode, so stdout stays one measure per line.

import { availableParallelism, cpus } from 'node:os';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export interface Measure {
  bench: string;
  measure: string;
  /** "ms" for times; "rows", "count", "bytes" … for sizes. */
  unit: string;
  summary: Summary;
  fixture: string;
  seed: number;
  baseline?: { measure: string; summary: Summary };
}

/** One line of --json output; key order is fixed so lines diff cleanly between runs. */
export interface MeasureJson {
  bench: string;
  measure: string;
  unit: string;
  p50: number;
  p95: number;
  n: number;
  fixture: string;
  seed: number;
  baseline?: string;
  baselineP50?: number;
  baselineP95?: number;
  ratioP50?: number;
}

/**
 * Nearest-rank percentile: the smallest sample with at least p% of samples at or below it. It is
 * always a value that was actually measured, and needs no interpolation choice.
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new RangeError('no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside (0, 100]`);
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[rank - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('cannot summarize zero samples');
  if (samples.some((sample) => !Number.isFinite(sample))) throw new RangeError('samples must be finite numbers');
  const sorted = samples.slice().sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: sorted.reduce((sum, sample) => sum + sample, 0) / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

export interface MeasureFields {
  bench: string;
  measure: string;
  unit: string;
  fixture: string;
  seed: number;
}

export function measureOf(fields: MeasureFields, samples: readonly number[], baseline?: { measure: string; samples: readonly number[] }): Measure {
  const measure: Measure = { ...fields, summary: summarize(samples) };
  if (baseline) measure.baseline = { measure: baseline.measure, summary: summarize(baseline.samples) };
  return measure;
}

/** A size or count (rows, events …) reported in the same format as timings: n = 1. */
export function countOf(fields: Omit<MeasureFields, 'unit'> & { unit?: string }, value: number): Measure {
  return measureOf({ ...fields, unit: fields.unit ?? 'rows' }, [value]);
}

/** Milliseconds to 3 decimals (microseconds): more digits are noise on a shared VM. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function toJson(measure: Measure): MeasureJson {
  const json: MeasureJson = {
    bench: measure.bench,
    measure: measure.measure,
    unit: measure.unit,
    p50: round(measure.summary.p50),
    p95: round(measure.summary.p95),
    n: measure.summary.n,
    fixture: measure.fixture,
    seed: measure.seed,
  };
  if (measure.baseline) {
    json.baseline = measure.baseline.measure;
    json.baselineP50 = round(measure.baseline.summary.p50);
    json.baselineP95 = round(measure.baseline.summary.p95);
    json.ratioP50 = measure.baseline.summary.p50 === 0 ? 0 : round(measure.summary.p50 / measure.baseline.summary.p50);
  }
  return json;
}

export function toJsonLine(measure: Measure): string {
  return JSON.stringify(toJson(measure));
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3);
}

export function formatTable(measures: readonly Measure[]): string {
  const withBaseline = measures.some((measure) => measure.baseline);
  const header = ['bench', 'measure', 'unit', 'p50', 'p95', 'mean', 'min', 'max', 'n', 'fixture', 'seed', ...(withBaseline ? ['baseline', 'base p50', 'ratio'] : [])];
  const rows = measures.map((measure) => {
    const { summary, baseline } = measure;
    const cells = [measure.bench, measure.measure, measure.unit, summary.p50, summary.p95, summary.mean, summary.min, summary.max, summary.n, measure.fixture, measure.seed].map((cell) =>
      typeof cell === 'number' ? formatNumber(cell) : cell,
    );
    if (withBaseline) {
      const ratio = toJson(measure).ratioP50;
      cells.push(baseline?.measure ?? '', baseline ? formatNumber(baseline.summary.p50) : '', ratio === undefined ? '' : `${ratio.toFixed(2)}×`);
    }
    return cells;
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = new Set(['p50', 'p95', 'mean', 'min', 'max', 'n', 'seed', 'base p50', 'ratio']);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (numeric.has(header[column] ?? '') ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export interface Environment {
  node: string;
  chromium: string | null;
  cpus: number;
  cpuModel: string;
  platform: string;
}

export function environment(options: { chromium?: string } = {}): Environment {
  return {
    node: process.version,
    chromium: options.chromium ?? null,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    platform: `${process.platform}-${process.arch}`,
  };
}

export function environmentLine(env: Environment): string {
  return [`node ${env.node}`, env.chromium ? `chromium ${env.chromium}` : null, `${env.cpus} CPUs (${env.cpuModel})`, env.platform].filter((part) => part !== null).join(' · ');
}

export interface PrintOptions {
  json: boolean;
  chromium?: string;
  /** Defaults to process.stdout / process.stderr; tests pass collectors. */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export function printReport(measures: readonly Measure[], options: PrintOptions): void {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const envLine = environmentLine(environment({ chromium: options.chromium }));
  if (options.json) {
    err(envLine);
    for (const measure of measures) out(toJsonLine(measure));
  } else {
    out(envLine);
    out(formatTable(measures));
  }
}

/** The table alone, for callers that print other things around it. */
export function printTable(measures: readonly Measure[], out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  out(formatTable(measures));
}
