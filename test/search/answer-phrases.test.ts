/**
 * The phrases that answer "where", "which countries" and refusal questions
 * (src/search/answer-phrases.ts), read from sentences written for this test.
 */
import { describe, expect, it } from 'vitest';
import { nameListAt, refusalAt, type WordView, wordView } from '../../src/search/answer-phrases.ts';
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
