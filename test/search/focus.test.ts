/**
 * The focus of a question (src/search/focus.ts): the predicate a question asks the subject of
 * weighs more than the topic words around it, on a small corpus written for this test.
 */
import { describe, expect, it } from 'vitest';
import { questionFocus } from '../../src/search/focus.ts';
import { markdownArticle } from '../support/corpus.ts';
import { firstFor } from '../support/engine.ts';

describe('questionFocus', () => {
  it('reads the predicate after the question word and the noun naming the kind of answer', () => {
    expect(questionFocus('who commanded the troops in the valley?')).toBe('commanded');
    expect(questionFocus('What sparked the protests')).toBe('sparked');
    expect(questionFocus('which countries left the council')).toBe('left');
    expect(questionFocus('how many villages signed the water deal')).toBe('signed');
    expect(questionFocus('Кто asked the council for help')).toBeNull();
  });

  it('finds none in a question built on an auxiliary, a when/where/why question, or a light verb', () => {
    expect(questionFocus('what post did the governor lose')).toBeNull();
    expect(questionFocus('when was the council founded')).toBeNull();
    expect(questionFocus('why did the patrol turn back')).toBeNull();
    expect(questionFocus('who is the governor')).toBeNull();
    expect(questionFocus('what happened in the valley')).toBeNull();
    expect(questionFocus('border patrol valley')).toBeNull();
  });
});

describe('ranking by the focus', () => {
  it('when asked who did something, the paragraph saying it was done beats one holding the topic words closer together', async () => {
    const files = {
      'valley.md': markdownArticle('The valley', [
        'The valley patrol by the river, Sergeant Dilnoza Karimova wrote, met nobody on the river that week.',
        'Major Timur Sadykov, who had served for years in the north, commanded it; his patrol spent most of that spring up in the valley.',
        'The old fort on the river was commanded by nobody after the war.',
        'Shepherds say the valley is quiet in winter.',
      ]),
    };
    expect(await firstFor(files, 'who commanded the patrol in the valley by the river')).toBe('valley#2');
  });

  it('a focus the corpus does not hold weighs nothing more: a near spelling of it is not what was asked', async () => {
    const files = {
      'river.md': markdownArticle('The river', [
        'Shepherds say the valley is quiet in winter.',
        'Lorries parked by the river bank every night.',
        'The quarrel over water by the river began in spring.',
      ]),
    };
    // `sparked` is not in the corpus; `parked` is one letter from it.
    expect(await firstFor(files, 'what sparked the quarrel by the river')).toBe('river#3');
  });
});
