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
 *    matched through the glossary, its word family, a prefix or a typo counts a little less than
 *    the word itself;
 * 2. MiniSearch's BM25+ score, normalised, and words of the paragraph's section heading or
 *    article title, as tie-breakers;
 * 3. over a top window only: proximity (the query's words close together, in one sentence), and
 *    the question's shape (a number near the matched words for "how many", a date for "when"…);
 * 4. for a "why" question, the explanation in the paragraph after one of the best few
 *    (`discourse.ts`): news states an event, then its reason.
 * 5. over the same window, a name of the query a paragraph lacks counts a little when one of the
 *    two paragraphs before it holds it (`carry.ts`): "the bloc" after a paragraph naming the CSTO.
 *
 * Question and auxiliary words (`when`, `went`, `not`, `many`) are not searched at all unless the
 * query has nothing else.
 */

import type MiniSearch from 'minisearch';
import { bestFirst } from './best-first.ts';
import { carriedWeight, neighboursIn } from './carry.ts';
import { withCorrections } from './correct.ts';
import { followEvent } from './discourse.ts';
import { evaluate } from './evaluate.ts';
import type { MatchedTerms, ParagraphTerms } from './highlight.ts';
import type { IndexedParagraph } from './inverted-index.ts';
import { ownerFinder, QUALITY } from './owners.ts';
import { closeness, positionsOf, sentenceOfWords, smallestWindow } from './proximity.ts';
import { buildQuery, type QueryTerm } from './query.ts';
import { definesSubject, hasAnswerNear, namesAlone, type Shape } from './shape.ts';

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

/** What ranking reads of a paragraph besides the index: its headings, article and place. */
export interface Placed {
  headings: Headings;
  article: { id: string; paragraphs: readonly { id: string; text: string }[] };
  paragraph: { number: number; text: string };
}

/** What ranking needs from the engine besides the index. */
export interface RankContext {
  index: MiniSearch<IndexedParagraph>;
  /** Whether a term is in the index as written (then it is not matched fuzzily). */
  known: (term: string) => boolean;
  /** How often a term occurs in the corpus (0 when unknown): at least as many as paragraphs holding it. */
  frequency: (term: string) => number;
  /** Whether the corpus writes a term capitalised: a name of a person, place or body. */
  isName: (term: string) => boolean;
  /**
   * A paragraph by its MiniSearch short id in `index` (an array read once looked up): ranking reads
   * a candidate's headings and place by it, not by looking its string id up in maps.
   */
  paragraphs: (shortId: number) => Placed | undefined;
  /**
   * Every term of any title or heading (`has`), and those beginning with a prefix (`beginning`):
   * most queries hold none, and then skip the lookups.
   */
  headingTerms: { has(term: string): boolean; beginning(prefix: string): string[] };
  /** The paragraph re-tokenised with every word's terms (cached by the engine). */
  analysis: (id: string) => ParagraphTerms | undefined;
}

/**
 * Weights next to coverage, which weighs 1 (re-tuned by coordinate ascent on the judged set and
 * checked on the fresh set and on halves of the judged set: docs/ranking.md). One line each:
 * - `bm25` 0.1: a tie-breaker; 0 loses three judged and four fresh queries, 0.15 and more lose
 *   seed-only queries (the shipped article alone).
 * - `heading` 0.3: words in the title or section; 0.1 loses, and the two halves of the judged set
 *   pull opposite ways (0.2 and 0.6, each losing on the other half), so the middle stays.
 * - `proximity` 0.15: 0.3 gains a query on the judged set but loses three on the fresh set.
 * - `shape` 0.4: a question's answer type ("how many" → a number). Before the thesaurus 0.5 gained
 *   one number question and changed nothing else; with it, 0.5 loses a judged question and two
 *   fresh queries, so 0.4 stays; 0.6 and more lose fresh queries, 0.3 and less judged ones.
 * - `name` 1.5: a word the corpus writes capitalised (the subject of most questions) weighs 1.5×
 *   its IDF; 2 and more lose on the judged and fresh sets (1 gains fresh and Russian queries, but
 *   trades one judged query for another and loses on the odd half: not chosen on the fresh set).
 * - `focus` 1.5: the predicate a question asks the subject of (`focus.ts`); 1 to 2.5 keep every
 *   English hit@1, and 2 puts two fresh answers and one Russian answer lower.
 */
const WEIGHTS = { bm25: 0.1, heading: 0.3, proximity: 0.15, shape: 0.4, name: 1.5, focus: 1.5 } as const;
/**
 * The share of a "what is X" shape for introducing X (the rest is for defining it): 0.4 to 0.75
 * rank every judged query the same; 0.25 ranks a Russian answer lower.
 */
const FIRST_MENTION = 0.5;
/**
 * Words a mistyped or partly typed query word matched that are looked up as names: a short prefix
 * matches hundreds, and one of its first few settles it.
 */
const NAME_LOOKUPS = 8;
/** Candidates whose headings are looked up. */
const HEADING_WINDOW = 200;
/**
 * Candidates re-tokenised for proximity and question shape: 10 loses queries, and more than 20
 * would cost the answer path more at 100k paragraphs.
 */
const RESCORE_WINDOW = 20;

/**
 * The candidates of one query, as parallel arrays indexed by their position in MiniSearch's
 * order: a large union would otherwise allocate an object or two per paragraph on every query.
 */
interface Candidates {
  id: (r: number) => string;
  /** The candidate's paragraph (`RankContext.paragraphs`). */
  place: (r: number) => Placed | undefined;
  /** The index terms a candidate matched, by field; built for the head of the ranking only. */
  match: (r: number) => MatchedTerms;
  /** `count` qualities per candidate: how well it matched each query word (0: not at all). */
  qualities: Float64Array;
  count: number;
  scores: Float64Array;
  /** Result positions, best first. */
  order: Uint32Array;
}

/**
 * Whether a set of title or heading terms holds a query word or, while it is typed, one of
 * `begun` (the heading terms it begins: usually fewer than the set's words, so they are looked up).
 */
function holds(set: ReadonlySet<string>, term: QueryTerm, begun: readonly string[]): boolean {
  if (set.has(term.term)) return true;
  if (begun.length <= set.size) return begun.some((word) => set.has(word));
  const prefix = term.prefix as string;
  for (const word of set) if (word.startsWith(prefix)) return true;
  return false;
}

/**
 * The weighted share of the query's words that a section heading or article title holds,
 * computed once per distinct pair: every paragraph of a section shares one `Headings`.
 */
function headingScorer(
  content: readonly QueryTerm[],
  weight: readonly number[],
  begun: readonly (readonly string[])[],
): (headings: Headings) => number {
  const memo = new Map<Headings, number>();
  return (headings) => {
    let share = memo.get(headings);
    if (share === undefined) {
      share = 0;
      content.forEach((term, t) => {
        const words = begun[t] as readonly string[];
        if (holds(headings.section, term, words) || holds(headings.title, term, words))
          share = (share as number) + (weight[t] as number);
      });
      memo.set(headings, share);
    }
    return share;
  };
}

export interface RankOptions {
  /** How many of the best paragraphs the caller will read: only those are put in order. */
  depth: number;
  /** Rank this paragraph alone (for its highlights). */
  onlyId?: string;
  /** A "why" question: the explanations after its best paragraphs gain (`discourse.ts`). */
  why?: boolean;
  /** The term of the question's focus (`focus.ts`): it weighs `WEIGHTS.focus` times its IDF. */
  focus?: string | null;
}

/** The ordered head of a ranking, and how many paragraphs hold any of the query's words. */
export interface Ranking {
  /** The best `depth` (at least `HEADING_WINDOW`) paragraphs, best first. */
  ranked: Ranked[];
  /**
   * Paragraphs holding any of the query's words; when every word is common and at least
   * `HEADING_WINDOW` paragraphs hold them all, only those are ranked and counted.
   */
  total: number;
}

/** The paragraphs holding at least one of `terms`: the best of them in order, and how many there are. */
export function rank(
  terms: readonly QueryTerm[],
  shape: Shape | null,
  context: RankContext,
  { depth, onlyId, why, focus = null }: RankOptions,
): Ranking {
  const none = { ranked: [], total: 0 };
  const typed = terms.some((term) => !term.auxiliary) ? terms.filter((term) => !term.auxiliary) : terms;
  const content = withCorrections(typed, context);
  if (content.length === 0) return none;
  const head = Math.max(depth, HEADING_WINDOW);
  const ownerOf = ownerFinder(content);
  const count = content.length;
  // A word the corpus writes capitalised weighs more; a mistyped or partly typed one (`uzbekistn`,
  // `kyrgy`) is not in the corpus at all, so it is a name when a word it matched is one.
  const name = content.map((term) => context.isName(term.term));
  const unknown = content.map((term) => !context.known(term.term));
  const looked = new Uint16Array(count);
  // MiniSearch's search of the query's words, read into arrays (`evaluate.ts`): the same scores
  // and order, with a quality per query word credited as each posting is read.
  const evaluation = evaluate(
    context.index,
    buildQuery(content, 'OR', context.known).queries,
    ['text', 'aliases'],
    (indexTerm, field) => {
      const owner = ownerOf(indexTerm);
      if (!owner) return undefined;
      if (unknown[owner.term] && !name[owner.term] && (looked[owner.term] as number) < NAME_LOOKUPS) {
        looked[owner.term] = (looked[owner.term] as number) + 1;
        if (context.isName(indexTerm)) name[owner.term] = true;
      }
      // A synonym is credited in a column of its own (after the words'), kept out of the word's IDF.
      const term = owner.synonym ? count + owner.term : owner.term;
      return { term, value: field === 'text' ? owner.quality : owner.quality * QUALITY.alias };
    },
    2 * count,
  );
  // When the words are common enough that many paragraphs hold them all (estimated as if they
  // occurred independently, from their counts, which bound how many paragraphs hold each), rank
  // those — Meilisearch's all-words bucket — if they fill every page a reader sees, rather than
  // the far larger union, whose scoring and ordering is most of a large index's answer time.
  const documents = context.index.documentCount;
  const together = content.reduce(
    (estimate, term) =>
      term.prefix !== null ? estimate : estimate * Math.min(1, context.frequency(term.term) / documents),
    documents,
  );
  // Two words are worth the try whatever the estimate: their intersection costs little next to the union.
  const everyWordCommon =
    onlyId === undefined && content.length > 1 && (content.length === 2 || together >= head);
  const all = everyWordCommon ? evaluation.all() : [];
  const slots =
    all.length >= head
      ? all
      : onlyId === undefined
        ? evaluation.order
        : evaluation.order.filter((slot) => evaluation.id(slot) === onlyId);
  const size = slots.length;
  if (size === 0) return none;

  // By candidate (a position in `slots`, MiniSearch's order): its score as `search` returns it
  // (multiplied by the query strings matched), and how well it matched each query word.
  const searchScore = new Float64Array(size);
  const matched = new Float64Array(size);
  const qualities = new Float64Array(size * count);
  const documentFrequency = new Float64Array(count);
  for (let r = 0; r < size; r++) {
    const slot = slots[r] as number;
    matched[r] = evaluation.sources[slot] as number;
    searchScore[r] = (evaluation.score[slot] as number) * (matched[r] as number);
    for (let t = 0; t < count; t++) {
      const q = evaluation.credit[slot * 2 * count + t] as number;
      qualities[r * count + t] = Math.max(q, evaluation.credit[slot * 2 * count + count + t] as number);
      if (q > 0) documentFrequency[t] = (documentFrequency[t] as number) + 1;
    }
  }

  // IDF over the whole index (BM25's form, never negative): a word in few paragraphs weighs most.
  // The question's focus weighs more only if the corpus has it as written: near spellings of a
  // word it lacks are not what was asked.
  const total = context.index.documentCount;
  const focused = focus !== null && context.known(focus) ? focus : null;
  const weight = Array.from(
    documentFrequency,
    (df, i) =>
      Math.log(1 + (total - df + 0.5) / (df + 0.5)) *
      (name[i] ? WEIGHTS.name : 1) *
      (content[i]?.term === focused ? WEIGHTS.focus : 1),
  );
  const weightSum = weight.reduce((sum, w) => sum + w, 0);
  let topBm25 = 0;
  for (let r = 0; r < size; r++)
    topBm25 = Math.max(topBm25, (searchScore[r] as number) / (matched[r] as number));

  const scores = new Float64Array(size);
  for (let r = 0; r < size; r++) {
    let covered = 0;
    for (let t = 0; t < count; t++) covered += (weight[t] as number) * (qualities[r * count + t] as number);
    scores[r] =
      covered / weightSum + (WEIGHTS.bm25 * (searchScore[r] as number)) / (matched[r] as number) / topBm25;
  }
  const order = bestFirst(scores, searchScore, head);
  // Matched terms are built for the head only: what highlights, proximity and callers read.
  const matches = new Map<number, MatchedTerms>();
  evaluation.matchesOf(Array.from(order, (r) => slots[r] as number)).forEach((match, at) => {
    matches.set(order[at] as number, match);
  });
  const candidates: Candidates = {
    id: (r) => evaluation.id(slots[r] as number),
    place: (r) => context.paragraphs(evaluation.shortId(slots[r] as number)),
    match: (r) => matches.get(r) ?? {},
    qualities,
    count,
    scores,
    order,
  };

  // The heading terms each word being typed begins (a few, from a sorted list): a title or
  // heading holds the word when it has one of them.
  const { headingTerms } = context;
  const begun = content.map((term) => (term.prefix === null ? [] : headingTerms.beginning(term.prefix)));
  if (content.some((term, t) => headingTerms.has(term.term) || (begun[t] as string[]).length > 0)) {
    // Headings only reorder the head of the list: a lookup per candidate of a large union costs
    // more than the rest of ranking, and a paragraph far down cannot climb into view by them.
    const headingShare = headingScorer(content, weight, begun);
    rescore(candidates, HEADING_WINDOW, (r) => {
      const headings = candidates.place(r)?.headings;
      return headings ? (WEIGHTS.heading * headingShare(headings)) / weightSum : 0;
    });
  }
  // A name a paragraph lacks counts a little when one of the two before it holds it (`carry.ts`):
  // only a query of two words or more, one of them a name, can have one a candidate lacks.
  if (count > 1 && name.some(Boolean)) {
    const neighbours = neighboursIn(evaluation, 2 * count, context.paragraphs);
    const isName = (t: number) => name[t] === true;
    rescore(
      candidates,
      RESCORE_WINDOW,
      (r) => carriedWeight(evaluation.shortId(slots[r] as number), weight, isName, neighbours) / weightSum,
    );
  }
  // A query of names alone asks who or what they are: the paragraph introducing them first. Only
  // where in its article a paragraph stands decides it, so no paragraph is re-tokenised for it.
  // Words the corpus does not hold (`@everyone`) do not make a query of names a question.
  const nameOrNothing = (term: QueryTerm) => {
    const t = typed.indexOf(term);
    return t >= 0 && (name[t] === true || documentFrequency[t] === 0);
  };
  if (shape === null && namesAlone(terms, nameOrNothing)) {
    const holding = holdingEveryWord(candidates);
    rescore(candidates, RESCORE_WINDOW, (r) =>
      isFirstMention(holding, candidates.place(r), candidates.id(r)) ? WEIGHTS.shape * FIRST_MENTION : 0,
    );
  }
  // Positions only matter for two words or more, or for a question shape.
  if (count > 1 || shape !== null)
    rescoreWindow(candidates, content, shape, context, (indexTerm) => ownerOf(indexTerm)?.term);
  const ranked: Ranked[] = Array.from(order, (r) => ({
    id: candidates.id(r),
    score: scores[r] as number,
    match: candidates.match(r),
  }));
  if (!why || onlyId !== undefined) return { ranked, total: size };
  const followed = followEvent(
    ranked,
    (at) => candidates.place(order[at] as number),
    (id, score) => ({ id, score, match: {} }),
  );
  // A paragraph that entered is outside the union for certain only when the head holds all of it.
  return { ranked: followed.ranked, total: size + (ranked.length === size ? followed.added : 0) };
}

/** Adds `bonus` to the best `size` candidates and re-sorts them among themselves. */
function rescore({ order, scores }: Candidates, size: number, bonus: (r: number) => number): void {
  const head = order.subarray(0, size);
  for (const r of head) scores[r] = (scores[r] as number) + bonus(r);
  head.sort((a, b) => (scores[b] as number) - (scores[a] as number));
}

/**
 * The candidates holding every query word that some candidate holds (a word the corpus does not
 * hold, `@everyone`, is not asked for): one pass over the union, without allocating per paragraph.
 */
function holdingEveryWord(candidates: Candidates): Set<string> {
  const { qualities, count, scores } = candidates;
  const held = new Array<boolean>(count).fill(false);
  for (let i = 0; i < qualities.length; i++) if ((qualities[i] as number) > 0) held[i % count] = true;
  const holding = new Set<string>();
  for (let r = 0; r < scores.length; r++) {
    let every = true;
    for (let t = 0; t < count && every; t++) if (held[t] && qualities[r * count + t] === 0) every = false;
    if (every) holding.add(candidates.id(r));
  }
  return holding;
}

/**
 * Whether `id` is the first paragraph of its article in `holding`: no paragraph before it (ids are
 * `<articleId>#<number>`) holds every word. Asked of the window only.
 */
function isFirstMention(holding: ReadonlySet<string>, place: Placed | undefined, id: string): boolean {
  if (!place || !holding.has(id)) return false;
  for (let number = 1; number < place.paragraph.number; number++)
    if (holding.has(`${place.article.id}#${number}`)) return false;
  return true;
}

/**
 * Proximity and question shape for the best `RESCORE_WINDOW` candidates, re-sorted among
 * themselves: both need word positions, which only re-tokenising the paragraph gives.
 */
function rescoreWindow(
  candidates: Candidates,
  content: readonly QueryTerm[],
  shape: Shape | null,
  context: RankContext,
  ownerOf: (indexTerm: string) => number | undefined,
): void {
  const wordsWanted = Math.max(1, content.length - 1);
  // "What is X": the first paragraph of each article to hold every word of X introduces it.
  const holding = shape === 'define' ? holdingEveryWord(candidates) : new Set<string>();
  rescore(candidates, RESCORE_WINDOW, (r) => {
    const id = candidates.id(r);
    const analysis = context.analysis(id);
    const place = candidates.place(r);
    if (!analysis || !place) return 0;
    const { text } = place.paragraph;
    const positions = positionsOf(analysis, candidates.match(r), ownerOf);
    const sentenceOf = sentenceOfWords(text, analysis);
    const span = smallestWindow(positions);
    const near = closeness(span, sentenceOf) * (span ? (span.words - 1) / wordsWanted : 0);
    let answerKind = 0;
    if (shape) {
      const matched = new Set([...positions.values()].flat());
      answerKind =
        shape === 'define'
          ? FIRST_MENTION * (isFirstMention(holding, place, id) ? 1 : 0) +
            (1 - FIRST_MENTION) * definesSubject(text, analysis, matched)
          : hasAnswerNear(shape, text, analysis, sentenceOf, matched);
    }
    return WEIGHTS.proximity * near + WEIGHTS.shape * answerKind;
  });
}
