/**
 * Ranking orders only the head of a large union (quickselect, then a sort of what is above the
 * threshold): the head must be what ordering every candidate gives, equal scores included, in
 * MiniSearch's order as before ranking read the postings itself. The corpus is written here:
 * many paragraphs identical in length and words, so scores tie across the head's edge.
 *
 * The model's weights, on small corpora written for these tests: each reproduces one rule of
 * docs/ranking.md and fails without it.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { INDEX_OPTIONS, type IndexedParagraph } from '../../src/search/inverted-index.ts';
import type { QueryTerm } from '../../src/search/query.ts';
import { type RankContext, rank } from '../../src/search/rank.ts';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

/** 700 paragraphs: every third names the river twice, the rest once; lengths cycle over four values. */
function corpus(): MiniSearch<IndexedParagraph> {
  const index = new MiniSearch<IndexedParagraph>(INDEX_OPTIONS);
  const filler = ['stone', 'bridge', 'ferry', 'willow', 'mill'];
  index.addAll(
    Array.from({ length: 700 }, (_, i) => {
      const river = i % 3 === 0 ? ['river', 'river'] : ['river'];
      const words = [...river, ...filler.slice(0, 1 + (i % 4))];
      if (i % 5 === 0) words.push('ferryman');
      return { id: `p${i}`, text: words.join(' '), aliases: i % 11 === 0 ? 'crossing' : '' };
    }),
  );
  return index;
}

function context(index: MiniSearch<IndexedParagraph>): RankContext {
  return {
    index,
    known: () => true,
    frequency: () => 1,
    isName: () => false,
    paragraphs: () => undefined,
    headingTerms: { has: () => false, beginning: () => [] },
    analysis: () => undefined,
  };
}

const word = (term: string, prefix: string | null = null): QueryTerm => ({
  term,
  length: term.length,
  prefix,
  auxiliary: false,
  alternatives: [],
  variants: [],
  demonyms: [],
  synonyms: [],
});

describe('ranking the head of a large union', () => {
  const index = corpus();

  it.each([
    ['one word', [word('river')]],
    ['a word and a typed prefix', [word('river'), word('ferr', 'ferr')]],
    ['a word and an alias', [word('stone'), word('crossing')]],
  ])('a shallow ranking is the start of a deep one, ties included: %s', (_, terms) => {
    const shallow = rank(terms, null, context(index), { depth: 10 });
    const deep = rank(terms, null, context(index), { depth: 400 });
    expect(shallow.total).toBe(deep.total);
    expect(shallow.total).toBeGreaterThan(400);
    expect(shallow.ranked.length).toBe(200);
    const ids = (ranked: typeof shallow.ranked) => ranked.map(({ id, score }) => `${id}:${score}`);
    expect(ids(shallow.ranked)).toEqual(ids(deep.ranked.slice(0, 200)));
    // Scores do tie across the head's edge, so the order among equals is what is being checked.
    const edge = shallow.ranked[199]?.score;
    expect(deep.ranked.slice(200).some((hit) => hit.score === edge)).toBe(true);
  });

  it('orders paragraphs of equal score as MiniSearch did', () => {
    const { ranked } = rank([word('river')], null, context(index), { depth: 10 });
    const bySearch = index.search(
      { combineWith: 'OR', queries: [{ combineWith: 'OR', queries: ['river'], fuzzy: 0 }] },
      {
        fields: ['text', 'aliases'],
      },
    );
    // One word: the score is coverage (equal for all) plus MiniSearch's score, so the order is its.
    expect(ranked.map((hit) => hit.id)).toEqual(bySearch.slice(0, 200).map((result) => result.id));
    expect(ranked.map((hit) => Object.keys(hit.match))).toEqual(
      bySearch.slice(0, 200).map((result) => Object.keys(result.match)),
    );
  });
});

describe('names', () => {
  it('when a name is mistyped, it still weighs as a name: its paragraph beats one holding the other, commoner words', async () => {
    const filler = 'The committee met again on Tuesday to review the figures.';
    const engine = await engineOf({
      'a.md': markdownArticle(
        'A',
        [
          'Turkmenistan skipped the summit.',
          filler,
          'The minister said that, whatever the papers wrote, the summit had gone well.',
          filler,
          'Officials said the summit agenda was not yet final.',
          filler,
        ].join('\n\n'),
      ),
    });
    // `turkmenistn` is one typo from the name, as rare as `minister`, a plain word.
    expect(first(engine.answer('turkmenistn summit minister'))).toBe('a#1');
  });
});
