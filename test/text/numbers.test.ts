/** Numbers written as words meet their figures: the fold the index, queries, highlights and glossary share. */
import { describe, expect, it } from 'vitest';
import {
  numberPhrases,
  numberTerm,
  numberWordsBeginning,
  numberWordsTerm,
  ordinalVariant,
} from '../../src/text/numbers.ts';
import { isNumericTerm, phraseKeys, tokenize, wordTerms } from '../../src/text/terms.ts';

/** A word's search terms, the way the index analyses it. */
const termsOf = (word: string) => wordTerms(word, true);

describe('number words fold to figures', () => {
  it('gives a cardinal written out the term of its figure, whatever the case', () => {
    for (const [word, figure] of [
      ['two', '2'],
      ['Six', '6'],
      ['twelve', '12'],
      ['nineteen', '19'],
      ['seventy', '70'],
      ['hundred', '100'],
      ['thousand', '1000'],
    ] as const)
      expect(termsOf(word), word).toEqual(termsOf(figure));
    expect(termsOf('2,000')).toEqual(termsOf('2000'));
  });

  it('gives an ordinal written out the term of its suffixed figure, however the figure is suffixed', () => {
    for (const [word, figure] of [
      ['second', '2nd'],
      ['Third', '3rd'],
      ['fifth', '5th'],
      ['ninth', '9th'],
      ['twelfth', '12th'],
      ['seventieth', '70th'],
      ['hundredth', '100th'],
      ['twenty-second', '22d'],
    ] as const)
      expect(termsOf(word), word).toEqual(termsOf(figure));
  });

  it('reads a hyphenated compound as one number, not as its parts', () => {
    expect(termsOf('forty-four')).toEqual(['44']);
    expect(termsOf('Forty-Fourth')).toEqual(['44th']);
    expect(termsOf('twenty-one')).toEqual(['21']);
    expect(termsOf('two-hundred')).toEqual(['200']);
    expect(phraseKeys('forty-four')).toEqual(['44']);
    // Words that are not one number keep their parts.
    expect(termsOf('six-nation')).toContain('6');
    expect(termsOf('six-nation')).toContain('nation');
    expect(termsOf('four-forty')).not.toContain('440');
    expect(termsOf('one-third')).not.toContain('1');
  });

  it('reads decades written as words or short figures like the decade’s figure', () => {
    expect(termsOf('Nineties')).toEqual(termsOf('1990s'));
    expect(termsOf('eighties')).toEqual(termsOf('1980s'));
    expect(termsOf('90s')).toEqual(termsOf('1990s'));
    // "The twenties" could be either century: left as a word.
    expect(termsOf('twenties')).not.toEqual(termsOf('1920s'));
  });

  it('leaves "one" and "first" alone: mostly a pronoun, and everywhere', () => {
    expect(termsOf('one')).not.toEqual(termsOf('1'));
    expect(termsOf('first')).not.toEqual(termsOf('1st'));
    expect(numberWordsTerm(['one'])).toBeNull();
    expect(numberTerm('first')).toBeNull();
    // Inside a compound, "one" counts.
    expect(termsOf('twenty-one')).toEqual(['21']);
  });

  it('leaves words that only contain number words alone', () => {
    for (const word of ['seconds', 'hundreds', 'thousands', 'often', 'someone', 'network'])
      expect(termsOf(word), word).not.toContainEqual(expect.stringMatching(/^\d/));
  });

  it('treats ordinal figures as numbers: never matched with typos', () => {
    expect(isNumericTerm(termsOf('seventieth')[0] as string)).toBe(true);
    expect(isNumericTerm(termsOf('two')[0] as string)).toBe(true);
  });
});

describe('a number’s other reading', () => {
  it('widens a cardinal to its ordinal and back, from ten up', () => {
    expect(ordinalVariant('70')).toBe('70th');
    expect(ordinalVariant('70th')).toBe('70');
    expect(ordinalVariant('22')).toBe('22nd');
    expect(ordinalVariant('11th')).toBe('11');
    // Below ten the ordinal is an everyday word: "two rounds" is not "the second round".
    expect(ordinalVariant('2')).toBeNull();
    expect(ordinalVariant('2nd')).toBeNull();
    // A year is no ordinal; a decimal is no count.
    expect(ordinalVariant('2022')).toBeNull();
    expect(ordinalVariant('3.5')).toBeNull();
    expect(ordinalVariant('drill')).toBeNull();
  });
});

describe('a number word being typed', () => {
  it('begins the figures of the number words it begins, not itself', () => {
    expect(numberWordsBeginning('sevent')).toEqual(expect.arrayContaining(['70', '70th', '17', '17th']));
    expect(numberWordsBeginning('seventy')).toEqual([]);
    expect(numberWordsBeginning('seven')).not.toContain('7');
    expect(numberWordsBeginning('onl')).toEqual([]);
    // "one" and "first" are not folded, so nothing they begin stands for them.
    expect(numberWordsBeginning('fir')).toEqual([]);
  });
});

describe('numbers written as several words', () => {
  const phrases = (text: string) =>
    numberPhrases(tokenize(text)).map(({ term, surface }) => ({ term, surface }));

  it('reads words in a row that make one number as that number, with the phrase as written', () => {
    expect(phrases('The war lasted forty four days.')).toEqual([{ term: '44', surface: 'forty four' }]);
    expect(phrases('Two Thousand troops and two hundred tanks')).toEqual([
      { term: '2000', surface: 'Two Thousand' },
      { term: '200', surface: 'two hundred' },
    ]);
    expect(phrases('the twenty first century')).toEqual([{ term: '21st', surface: 'twenty first' }]);
    expect(phrases('one thousand')).toEqual([{ term: '1000', surface: 'one thousand' }]);
  });

  it('reads no number from words that do not make one, or that punctuation separates', () => {
    expect(phrases('four forty')).toEqual([]);
    expect(phrases('forty, four')).toEqual([]);
    expect(phrases('one of the two')).toEqual([]);
    expect(phrases('the second two rounds')).toEqual([]);
    expect(phrases('seven')).toEqual([]);
  });
});
