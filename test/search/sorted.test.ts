import { describe, expect, it } from 'vitest';
import { firstAtLeast, keepBest } from '../../src/search/sorted.ts';

describe('sorted lists', () => {
  it('finds where a prefix begins in a sorted list', () => {
    const words = ['armenia', 'baku', 'bishkek', 'moscow'];
    expect(firstAtLeast(words, 'b', (word) => word)).toBe(1);
    expect(firstAtLeast(words, 'mo', (word) => word)).toBe(3);
    expect(firstAtLeast(words, 'z', (word) => word)).toBe(4);
  });

  it('keeps the few best items in order, ties in the order met', () => {
    const counts = [
      ['a', 1],
      ['b', 5],
      ['c', 3],
      ['d', 5],
      ['e', 3],
    ] as const;
    const byCount = (x: (typeof counts)[number], y: (typeof counts)[number]) => y[1] - x[1];
    expect(keepBest(counts, 3, byCount).map(([name]) => name)).toEqual(['b', 'd', 'c']);
    expect(keepBest(counts, 10, byCount).map(([name]) => name)).toEqual(['b', 'd', 'c', 'e', 'a']);
    expect(keepBest(counts, 0, byCount)).toEqual([]);
  });
});
