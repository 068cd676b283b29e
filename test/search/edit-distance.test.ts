import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/search/edit-distance.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('tajik', 'tajik')).toBe(0);
    expect(editDistance('tajikstan', 'tajikistan')).toBe(1);
    expect(editDistance('kyrgyz', 'kirgiz')).toBe(2);
    expect(editDistance('', 'csto')).toBe(4);
  });
});
