/**
 * The phrases that answer "where", "which countries" and refusal questions
 * (src/search/answer-phrases.ts), read from sentences written for this test.
 */
import { describe, expect, it } from 'vitest';
import {
  nameListAt,
  placePhraseAt,
  refusalAt,
  type WordView,
  wordView,
} from '../../src/search/answer-phrases.ts';
import { sentenceOfWords } from '../../src/search/proximity.ts';
import { tokenize } from '../../src/text/terms.ts';

function viewOf(text: string): WordView {
  const analysis = {
    words: tokenize(text).map(({ start, end }) => ({ start, end, terms: [] })),
    aliases: [],
  };
  return wordView(text, analysis, sentenceOfWords(text, analysis));
}

/** The words at which `found` holds, as written. */
function found(text: string, at: (view: WordView, at: number) => boolean): string[] {
  const view = viewOf(text);
  return Array.from({ length: view.length }, (_, i) => i)
    .filter((i) => at(view, i))
    .map((i) => view.surface(i));
}

const none = new Set<number>();

describe('placePhraseAt', () => {
  it('finds a preposition of place before a name or before "the … city / capital"', () => {
    expect(found('The envoys met in Samarkand on Monday.', (v, i) => placePhraseAt(v, i, none))).toEqual([
      'in',
    ]);
    expect(found('They signed it in the Uzbek capital.', (v, i) => placePhraseAt(v, i, none))).toEqual([
      'in',
    ]);
    expect(
      found('A base stands in the northern city of Gyumri.', (v, i) => placePhraseAt(v, i, none)),
    ).toEqual(['in']);
  });

  it('finds none before a common noun, a year, or a name the query itself matched', () => {
    expect(found('The talks ended in failure in 2019.', (v, i) => placePhraseAt(v, i, none))).toEqual([]);
    expect(found('Troops returned to Osh.', (v, i) => placePhraseAt(v, i, new Set([3])))).toEqual([]);
  });
});

describe('nameListAt', () => {
  it('finds names joined by a comma or "and"', () => {
    expect(found('Tarvia, Olmen and Kesh walked out.', nameListAt)).toEqual(['Tarvia', 'Olmen']);
  });

  it('finds no list in a name of two words or in names a sentence apart', () => {
    expect(found('General Aida Bekova thanked Tarvia. Olmen replied.', nameListAt)).toEqual([]);
  });
});

describe('refusalAt', () => {
  it('finds negations and refusals, including phrasal ones', () => {
    const refusals = (text: string) => found(text, (v, i) => refusalAt(v, i, none));
    expect(refusals('The council declined to help.')).toEqual(['declined']);
    expect(refusals("Moscow didn't answer.")).toEqual(["didn't"]);
    expect(refusals('The bloc ruled out sending troops.')).toEqual(['ruled']);
    expect(refusals('The plan turned out well.')).toEqual([]);
  });

  it('does not count a refusal word the query itself matched', () => {
    expect(found('The council refused.', (v, i) => refusalAt(v, i, new Set([2])))).toEqual([]);
  });
});
