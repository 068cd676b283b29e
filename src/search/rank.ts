/**
 * The relevance model: which paragraphs answer a query, best first (see docs/ranking.md).
 *
 * MiniSearch finds every paragraph whose own text or glossary aliases hold at least one query
 * word (exactly, within the typo budget, or — for the word being typed — as a prefix); titles and
 * headings are not searched, so they can never make a paragraph match. Each candidate is then
 * scored, in decreasing order of weight:
 *
 * 1. coverage: the share of the query's information the paragraph holds — every query word
 *    weighs its IDF, so the rare subject of a question dominates and frequent words are what is
 *    dropped first (Meilisearch's `frequency` strategy, without its all-or-nothing steps); a word
 *    matched through the glossary, a prefix or a typo counts a little less than the word itself;
 * 2. MiniSearch's BM25+ score, normalised, and words of the paragraph's section heading or
 *    article title, as tie-breakers;
 * 3. over a top window only: proximity (the query's words close together, in one sentence), and
 *    the question's shape (a number near the matched words for "how many", a date for "when"…).
 *
 * Question and auxiliary words (`when`, `went`, `not`, `many`) are not searched at all unless the
 * query has nothing else.
 */
import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { MatchedTerms, ParagraphTerms } from './highlight.ts';
import type { IndexedParagraph } from './index.ts';
import { closeness, positionsOf, sentenceOfWords, smallestWindow } from './proximity.ts';
import { buildQuery, type QueryTerm } from './query.ts';
import { definesSubject, hasAnswerNear, type Shape } from './shape.ts';

/** One ranked paragraph: its id, its score and the index terms it matched, by field. */
export interface Ranked {
  id: string;
  score: number;
  match: MatchedTerms;
}

export interface Headings {
  title: ReadonlySet<string>;
  section: ReadonlySet<string>;
}

/** What ranking needs from the engine besides the index. */
export interface RankContext {
  index: MiniSearch<IndexedParagraph>;
  /** Whether a term is in the index as written (then it is not matched fuzzily). */
  known: (term: string) => boolean;
  /** Whether the corpus writes a term capitalised: a name of a person, place or body. */
  isName: (term: string) => boolean;
  /** Each paragraph's title and section terms (sets shared by the paragraphs of a section). */
  paragraphs: ReadonlyMap<string, { headings: Headings }>;
  /** Every term of any title or heading: most queries hold none, and then skip the lookups. */
  headingTerms: ReadonlySet<string>;
  /** The paragraph's article and number, for "the first paragraph to mention X". */
  locate: (id: string) => { articleId: string; number: number; text: string } | undefined;
  /** The paragraph re-tokenised with every word's terms (cached by the engine). */
  analysis: (id: string) => ParagraphTerms | undefined;
}

/** How much a match counts towards coverage, by how it matched. */
const QUALITY = { exact: 1, prefix: 0.9, alias: 0.85, perTypo: 0.2 } as const;
/**
 * Weights, tuned on the judged evaluation (docs/ranking.md): coverage itself weighs 1; `name`
 * multiplies the IDF of a word the corpus writes capitalised (the subject of most questions).
 */
const WEIGHTS = { bm25: 0.1, heading: 0.3, proximity: 0.15, shape: 0.4, name: 1.5 } as const;
/** Candidates whose headings are looked up. */
const HEADING_WINDOW = 200;
/** Candidates re-tokenised for proximity and question shape. */
const RESCORE_WINDOW = 30;

interface Owner {
  term: number;
  quality: number;
}

