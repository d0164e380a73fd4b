/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** A figure measured over repeated runs: its median and p95. */
export interface Spread {
  median: number;
  p95: number;
  runs: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), p95: percentile(values, 95), runs: values.length };
}

/** Milliseconds since `start` (a performance.now() value). */
export const since = (start: number) => performance.now() - start;

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits);
}
