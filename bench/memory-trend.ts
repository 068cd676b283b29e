/**
 * The soak's memory verdict, as a trend test rather than a comparison of two readings: a least-squares
 * line through the heap (after a forced GC) sampled several times during the soak, its slope in bytes
 * retained per interaction, and that slope's uncertainty from the samples' own scatter. A leak grows
 * with every interaction; caches and pools fill once and stop; a single noisy reading decides nothing.
 */

export interface HeapSample {
  /** Soak interactions done when the sample was taken. */
  done: number;
  /** V8 heap in use after a forced GC, bytes. */
  heapUsed: number;
}

export type MemoryVerdict = 'bounded' | 'GROWING' | 'inconclusive';

export interface HeapTrend {
  /** Slope of the fitted line: heap retained per interaction, bytes. */
  bytesPerInteraction: number;
  /** Three standard errors of the slope: the slope is within ± this, unless the run was unusual. */
  margin: number;
  /** Scatter of the samples around the line (residual standard deviation), bytes. */
  noise: number;
  verdict: MemoryVerdict;
}

/**
 * Fits the samples and judges them against `limit` bytes per interaction: `bounded` when even the top of
 * the slope's range is under it, `GROWING` when even the bottom is over it, `inconclusive` when the noise
 * is too large to tell (a longer soak or more samples narrows the range).
 */
export function heapTrend(samples: readonly HeapSample[], limit: number): HeapTrend {
  if (samples.length < 3) throw new Error('a trend needs at least 3 samples');
  const n = samples.length;
  const meanX = samples.reduce((sum, sample) => sum + sample.done, 0) / n;
  const meanY = samples.reduce((sum, sample) => sum + sample.heapUsed, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const { done, heapUsed } of samples) {
    sxx += (done - meanX) ** 2;
    sxy += (done - meanX) * (heapUsed - meanY);
  }
  if (sxx === 0) throw new Error('the samples must be taken at different points of the soak');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const squares = samples.reduce(
    (sum, { done, heapUsed }) => sum + (heapUsed - intercept - slope * done) ** 2,
    0,
  );
  const noise = Math.sqrt(squares / (n - 2));
  const margin = 3 * (noise / Math.sqrt(sxx));
  const verdict: MemoryVerdict =
    slope + margin < limit ? 'bounded' : slope - margin > limit ? 'GROWING' : 'inconclusive';
  return { bytesPerInteraction: slope, margin, noise, verdict };
}
