/** What a reader typed, turned into search terms and a query tree: cleaning, terms, typo budget, prefixes. */
import { describe, expect, it } from 'vitest';
import {
  buildQuery,
  cleanQuery,
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  queryTerms,
  typoBudget,
} from '../../src/search/query.ts';

const terms = (query: string) => queryTerms(cleanQuery(query)).map((term) => term.term);

describe('cleanQuery', () => {
  it('normalises to NFC, drops control and invisible format characters, and collapses whitespace', () => {
    expect(cleanQuery('  Toqa\u0308ev\u0000 \n\t Arme\u00adnia\u200b  ')).toBe('Toqäev Armenia');
    expect(cleanQuery('\u0007\u202e')).toBe('');
  });

  it(`cuts a long question at a word boundary, to at most ${MAX_QUERY_CHARS} characters`, () => {
    const cleaned = cleanQuery('drills '.repeat(100));
    expect(cleaned.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(cleaned.endsWith('drills')).toBe(true);
  });
});

describe('queryTerms', () => {
  it('drops stop words, stems, folds diacritics and possessives, and lists each term once', () => {
    expect(terms('why did the drills in Armenia’s and Armenia fail? ')).toEqual([
      'why',
      'drill',
      'armenia',
      'fail',
    ]);
    expect(terms('Toqäev ')).toEqual(terms('toqaev '));
  });

  it(`keeps at most ${MAX_QUERY_TERMS} terms`, () => {
    const words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november';
    expect(terms(`${words} `)).toHaveLength(MAX_QUERY_TERMS);
  });

  it('matches only the word still being typed as a prefix, folded but not stemmed', () => {
    const [kyrgyz, drills] = queryTerms('Kyrgy drills');
    expect(kyrgyz?.prefix).toBeNull();
    expect(drills?.prefix).toBe('drills');
    // A trailing space or punctuation means the last word is finished.
    expect(queryTerms('drills ').every((term) => term.prefix === null)).toBe(true);
    expect(queryTerms('drills?').every((term) => term.prefix === null)).toBe(true);
    // Two letters would match too much of the vocabulary.
    expect(queryTerms('armenia ky').at(-1)?.prefix).toBeNull();
  });

  it('marks question words as auxiliary, unless the reader is still typing them', () => {
    const [when, armenia] = queryTerms('when did Armenia leave?');
    expect(when).toMatchObject({ term: 'when', auxiliary: true });
    expect(armenia).toMatchObject({ term: 'armenia', auxiliary: false });
    expect(queryTerms('Armenia when').at(-1)).toMatchObject({ term: 'when', auxiliary: false });
    expect(queryTerms('according to Baisalov?')[0]).toMatchObject({ auxiliary: true });
    expect(queryTerms('the 1992 accord')[1]).toMatchObject({ auxiliary: false });
  });

  it("tells a people's word's country group apart from a word's family among its variants", () => {
    const [kyrgyz] = queryTerms('Kyrgyz officials?');
    expect(kyrgyz?.demonyms).toContain('kyrgyzstan');
    expect(kyrgyz?.variants).toEqual(expect.arrayContaining([...(kyrgyz?.demonyms ?? [])]));
    const [invade] = queryTerms('invade?');
    expect(invade?.variants).toContain('invas');
    expect(invade?.demonyms).toEqual([]);
  });
});

describe('typoBudget', () => {
  it.each([
    ['csto', 4, 0],
    ['drill', 5, 1],
    ['armenian', 8, 1],
    ['kyrgyzstan', 10, 2],
    ['2022', 4, 0],
    ['7644000', 7, 0],
  ])('%s (length %i) may be %i edits away', (term, length, edits) => {
    expect(typoBudget({ term, length })).toBe(edits);
  });
});

describe('buildQuery', () => {
  it('searches a term the index knows exactly, and an unknown one within its typo budget', () => {
    const [kyrgyzstan] = queryTerms('Kyrgyzstan ');
    const tree = (known: boolean) =>
      buildQuery([kyrgyzstan as NonNullable<typeof kyrgyzstan>], 'AND', () => known);
    expect(tree(true)).toEqual({ combineWith: 'AND', queries: [expect.objectContaining({ fuzzy: 0 })] });
    expect(tree(false)).toEqual({ combineWith: 'AND', queries: [expect.objectContaining({ fuzzy: 2 })] });
  });

  it('lets the typed word match anything it begins, beside its stem', () => {
    const tree = buildQuery(queryTerms('kyrgy'), 'OR');
    expect(JSON.stringify(tree)).toContain('"queries":["kyrgy"],"prefix":true');
  });
});
