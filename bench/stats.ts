/**
 * The figures every benchmark reports the same way: nearest-rank percentiles (the eval's own,
 * `src/eval/metrics.ts`), rounded to hundredths. Free of side effects, unlike bench/measure.ts
 * (which exposes the GC when loaded), so the drivers of `bench:bot` and `bench:load` can use it too.
 */
export { percentile } from '../src/eval/metrics.ts';

export const round2 = (value: number) => Math.round(value * 100) / 100;