/** Levenshtein distance, for telling which mistyped query word a fuzzy match belongs to. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Which query word an index term matched for, and how well: exact, as a prefix, or by typos. */
function ownerFinder(terms: readonly QueryTerm[]): (indexTerm: string) => Owner | undefined {
  const owners = new Map<string, Owner | undefined>();
  return (indexTerm) => {
    if (owners.has(indexTerm)) return owners.get(indexTerm);
    let owner: Owner | undefined;
    const exact = terms.findIndex((term) => term.term === indexTerm || term.alternatives.includes(indexTerm));
    if (exact >= 0) owner = { term: exact, quality: QUALITY.exact };
    else {
      const prefixed = terms.findIndex((term) => term.prefix !== null && indexTerm.startsWith(term.prefix));
      if (prefixed >= 0) owner = { term: prefixed, quality: QUALITY.prefix };
      else {
        terms.forEach((term, index) => {
          const typos = Math.min(
            ...[term.term, ...term.alternatives].map((spelling) => editDistance(spelling, indexTerm)),
          );
          const quality = Math.max(0.1, 1 - QUALITY.perTypo * typos);
          if (!owner || quality > owner.quality) owner = { term: index, quality };
        });
      }
    }
    owners.set(indexTerm, owner);
    return owner;
  };
}

interface Candidate {
  result: SearchResult;
  /** Best match quality per query word (0 when the word is not in the paragraph). */
  quality: Float64Array;
  score: number;
}

/** Whether a set of index terms holds a query word (or, while it is typed, a word it begins). */
function holds(set: ReadonlySet<string>, term: QueryTerm): boolean {
  if (set.has(term.term)) return true;
  const prefix = term.prefix;
  if (prefix === null) return false;
  for (const word of set) if (word.startsWith(prefix)) return true;
  return false;
}

/**
 * The weighted share of the query's words that a section heading or article title holds,
 * computed once per distinct pair: every paragraph of a section shares the same sets.
 */
function headingScorer(
  content: readonly QueryTerm[],
  weight: readonly number[],
): (section: ReadonlySet<string>, title: ReadonlySet<string>) => number {
  const memo = new Map<ReadonlySet<string>, Map<ReadonlySet<string>, number>>();
  return (section, title) => {
    let byTitle = memo.get(section);
    if (!byTitle) {
      byTitle = new Map();
      memo.set(section, byTitle);
    }
    let share = byTitle.get(title);
    if (share === undefined) {
      share = 0;
      content.forEach((term, t) => {
        if (holds(section, term) || holds(title, term)) share = (share as number) + (weight[t] as number);
      });
      byTitle.set(title, share);
    }
    return share;
  };
}

/** Every paragraph holding at least one of `terms`, best first. */
export function rank(
  terms: readonly QueryTerm[],
  shape: Shape | null,
  context: RankContext,
  onlyId?: string,
): Ranked[] {
  const content = terms.some((term) => !term.auxiliary) ? terms.filter((term) => !term.auxiliary) : terms;
  if (content.length === 0) return [];
  const results = context.index.search(buildQuery(content, 'OR', context.known), {
    fields: ['text', 'aliases'],
    ...(onlyId === undefined ? {} : { filter: (result: SearchResult) => result.id === onlyId }),
  });
  if (results.length === 0) return [];

  const ownerOf = ownerFinder(content);
  const count = content.length;
  // One buffer for every candidate's per-word qualities: a large union allocates nothing else.
  const qualities = new Float64Array(results.length * count);
  const documentFrequency = new Float64Array(count);
  const candidates: Candidate[] = new Array(results.length);
  for (let r = 0; r < results.length; r++) {
    const result = results[r] as SearchResult;
    const quality = qualities.subarray(r * count, (r + 1) * count);
    for (const indexTerm of result.terms) {
      const owner = ownerOf(indexTerm);
      if (!owner) continue;
      const fields = result.match[indexTerm] as string[];
      const q = fields.includes('text') ? owner.quality : owner.quality * QUALITY.alias;
      if (q > (quality[owner.term] as number)) quality[owner.term] = q;
    }
    for (let t = 0; t < count; t++)
      if ((quality[t] as number) > 0) documentFrequency[t] = (documentFrequency[t] as number) + 1;
    candidates[r] = { result, quality, score: 0 };
  }

  // IDF over the whole index (BM25's form, never negative): a word in few paragraphs weighs most.
  const total = context.index.documentCount;
  const weight = Array.from(
    documentFrequency,
    (df, i) =>
      Math.log(1 + (total - df + 0.5) / (df + 0.5)) *
      (context.isName((content[i] as QueryTerm).term) ? WEIGHTS.name : 1),
  );
  const weightSum = weight.reduce((sum, w) => sum + w, 0);
  let topBm25 = 0;
  for (const result of results) topBm25 = Math.max(topBm25, result.score / result.queryTerms.length);
  const headingShare = headingScorer(content, weight);
  const anyHeading = content.some((term) => holds(context.headingTerms, term));

  for (const candidate of candidates) {
    let covered = 0;
    for (let t = 0; t < count; t++) covered += (weight[t] as number) * (candidate.quality[t] as number);
    const bm25 = candidate.result.score / candidate.result.queryTerms.length / topBm25;
    candidate.score = covered / weightSum + WEIGHTS.bm25 * bm25;
  }
  candidates.sort((a, b) => b.score - a.score);
  if (anyHeading) {
    // Headings only reorder the head of the list: a lookup per candidate of a large union costs
    // more than the rest of ranking, and a paragraph far down cannot climb into view by them.
    rescore(candidates, HEADING_WINDOW, (candidate) => {
      const headings = context.paragraphs.get(candidate.result.id)?.headings;
      return headings ? (WEIGHTS.heading * headingShare(headings.section, headings.title)) / weightSum : 0;
    });
  }
  // Positions only matter for two words or more, or for a question shape.
  if (count > 1 || shape !== null)
    rescoreWindow(candidates, content, shape, context, (indexTerm) => ownerOf(indexTerm)?.term);
  return candidates.map(({ result, score }) => ({ id: result.id, score, match: result.match }));
}

