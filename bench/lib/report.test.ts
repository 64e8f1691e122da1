import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';
import { countOf, environmentLine, formatTable, measureOf, percentile, printReport, summarize, toJsonLine } from './report';
import { timeRuns } from './timing';

const context = { bench: 'fixture', fixture: 'large', seed: 1 };

describe('summarize', () => {
  it('uses nearest-rank percentiles over 1…100', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index); // unsorted on purpose
    expect(summarize(samples)).toEqual({ n: 100, p50: 50, p95: 95, mean: 50.5, min: 1, max: 100 });
  });

  it('picks a measured value, never an interpolated one, for small n', () => {
    expect(summarize([30, 10, 20])).toMatchObject({ n: 3, p50: 20, p95: 30, min: 10, max: 30 });
    expect(summarize([10, 20, 30, 40])).toMatchObject({ p50: 20, p95: 40 });
    expect(summarize([7])).toEqual({ n: 1, p50: 7, p95: 7, mean: 7, min: 7, max: 7 });
    // 20 samples: rank ceil(0.95 × 20) = 19.
    expect(summarize(Array.from({ length: 20 }, (_, index) => index + 1)).p95).toBe(19);
    expect(percentile([1, 2, 3], 100)).toBe(3);
  });

  it('does not modify its input and refuses empty or non-finite samples', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });
});

describe('JSON lines', () => {
  it('have exactly the BENCHMARKS.md keys, in order', () => {
    const line = toJsonLine(measureOf({ ...context, measure: 'generate', unit: 'ms' }, [12.3456789, 10, 11]));
    expect(line).not.toContain('\n');
    const parsed: unknown = JSON.parse(line);
    expect(Object.keys(parsed as object)).toEqual(['bench', 'measure', 'unit', 'p50', 'p95', 'n', 'fixture', 'seed']);
    expect(parsed).toEqual({ bench: 'fixture', measure: 'generate', unit: 'ms', p50: 11, p95: 12.346, n: 3, fixture: 'large', seed: 1 });
  });

  it('carry the baseline numbers and the p50 ratio when a baseline was measured in the same run', () => {
    const measure = measureOf({ ...context, measure: 'dexie bulkPut', unit: 'ms' }, [30, 32], { measure: 'raw IndexedDB put', samples: [20, 21] });
    const parsed: unknown = JSON.parse(toJsonLine(measure));
    expect(Object.keys(parsed as object)).toEqual(['bench', 'measure', 'unit', 'p50', 'p95', 'n', 'fixture', 'seed', 'baseline', 'baselineP50', 'baselineP95', 'ratioP50']);
    expect(parsed).toMatchObject({ p50: 30, baseline: 'raw IndexedDB put', baselineP50: 20, baselineP95: 21, ratioP50: 1.5 });
  });

  it('report counts as single-sample measures', () => {
    expect(JSON.parse(toJsonLine(countOf({ ...context, measure: 'working set' }, 20_426)))).toEqual({
      bench: 'fixture',
      measure: 'working set',
      unit: 'rows',
      p50: 20_426,
      p95: 20_426,
      n: 1,
      fixture: 'large',
      seed: 1,
    });
  });
});

describe('printReport', () => {
  const measures = [measureOf({ ...context, measure: 'generate', unit: 'ms' }, [2800.5, 3100.25]), countOf({ ...context, measure: 'packages' }, 100_000)];

  it('prints one JSON object per measure on stdout and the environment on stderr in --json mode', () => {
    const out: string[] = [];
    const err: string[] = [];
    printReport(measures, { json: true, out: (line) => out.push(line), err: (line) => err.push(line) });
    expect(out).toHaveLength(2);
    expect(out.map((line) => (JSON.parse(line) as { measure: string }).measure)).toEqual(['generate', 'packages']);
    expect(err.join('\n')).toMatch(/^node v\d+/);
  });

  it('prints the environment and an aligned table otherwise', () => {
    const out: string[] = [];
    printReport(measures, { json: false, chromium: '140.0.7339.80', out: (line) => out.push(line), err: () => undefined });
    expect(out[0]).toContain('chromium 140.0.7339.80');
    expect(out[0]).toMatch(/\d+ CPUs/);
    const table = (out[1] ?? '').split('\n');
    expect(table[0]).toMatch(/^bench\s+measure\s+unit\s+p50\s+p95\s+mean\s+min\s+max\s+n\s+fixture\s+seed$/);
    expect(table).toHaveLength(4);
    expect(table[2]).toContain('2800.5');
    expect(new Set(table.map((line) => line.indexOf('fixture', 10))).size).toBeLessThanOrEqual(2);
    expect(formatTable([measureOf({ ...context, measure: 'x', unit: 'ms' }, [2], { measure: 'base', samples: [1] })])).toContain('2.00×');
    expect(environmentLine({ node: 'v20', chromium: null, cpus: 2, cpuModel: 'cpu', platform: 'linux-x64' })).toBe('node v20 · 2 CPUs (cpu) · linux-x64');
  });
});

describe('bench helpers', () => {
  it('parses the shared command-line options with defaults and rejects bad values', () => {
    expect(parseBenchArgs([])).toEqual({ json: false, size: 'large', seed: 1, runs: 5, chromium: undefined });
    expect(parseBenchArgs(['--json', '--size', 'small', '--seed', '7', '--runs', '2'])).toMatchObject({ json: true, size: 'small', seed: 7, runs: 2 });
    expect(() => parseBenchArgs(['--size', 'huge'])).toThrow(RangeError);
    expect(() => parseBenchArgs(['--seed', 'x'])).toThrow(RangeError);
    expect(() => parseBenchArgs(['--bogus'])).toThrow();
  });

  it('times each run and keeps the last result', async () => {
    let calls = 0;
    const timed = await timeRuns(3, async () => ++calls);
    expect(timed.samples).toHaveLength(3);
    expect(timed.samples.every((sample) => sample >= 0)).toBe(true);
    expect(timed.result).toBe(3);
  });
});
