/**
 * Putting the head of a ranking in order without sorting the whole union: at 100,000 paragraphs a
 * query's union holds thousands of candidates and a reader sees ten.
 */

/**
 * Positions of the `size` highest scores, best first; equal scores in MiniSearch's order (its
 * score, then the order it met the paragraphs: `searchScore` and the position). Sorting a union of
 * thousands to read ten costs more than the rest of ranking: the `size`-th score is found by
 * quickselect, and only the scores above it (and the ties it needs) are sorted.
 */
export function bestFirst(scores: Float64Array, searchScore: Float64Array, size: number): Uint32Array {
  const byScore = (a: number, b: number) =>
    (scores[b] as number) - (scores[a] as number) ||
    (searchScore[b] as number) - (searchScore[a] as number) ||
    a - b;
  if (scores.length <= size * 2) {
    const all = new Uint32Array(scores.length);
    for (let r = 0; r < all.length; r++) all[r] = r;
    return all.sort(byScore).subarray(0, size);
  }
  const threshold = kthLargest(scores.slice(), size);
  const head = new Uint32Array(size);
  let taken = 0;
  const ties: number[] = [];
  for (let r = 0; r < scores.length; r++) {
    if ((scores[r] as number) > threshold) head[taken++] = r;
    else if (scores[r] === threshold) ties.push(r);
  }
  ties.sort(byScore);
  for (const r of ties) {
    if (taken === size) break;
    head[taken++] = r;
  }
  return head.sort(byScore);
}

/** The `k`-th largest of `values` (1-based), by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  const target = k - 1;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] as number;
}
