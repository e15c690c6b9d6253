/** Timing of one report query for the benchmarks: p50/p95/max over `runs` calls after one warm-up. */
export interface Measured {
  query: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** What the last call returned (groups, rows, buckets), as a sanity check. */
  groups: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `fn` once to warm up (plans cached, pages in memory as in service), then `runs` times; times in ms. */
export async function measure(
  query: string,
  runs: number,
  fn: () => Promise<number>,
): Promise<Measured> {
  let groups = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    groups = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    query,
    runs,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times.at(-1)!),
    groups,
  };
}
