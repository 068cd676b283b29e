/**
 * Countries and the words for their people (src/text/demonyms.ts), on small corpora written for
 * these tests: a people's word reaches its country's name, the word as typed still ranks first, a
 * country's name does not reach its people's words, and a corpus's own spellings meet the table
 * through its transliterations.
 */
import { describe, expect, it } from 'vitest';
import { demonymStems } from '../../src/text/demonyms.ts';
import { wordTerms } from '../../src/text/terms.ts';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first, firstFor } from '../support/engine.ts';

const stemOf = (word: string) => wordTerms(word)[0] as string;
/** Whether a query word reaches a written word through the table. */
const joins = (typed: string, written: string) => demonymStems(stemOf(typed)).includes(stemOf(written));

describe('the country table', () => {
  it.each([
    ['Kyrgyz', 'Kyrgyzstan'],
    ['Kyrgyzstani', 'Kyrgyzstan'],
    ['Kirghiz', 'Kyrgyzstan'],
    ['Kazakh', 'Kazakhstan'],
    ['Armenians', 'Armenia'],
    ['Tajik', 'Tajikistan'],
    ['Uzbek', 'Uzbekistan'],
    ['Russian', 'Russia'],
    ['Georgian', 'Georgia'],
    ['Ukrainian', 'Ukraine'],
    ['Azeri', 'Azerbaijan'],
    ['Dutch', 'Netherlands'],
    ['Chinese', 'China'],
    ['Mexican', 'Mexico'],
  ])('a reader typing "%s" reaches a text that says "%s"', (typed, written) => {
    expect(joins(typed, written)).toBe(true);
  });

  it('a people\'s words meet one another ("Kazakh" and "Kazakhstani"), and a country\'s names ("Kirghizia")', () => {
    expect(joins('Kazakh', 'Kazakhstani')).toBe(true);
    expect(joins('Kazakhstani', 'Kazakh')).toBe(true);
    expect(joins('Kyrgyzstan', 'Kirghizia')).toBe(true);
  });

  it('a country is not expanded with its people ("Kazakhstan" does not reach "Kazakh officials")', () => {
    expect(joins('Kazakhstan', 'Kazakh')).toBe(false);
    expect(joins('Armenia', 'Armenian')).toBe(false);
  });

  it('countries never meet one another, and words with another common sense are left out', () => {
    expect(joins('Kyrgyz', 'Tajikistan')).toBe(false);
    expect(joins('Armenian', 'Azerbaijan')).toBe(false);
    expect(demonymStems(stemOf('turkey'))).toEqual([]);
    expect(demonymStems(stemOf('polish'))).toEqual([]);
    expect(demonymStems(stemOf('officials'))).toEqual([]);
  });
});

describe('ranking with the country table', () => {
  const paragraphs = [
    'Fighting broke out along the border of the delta in March, and the harvest was lost.',
    'Fighting broke out along the border of Kyrgyzstan in September, and villages were evacuated.',
    'The capital stayed calm.',
  ];

  it('"Kyrgyz border fighting" finds the paragraph that says "the border of Kyrgyzstan", not another border’s', async () => {
    const engine = await engineOf(paragraphs);
    expect(first(engine.answer('Kyrgyz border fighting'))).toBe('a#2');
    expect(first(engine.answer('kyrgyz fighting'))).toBe('a#2');
  });

  it('a paragraph that says the word typed ("Kazakh") still ranks above one that says the country', async () => {
    const engine = await engineOf([
      'Protesters in Kazakhstan demanded cheaper fuel.',
      'Kazakh protesters demanded cheaper fuel.',
    ]);
    expect(first(engine.answer('kazakh protesters fuel'))).toBe('a#2');
    expect(first(engine.answer('kazakhstan protesters fuel'))).toBe('a#1');
  });

  it("the corpus's own spelling meets the table through its transliterations (Tadzhik = Tajik)", async () => {
    const files = {
      'a.md': markdownArticle('A', [
        'Troops from Tajikistan were moved to the southern valley.',
        'Troops from the north were moved to the coast.',
      ]),
      'transliterations.txt': 'Tajik = Tadzhik\n',
    };
    expect(await firstFor(files, 'tadzhik troops moved')).toBe('a#1');
  });
});
