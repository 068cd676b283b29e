/**
 * Names carried over from the paragraphs before: "the group" two paragraphs after one naming the
 * Baltic Ferry League is about the league. The corpora are written here.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CARRIED_QUALITY, carriedWeight, type Neighbours, neighboursIn } from '../../src/search/carry.ts';
import { AnswerEngine } from '../../src/search/engine.ts';
import { LiveCorpus } from '../../src/search/live.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

/**
 * An index of two articles, numbered one paragraph after another as the engine numbers them: which
 * query words (by position) each paragraph holds, and how well.
 */
const paragraphs: { article: string; number: number; holds: number[] }[] = [
  { article: 'a', number: 1, holds: [1, 1] },
  { article: 'a', number: 2, holds: [0, 0] },
  { article: 'a', number: 3, holds: [0, 0.8] },
  { article: 'a', number: 4, holds: [0, 0] },
  { article: 'b', number: 1, holds: [0, 0] },
];
const neighbours: Neighbours = {
  place: (shortId) => {
    const paragraph = paragraphs[shortId];
    return paragraph && { article: { id: paragraph.article }, paragraph: { number: paragraph.number } };
  },
  holds: (shortId, t) => paragraphs[shortId]?.holds[t] ?? 0,
};
const weight = [2, 1];
const gain = (shortId: number, isName: (t: number) => boolean = () => true) =>
  carriedWeight(shortId, weight, isName, neighbours);

describe('carriedWeight', () => {
  it('counts a name a paragraph lacks that one of the two before it holds, at a low quality', () => {
    expect(gain(1)).toBeCloseTo((2 + 1) * CARRIED_QUALITY);
    // a#4: the second name from a#3 right before (held there at 0.8); a#1 is three paragraphs back.
    expect(gain(3)).toBeCloseTo(0.8 * CARRIED_QUALITY);
  });

  it('carries nothing for a word the paragraph holds, into a first paragraph, or across articles', () => {
    expect(gain(2)).toBeCloseTo(2 * CARRIED_QUALITY);
    expect(gain(0)).toBe(0);
    expect(gain(4)).toBe(0);
  });

  it('carries names only', () => {
    expect(gain(1, (t) => t === 1)).toBeCloseTo(CARRIED_QUALITY);
    expect(gain(1, () => false)).toBe(0);
  });
});

describe('what the paragraphs hold, read from a query’s evaluation', () => {
  // One query word: slot × [the word's credit, its synonyms' credit]; short id 3 holds no query word.
  const credit = Float64Array.from([1, 0, 0, 0.6, 0, 0]);
  const slotOf = (shortId: number) => (shortId < 3 ? shortId : -1);
  const place = (shortId: number) => ({ article: { id: 'a' }, paragraph: { number: shortId + 1 } });
  const read = neighboursIn({ slotOf, credit }, 2, place);

  it('a paragraph holding the name through a synonym does not lack it: nothing is carried into it', () => {
    expect(read.holds(1, 0)).toBe(0.6);
    expect(carriedWeight(1, [1], () => true, read)).toBe(0);
  });

  it('a paragraph holding none of the query’s words gains what the one before holds', () => {
    expect(read.holds(3, 0)).toBe(0);
    expect(carriedWeight(2, [1], () => true, read)).toBeCloseTo(CARRIED_QUALITY);
  });
});

describe('a question naming the subject', () => {
  const named = 'Delegates of the Baltic Ferry League met in Tallinn on Monday to discuss fuel prices.';
  const agenda = 'Fuel prices were the first item on a long agenda.';
  const group = 'The group now counts 11 member ports, up from seven when it was founded.';
  const dues = [
    'Member ports pay dues of 40 euros; ports that are not members pay 60 euros for every berth.',
    'Berths in winter cost less than berths in summer.',
  ];
  const engine = (league: readonly string[]) =>
    engineOf({
      'league.md': markdownArticle('Harbour news', league),
      'dues.md': markdownArticle('Fees', dues),
    });
  const question = 'how many member ports does the baltic ferry league have';

  it('finds the paragraph that refers back to it as "the group"', async () => {
    expect(first((await engine([named, agenda, group])).answer(question))).toBe('league#3');
  });

  const vote = 'The vote on the budget was put off to June.';

  it('carries it no further than two paragraphs: then the paragraph only naming it comes first', async () => {
    const later = await engine([named, agenda, vote, group]);
    expect(first(later.answer(question))).toBe('league#1');
  });

  it('carries it after a live reload has re-indexed the article behind the others, next to a removed one', async () => {
    // The edited article is indexed again after `dues.md`; the removed one leaves a gap before it.
    const corpusDir = makeCorpus({
      'dues.md': markdownArticle('Fees', dues),
      'league.md': markdownArticle('Harbour news', [named, agenda, vote, group]),
      'notes.md': markdownArticle('Notes', ['The harbour master retired in the spring.']),
    });
    const dataDir = tempDir();
    const logger = pino({ level: 'silent' });
    const opened = await AnswerEngine.open({ corpusDir, dataDir, logger });
    const live = new LiveCorpus({ engine: opened, corpusDir, dataDir, logger });
    try {
      expect(first(opened.answer(question))).toBe('league#1');
      writeFileSync(join(corpusDir, 'league.md'), markdownArticle('Harbour news', [named, agenda, group]));
      unlinkSync(join(corpusDir, 'notes.md'));
      expect(await live.reload()).toMatchObject({ changed: ['league.md'], removed: ['notes.md'] });
      expect(first(opened.answer(question))).toBe('league#3');
    } finally {
      live.stop();
    }
  });
});