/** Adds `bonus` to the first `size` candidates (already sorted) and re-sorts them among themselves. */
function rescore(candidates: Candidate[], size: number, bonus: (candidate: Candidate) => number): void {
  const head = candidates.slice(0, size);
  for (const candidate of head) candidate.score += bonus(candidate);
  head.sort((a, b) => b.score - a.score);
  candidates.splice(0, head.length, ...head);
}

/**
 * Proximity and question shape for the best `RESCORE_WINDOW` candidates, re-sorted among
 * themselves: both need word positions, which only re-tokenising the paragraph gives.
 */
function rescoreWindow(
  candidates: Candidate[],
  content: readonly QueryTerm[],
  shape: Shape | null,
  context: RankContext,
  ownerOf: (indexTerm: string) => number | undefined,
): void {
  const wordsWanted = Math.max(1, content.length - 1);
  // "What is X": the first paragraph of each article to hold every word of X introduces it.
  const introduces = new Map<string, number>();
  if (shape === 'define') {
    for (const candidate of candidates) {
      if (candidate.quality.some((q) => q === 0)) continue;
      const place = context.locate(candidate.result.id);
      if (place && (introduces.get(place.articleId) ?? Number.POSITIVE_INFINITY) > place.number)
        introduces.set(place.articleId, place.number);
    }
  }
  rescore(candidates, RESCORE_WINDOW, (candidate) => {
    const analysis = context.analysis(candidate.result.id);
    const place = context.locate(candidate.result.id);
    if (!analysis || !place) return 0;
    const positions = positionsOf(analysis, candidate.result.match, ownerOf);
    const sentenceOf = sentenceOfWords(place.text, analysis);
    const span = smallestWindow(positions);
    const near = closeness(span, sentenceOf) * (span ? (span.words - 1) / wordsWanted : 0);
    let answerKind = 0;
    if (shape) {
      const matched = new Set([...positions.values()].flat());
      answerKind =
        shape === 'define'
          ? 0.5 * (introduces.get(place.articleId) === place.number ? 1 : 0) +
            0.5 * definesSubject(place.text, analysis, matched)
          : hasAnswerNear(shape, place.text, analysis, sentenceOf, matched);
    }
    return WEIGHTS.proximity * near + WEIGHTS.shape * answerKind;
  });
}
