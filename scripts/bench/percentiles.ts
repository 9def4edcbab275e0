// Nearest-rank percentiles of timings, rounded to 0.1 ms, as every bench figure reports them.

export interface Percentiles {
  p50: number;
  p95: number;
}

export function percentiles(times: readonly number[]): Percentiles {
  return { p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)) };
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
