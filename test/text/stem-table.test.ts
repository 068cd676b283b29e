import { describe, expect, it } from 'vitest';
import { stemsOf, stemTable } from '../../src/text/stem-table.ts';
import { wordTerms } from '../../src/text/terms.ts';

const stem = (word: string) => wordTerms(word)[0];

describe('stemsOf', () => {
  it('reads a line of words as their distinct stems, in order', () => {
    expect(stemsOf('  invade invaded  invasion ')).toEqual([stem('invade'), stem('invasion')]);
  });
});

describe('stemTable', () => {
  it('expands a stem with what it was related to, in order, never with itself, and nothing for others', () => {
    const lookup = stemTable((relate) => {
      relate(['a', 'b'], ['a', 'b', 'c']);
      relate(['a'], ['d', 'b']);
    });
    expect(lookup('a')).toEqual(['b', 'c', 'd']);
    expect(lookup('b')).toEqual(['a', 'c']);
    expect(lookup('c')).toEqual([]);
  });
});
