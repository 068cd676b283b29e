/**
 * The figures every benchmark reports the same way: nearest-rank percentiles of sorted samples, rounded to
 * hundredths. Free of side effects, unlike bench/measure.ts (which exposes the GC when loaded), so the drivers of
 * `bench:bot` and `bench:load` can use it too.
 */

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of sorted samples; 0 when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
