/**
 * Names carried over from the paragraphs before (docs/ranking.md, rule 15).
 *
 * A news paragraph often leaves its subject to the paragraph before it: "Of the Kremlin’s 5
 * companions [partners] within the bloc, solely Belarus…" two paragraphs after one naming the CSTO;
 * "Uzbekistan … rejoined the group in 2005" after one naming the CSTO. A question naming the
 * subject ("how many partners does Russia have in the CSTO") then ranks that paragraph below one
 * that names the subject but does not answer. So a name of the query (a word the corpus writes
 * capitalised) that a paragraph lacks counts, at a low quality, when one of the two paragraphs
 * before it in its article holds it.
 *
 * Only names are carried: carrying every rare word lost vocabulary queries (a paragraph's topic
 * words are what it is about, not what the next one refers to). Only the head of the ranking is
 * rescored (`rank.ts`), and what the paragraphs before hold is read from the query's own postings
 * (a paragraph before that holds a query word is in the union), so nothing is re-tokenised.
 * Measured and not kept (docs/ranking-experiments.md): an index field of the names before (two
 * more queries first, for a third more postings and a paragraph entering on a carried word alone), a
 * paragraph opening with an anaphor (`he`, `the bloc`…) as a condition, one paragraph or three,
 * higher qualities.
 */

import type { Evaluation } from './evaluate.ts';

/**
 * What a carried name counts next to the name written (the other qualities are in owners.ts): 0.15
 * and 0.2 lift answers and lower none first; from 0.25 a paragraph after the answer, naming the
 * subject by carriage, outranks the answer.
 */
export const CARRIED_QUALITY = 0.2;
/** How many paragraphs before carry their names: 1 misses "the bloc" two paragraphs on, 3 gains nothing more. */
const CARRIED_PARAGRAPHS = 2;

/** What carrying reads of a paragraph: its article and its place there (1-based). */
export interface InArticle {
  article: { id: string };
  paragraph: { number: number };
}

/** What carrying reads of the index and of the query's postings. */
export interface Neighbours {
  /** The paragraph at a short id (the engine numbers an article's paragraphs one after another). */
  place: (shortId: number) => InArticle | undefined;
  /** How well the paragraph at a short id holds query word `t`: 0 when not at all. */
  holds: (shortId: number, t: number) => number;
}

/**
 * What the paragraphs hold, read from a query's evaluation (`evaluate.ts`): a paragraph holding a
 * query word is in its union, with `stride` credits a slot — the word's own in column `t`, its
 * synonyms' in column `stride / 2 + t` (as rank.ts credits them) — and holds the word as well as
 * the better of the two.
 */
export function neighboursIn(
  evaluation: Pick<Evaluation, 'slotOf' | 'credit'>,
  stride: number,
  place: Neighbours['place'],
): Neighbours {
  return {
    place,
    holds: (shortId, t) => {
      const slot = evaluation.slotOf(shortId);
      if (slot < 0) return 0;
      const at = slot * stride + t;
      return Math.max(evaluation.credit[at] as number, evaluation.credit[at + stride / 2] as number);
    },
  };
}

/**
 * What the paragraph at `shortId` gains, as IDF weight, for each query name (`isName`) it lacks
 * that one of the `CARRIED_PARAGRAPHS` before it in its article holds: the word's `weight` times
 * `CARRIED_QUALITY` times how well that paragraph holds it.
 */
export function carriedWeight(
  shortId: number,
  weight: readonly number[],
  isName: (t: number) => boolean,
  neighbours: Neighbours,
): number {
  const place = neighbours.place(shortId);
  if (!place) return 0;
  // The paragraphs before, when the short ids before are theirs (checked: not assumed).
  const before: number[] = [];
  for (let back = 1; back <= CARRIED_PARAGRAPHS && back < place.paragraph.number; back++) {
    const earlier = neighbours.place(shortId - back);
    if (
      earlier?.article.id !== place.article.id ||
      earlier.paragraph.number !== place.paragraph.number - back
    )
      break;
    before.push(shortId - back);
  }
  let gain = 0;
  weight.forEach((w, t) => {
    if (!isName(t) || neighbours.holds(shortId, t) > 0) return;
    const held = Math.max(0, ...before.map((earlier) => neighbours.holds(earlier, t)));
    gain += w * held * CARRIED_QUALITY;
  });
  return gain;
}
