/**
 * Pseudo-relevance feedback (RM3-style): the best paragraphs of a first ranking say which other
 * words go with the query's subject; paragraphs of the head that hold those words move up a little.
 */
import type { ParagraphTerms } from './highlight.ts';
import type { QueryTerm } from './query.ts';
import type { Ranked, Ranking } from './rank.ts';

const env = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined ? fallback : Number(value);
};
const FEEDBACK_DOCS = env('FB_DOCS', 5);
const FEEDBACK_TERMS = env('FB_TERMS', 10);
const FEEDBACK_WEIGHT = env('FB_WEIGHT', 0.1);
const RERANK_WINDOW = env('FB_WINDOW', 20);
const MIN_DOCS = env('FB_MIN_DOCS', 2);
const MIN_QUERY = env('FB_MIN_QUERY', 2);

export interface FeedbackContext {
  analysis: (id: string) => ParagraphTerms | undefined;
  frequency: (term: string) => number;
  documentCount: number;
}

export function withFeedback(ranking: Ranking, terms: readonly QueryTerm[], context: FeedbackContext, related?: (term: string) => boolean): Ranking {
  const content = terms.filter((term) => !term.auxiliary);
  if (content.length < MIN_QUERY || ranking.ranked.length < 2) return ranking;
  const queryStems = new Set(content.flatMap((term) => [term.term, ...term.alternatives, ...term.variants]));
  const top = ranking.ranked.slice(0, FEEDBACK_DOCS);
  const scoreSum = top.reduce((sum, hit) => sum + hit.score, 0);
  const weightOf = new Map<string, number>();
  const docsOf = new Map<string, number>();
  const RANKW = env('FB_RANKW', 0);
  for (const [at, hit] of top.entries()) {
    const dw = RANKW ? 1 / (at + 1) : hit.score / scoreSum;
    const analysis = context.analysis(hit.id);
    if (!analysis) continue;
    const counts = new Map<string, number>();
    let length = 0;
    for (const word of analysis.words)
      for (const term of word.terms) {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        length++;
      }
    for (const [term, n] of counts) {
      if (queryStems.has(term)) continue;
      weightOf.set(term, (weightOf.get(term) ?? 0) + (n / length) * dw);
      docsOf.set(term, (docsOf.get(term) ?? 0) + 1);
    }
  }
  const N = context.documentCount;
  const expansion = [...weightOf]
    .filter(([term]) => (docsOf.get(term) ?? 0) >= MIN_DOCS && context.frequency(term) > 0 && (!related || related(term)))
    .map(([term, w]) => {
      const df = Math.min(N, context.frequency(term));
      return [term, w * Math.log(1 + (N - df + 0.5) / (df + 0.5))] as const;
    })
    .sort((a, b) => b[1] - a[1])
    .slice(0, FEEDBACK_TERMS);
  if (process.env.FB_DEBUG) console.error(content.map((t) => t.term).join(' '), '=>', expansion.map(([t]) => t).join(' '));
  const total = expansion.reduce((sum, [, w]) => sum + w, 0);
  if (total === 0) return ranking;
  const window = ranking.ranked.slice(0, RERANK_WINDOW);
  const rescored = window.map((hit) => {
    const analysis = context.analysis(hit.id);
    const held = new Set(analysis?.words.flatMap((word) => word.terms));
    let share = 0;
    for (const [term, w] of expansion) if (held.has(term)) share += w;
    return { ...hit, score: hit.score + (FEEDBACK_WEIGHT * share) / total } as Ranked;
  });
  rescored.sort((a, b) => b.score - a.score);
  return { ranked: [...rescored, ...ranking.ranked.slice(RERANK_WINDOW)], total: ranking.total };
}

const CO_WEIGHT = env('CO_WEIGHT', 0);
const CO_FLOOR = env('CO_FLOOR', 0.3);
const CO_NEIGHBOURS = env('CO_NEIGHBOURS', 10);
const CO_MAX_DF = env('CO_MAX_DF', 0.05);
const CO_MIN_CO = env('CO_MIN_CO', 2);
const CO_WINDOW = env('CO_WINDOW', 20);

export interface CooccurrenceContext extends FeedbackContext {
  postings: (term: string) => readonly string[];
}

