/**
 * `evaluate` must return what `MiniSearch.search` returns for the same query — scores to the last
 * bit, order, matched terms and fields — since ranking reads it instead. Checked on an index this
 * test writes itself: made-up words in a seeded random mix, so that prefixes, typos, aliases,
 * repeated words and equal scores all occur.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/search/evaluate.ts';
import { INDEX_OPTIONS, type IndexedParagraph } from '../../src/search/inverted-index.ts';
import { buildQuery, type QueryTerm } from '../../src/search/query.ts';

const WORDS = [
  'harbor',
  'harvest',
  'harness',
  'hardly',
  'lantern',
  'lanter',
  'meadow',
  'mead',
  'orchard',
  'orchid',
  'pebble',
  'pebbl',
  'quarry',
  'ridge',
  'riddle',
  'saddle',
  'sadden',
  'timber',
  'timbre',
  'walnut',
];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Paragraphs of 3–14 words; some repeat a word, some carry aliases; a run of identical ones ties. */
function paragraphs(count: number): IndexedParagraph[] {
  const next = random(7);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)] as string;
  return Array.from({ length: count }, (_, i) => {
    if (i % 10 === 3) return { id: `p${i}`, text: 'harbor lantern walnut', aliases: '' };
    const words = Array.from({ length: 3 + Math.floor(next() * 12) }, pick);
    const aliases = next() < 0.2 ? [pick(), pick()].join(' ') : '';
    return { id: `p${i}`, text: words.join(' '), aliases };
  });
}

function indexOf(docs: readonly IndexedParagraph[]): MiniSearch<IndexedParagraph> {
  const index = new MiniSearch<IndexedParagraph>(INDEX_OPTIONS);
  index.addAll(docs);
  return index;
}

const term = (word: string, extra: Partial<QueryTerm> = {}): QueryTerm => ({
  term: word,
  length: word.length,
  prefix: null,
  auxiliary: false,
  alternatives: [],
  variants: [],
  demonyms: [],
  synonyms: [],
  ...extra,
});

/** Query shapes `buildQuery` writes: exact, typo budgets, typed prefixes, alternatives, variants and synonyms. */
const QUERIES: { name: string; terms: QueryTerm[]; known?: boolean }[] = [
  { name: 'one common word', terms: [term('harbor')], known: true },
  { name: 'two words', terms: [term('lantern'), term('walnut')], known: true },
  { name: 'a word with typos allowed', terms: [term('lanterm'), term('meadow')] },
  { name: 'a word being typed', terms: [term('ridge'), term('har', { prefix: 'har' })], known: true },
  {
    name: 'a typed word whose stem differs from its prefix',
    terms: [term('timber'), term('sadd', { prefix: 'sadde' })],
  },
  {
    name: 'alternatives and variants',
    terms: [term('orchard', { alternatives: ['orchid'], variants: ['quarry'] }), term('pebble')],
  },
  {
    name: 'synonyms, at their own field boost',
    terms: [term('orchard', { synonyms: ['quarry', 'pebble'] }), term('lanterm', { synonyms: ['meadow'] })],
  },
  {
    name: 'a string repeated across terms',
    terms: [term('meadow', { variants: ['walnut'] }), term('walnut'), term('mea', { prefix: 'mea' })],
  },
];

function viaMiniSearch(index: MiniSearch<IndexedParagraph>, queries: Query[], combineWith: 'OR' | 'AND') {
  return index.search({ combineWith, queries }, { fields: ['text', 'aliases'] });
}

/** `evaluate`'s answer laid out as MiniSearch's results: by score, ties in the order met. */
function viaPostings(index: MiniSearch<IndexedParagraph>, queries: Query[], combineWith: 'OR' | 'AND') {
  const evaluation = evaluate(index, queries, ['text', 'aliases'], () => undefined, 0);
  const slots = Array.from(combineWith === 'OR' ? evaluation.order : evaluation.all());
  const matches = evaluation.matchesOf(slots);
  const results = slots.map((slot, at) => ({
    id: evaluation.id(slot),
    score: (evaluation.score[slot] as number) * (evaluation.sources[slot] as number),
    queryTerms: evaluation.sources[slot],
    match: matches[at] as Record<string, string[]>,
  }));
  return results.sort((a, b) => b.score - a.score);
}

