import { describe, expect, it } from 'vitest';
import { isEnglishWord } from '../../src/text/english.ts';

describe('isEnglishWord', () => {
  it('knows English words with their inflections and British spellings', () => {
    for (const word of ['leaving', 'sparked', 'fleeing', 'favouritism', 'aa', 'zyzzyvas'])
      expect(isEnglishWord(word)).toBe(true);
  });

  it('finds words the list sets out of order', () => {
    // The list has `manlihood` after `manlily` and `sharrowed` after `sharrows`.
    for (const word of ['manlihood', 'manlikely', 'manlily', 'sharrowed', 'sharrows', 'shart'])
      expect(isEnglishWord(word)).toBe(true);
  });

  it('does not know misspellings, names or anything not lower-case a–z', () => {
    for (const word of ['leving', 'misson', 'colective', 'karabach', 'Leaving', '', 'a b'])
      expect(isEnglishWord(word)).toBe(false);
  });
});