/** Neighbours by normalised PMI over paragraphs, memoised per index version (the map is the engine's). */
export function neighboursOf(term: string, context: CooccurrenceContext, memo: Map<string, Map<string, number>>) {
  let found = memo.get(term);
  if (found) return found;
  found = new Map();
  const ids = context.postings(term);
  const N = context.documentCount;
  if (ids.length > 0 && ids.length <= Math.max(20, CO_MAX_DF * N)) {
    const together = new Map<string, number>();
    for (const id of ids) {
      const held = new Set(context.analysis(id)?.words.flatMap((word) => word.terms));
      for (const other of held) if (other !== term) together.set(other, (together.get(other) ?? 0) + 1);
    }
    const pw = ids.length / N;
    const scored: [string, number][] = [];
    for (const [other, co] of together) {
      if (co < CO_MIN_CO) continue;
      const df = Math.max(co, context.postings(other).length);
      const pj = co / N;
      const npmi = Math.log(pj / (pw * (df / N))) / -Math.log(pj);
      if (npmi >= CO_FLOOR) scored.push([other, npmi]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    for (const [other, npmi] of scored.slice(0, CO_NEIGHBOURS)) found.set(other, (npmi - CO_FLOOR) / (1 - CO_FLOOR));
  }
  memo.set(term, found);
  return found;
}

export function withCooccurrence(
  ranking: Ranking,
  terms: readonly QueryTerm[],
  context: CooccurrenceContext,
  memo: Map<string, Map<string, number>>,
): Ranking {
  if (CO_WEIGHT === 0) return ranking;
  const content = terms.filter((term) => !term.auxiliary);
  if (content.length < MIN_QUERY) return ranking;
  const N = context.documentCount;
  const idf = content.map((term) => {
    const df = Math.min(N, context.frequency(term.term));
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  });
  const idfSum = idf.reduce((a, b) => a + b, 0);
  const neighbours = content.map((term) => neighboursOf(term.term, context, memo));
  if (process.env.FB_DEBUG) console.error(content.map((t, i) => `${t.term}: ${[...(neighbours[i] ?? [])].map(([n]) => n).join(',')}`).join(' | '));
  const window = ranking.ranked.slice(0, CO_WINDOW).map((hit) => {
    const held = new Set(context.analysis(hit.id)?.words.flatMap((word) => word.terms));
    let soft = 0;
    content.forEach((term, t) => {
      if ([term.term, ...term.alternatives, ...term.variants].some((stem) => held.has(stem))) return;
      let best = 0;
      for (const [other, sim] of neighbours[t] ?? []) if (held.has(other) && sim > best) best = sim;
      soft += (idf[t] as number) * best;
    });
    return { ...hit, score: hit.score + (CO_WEIGHT * soft) / idfSum } as Ranked;
  });
  window.sort((a, b) => b.score - a.score);
  return { ranked: [...window, ...ranking.ranked.slice(CO_WINDOW)], total: ranking.total };
}

const ART_WEIGHT = env('ART_WEIGHT', 0);
const ART_DOCS = env('ART_DOCS', 10);
const ART_WINDOW = env('ART_WINDOW', 20);

export function withArticleFocus(ranking: Ranking, terms: readonly QueryTerm[], articleOf: (id: string) => string | undefined): Ranking {
  if (ART_WEIGHT === 0) return ranking;
  const content = terms.filter((term) => !term.auxiliary);
  if (content.length < MIN_QUERY) return ranking;
  const top = ranking.ranked.slice(0, ART_DOCS);
  const sum = top.reduce((s, h) => s + h.score, 0);
  const byArticle = new Map<string, number>();
  for (const hit of top) {
    const a = articleOf(hit.id) ?? '';
    byArticle.set(a, (byArticle.get(a) ?? 0) + hit.score / sum);
  }
  const window = ranking.ranked.slice(0, ART_WINDOW).map((hit) => ({ ...hit, score: hit.score + ART_WEIGHT * (byArticle.get(articleOf(hit.id) ?? '') ?? 0) }) as Ranked);
  window.sort((a, b) => b.score - a.score);
  return { ranked: [...window, ...ranking.ranked.slice(ART_WINDOW)], total: ranking.total };
}
