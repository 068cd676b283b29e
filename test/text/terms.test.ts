/** The one analyzer the index, queries, highlights and the glossary share: words, folds, stems, numbers. */
import { describe, expect, it } from 'vitest';
import {
  analyzeWord,
  foldWord,
  isNumericTerm,
  phraseKeys,
  removeFormatCharacters,
  tokenize,
  wordTerms,
} from '../../src/text/terms.ts';

describe('tokenize', () => {
  it('finds words with their positions, keeping apostrophes, hyphens and number separators inside a word', () => {
    const text = 'Russia’s Nagorno-Karabakh: 7,644 troops, 3.5 km. Done.';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.surface)).toEqual([
      'Russia’s',
      'Nagorno-Karabakh',
      '7,644',
      'troops',
      '3.5',
      'km',
      'Done',
    ]);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.surface);
  });

  it('finds no words in punctuation or an empty text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' -- ... !? ')).toEqual([]);
  });
});

describe('folding', () => {
  it('makes case, diacritics, curly apostrophes and possessives irrelevant', () => {
    expect(foldWord('Toqäev')).toBe('toqaev');
    expect(foldWord('Russia’s')).toBe('russia');
    expect(foldWord("Russia's")).toBe('russia');
  });

  it('drops invisible format characters, so a soft hyphen does not split a word', () => {
    expect(removeFormatCharacters('Arme\u00adnia\u200b')).toBe('Armenia');
  });
});

describe('search terms of a word', () => {
  it('drops stop words and stems the rest, British and American spellings alike', () => {
    expect(wordTerms('the')).toEqual([]);
    expect(wordTerms('drills')).toEqual(wordTerms('drill'));
    expect(wordTerms('organisation')).toEqual(wordTerms('organization'));
  });

  it('keeps numbers whole, without thousands separators, and never fuzzy', () => {
    expect(wordTerms('7,644')).toEqual(['7644']);
    expect(isNumericTerm('7644')).toBe(true);
    expect(isNumericTerm('csto')).toBe(false);
  });

  it('indexes a hyphenated word as its parts and, joined, as one word', () => {
    expect(wordTerms('Nagorno-Karabakh')).toEqual([...wordTerms('Nagorno'), ...wordTerms('Karabakh')]);
    expect(wordTerms('Nagorno-Karabakh', true)).toContain(wordTerms('nagornokarabakh')[0]);
    expect(analyzeWord('Nagorno-Karabakh', true).at(-1)?.surface).toBe('Nagorno-Karabakh');
  });

  it('keeps stop words as phrase keys, so a glossary phrase like "give up" never matches a bare "give"', () => {
    expect(phraseKeys('up')).toHaveLength(1);
    expect(wordTerms('up')).toEqual([]);
  });
});
