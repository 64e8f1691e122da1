// Wall-clock sampling for benchmarks. Times are what they are on a shared VM: a benchmark reports
// them and never fails because of them.
import { performance } from 'node:perf_hooks';

export interface Timed<T> {
  samples: number[];
  /** The result of the last run, for checking that the measured work was right. */
  result: T;
}

/** Runs `work` `runs` times in sequence and returns each duration in milliseconds. */
export async function timeRuns<T>(runs: number, work: () => T | Promise<T>): Promise<Timed<T>> {
  if (runs < 1) throw new RangeError('runs must be at least 1');
  const samples: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = await work();
    samples.push(performance.now() - start);
  }
  return { samples, result: result as T };
}