/** What ranking reads of a result, with the match's key order (highlighting and completions follow it). */
const comparable = (results: readonly Pick<SearchResult, 'id' | 'score' | 'match'>[]) =>
  results.map(({ id, score, match }) => ({ id, score, match: JSON.stringify(match) }));

describe('evaluating a query over the postings', () => {
  const docs = paragraphs(600);

  it.each(QUERIES)('returns what MiniSearch.search returns, OR and AND: $name', ({ terms, known }) => {
    const index = indexOf(docs);
    const queries = buildQuery(terms, 'OR', () => known ?? false).queries;
    for (const combineWith of ['OR', 'AND'] as const) {
      const expected = viaMiniSearch(index, queries, combineWith);
      const actual = viaPostings(index, queries, combineWith);
      expect(actual.length).toBe(expected.length);
      expect(comparable(actual)).toEqual(comparable(expected));
      expect(actual.map((result) => result.queryTerms)).toEqual(
        expected.map((result) => result.queryTerms.length),
      );
    }
    expect(viaMiniSearch(index, queries, 'OR').length).toBeGreaterThan(50);
  });

  it('credits each query term with the best value over the terms and fields it matched', () => {
    const index = indexOf(docs);
    const terms = [term('ridge'), term('har', { prefix: 'har' })];
    const queries = buildQuery(terms, 'OR', () => true).queries;
    const value = (indexTerm: string, field: string) =>
      (indexTerm.startsWith('har') ? 0.5 : 1) * (field === 'text' ? 1 : 0.25);
    const evaluation = evaluate(
      index,
      queries,
      ['text', 'aliases'],
      (indexTerm, field) => ({ term: indexTerm === 'ridge' ? 0 : 1, value: value(indexTerm, field) }),
      2,
    );
    const bySlot = new Map(Array.from(evaluation.order, (slot) => [evaluation.id(slot), slot]));
    for (const result of viaMiniSearch(index, queries, 'OR')) {
      const best = [0, 0];
      for (const [indexTerm, fields] of Object.entries(result.match)) {
        const t = indexTerm === 'ridge' ? 0 : 1;
        for (const field of fields) best[t] = Math.max(best[t] as number, value(indexTerm, field));
      }
      const slot = bySlot.get(result.id) as number;
      expect([evaluation.credit[slot * 2], evaluation.credit[slot * 2 + 1]]).toEqual(best);
    }
  });

  it('finds the slot of a paragraph by its short id, and none for one holding no query term', () => {
    const index = indexOf(docs);
    const queries = buildQuery([term('ridge')], 'OR', () => true).queries;
    const evaluation = evaluate(index, queries, ['text', 'aliases'], () => ({ term: 0, value: 1 }), 1);
    for (const slot of evaluation.order) expect(evaluation.slotOf(evaluation.shortId(slot))).toBe(slot);
    const holding = new Set(viaMiniSearch(index, queries, 'OR').map((result) => result.id));
    const outside = docs.findIndex((doc) => !holding.has(doc.id));
    expect(outside).toBeGreaterThanOrEqual(0);
    // Short ids are given in the order paragraphs were added (MiniSearch's `addAll`).
    expect(evaluation.slotOf(outside)).toBe(-1);
  });

  it('after paragraphs are discarded, scores and finds what MiniSearch does, query after query', () => {
    const mini = indexOf(docs);
    const ours = indexOf(docs);
    for (const index of [mini, ours]) for (let i = 0; i < 600; i += 7) index.discard(`p${i}`);
    for (const { terms, known } of [...QUERIES, ...QUERIES]) {
      const queries = buildQuery(terms, 'OR', () => known ?? false).queries;
      const expected = viaMiniSearch(mini, queries, 'OR');
      expect(expected.some((result) => result.id === 'p7')).toBe(false);
      expect(comparable(viaPostings(ours, queries, 'OR'))).toEqual(comparable(expected));
    }
  });
});
