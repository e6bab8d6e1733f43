/**
 * One row of `npm run bench`: a ratio against a floor measured in the same run, never an absolute time. Each
 * out/bench/*.bench.js that scripts/bench.mjs loads exports `rows(): Promise<BenchRow[]>`.
 */
export interface BenchRow {
  /** What is measured, e.g. "tracker update @10k spans / line-array update". */
  readonly name: string;
  /** measured / floor. */
  readonly ratio: number;
  /** The goal as text, e.g. "<= 2x". */
  readonly goal: string;
  readonly pass: boolean;
  /** Absolute figures behind the ratio, for the curious. */
  readonly detail: string;
}

/** Median of `runs` timings of `fn` (each timing covers `inner` calls), in nanoseconds per call. */
export function measure(fn: () => void, inner = 1, runs = 15): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < inner; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / inner);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
