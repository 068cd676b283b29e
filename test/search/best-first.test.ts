import { describe, expect, it } from 'vitest';
import { bestFirst } from '../../src/search/best-first.ts';

/** The reference: every position sorted by score, then MiniSearch's score, then position. */
function fullSort(scores: Float64Array, searchScore: Float64Array, size: number): number[] {
  return Array.from(scores.keys())
    .sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) ||
        (searchScore[b] as number) - (searchScore[a] as number) ||
        a - b,
    )
    .slice(0, size);
}

/** A small deterministic generator, so a failure names the case that failed. */
function values(seed: number, length: number, distinct: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % distinct;
  });
}

describe('bestFirst', () => {
  it('gives the same head as sorting everything, ties broken by MiniSearch score then position', () => {
    for (const [seed, length, distinct, size] of [
      [1, 10, 3, 4], // short union: sorted whole
      [2, 5000, 7, 200], // many ties at the threshold
      [3, 5000, 5000, 10], // few ties
      [4, 1000, 1, 20], // every score equal: MiniSearch's order decides
    ] as const) {
      const scores = values(seed, length, distinct);
      const searchScore = values(seed + 100, length, 4);
      expect(Array.from(bestFirst(scores, searchScore, size)), `seed ${seed}`).toEqual(
        fullSort(scores, searchScore, size),
      );
    }
  });

  it('returns the whole union, in order, when it is smaller than the head asked for', () => {
    const scores = Float64Array.from([0.2, 0.9, 0.5]);
    expect(Array.from(bestFirst(scores, new Float64Array(3), 10))).toEqual([1, 2, 0]);
  });
});
