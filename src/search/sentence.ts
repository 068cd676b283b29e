/**
 * Sentence coverage: how much of the query's information one sentence of a paragraph holds.
 *
 * A paragraph can hold every word of a question spread over sentences that are each about
 * something else, while another paragraph answers it in one sentence holding most of its words
 * together. Paragraph coverage cannot tell them apart; proximity's "one sentence" half only asks
 * whether every matched word stands in one sentence, all or nothing. This is the continuous form:
 * the IDF-weighted share of the query held by the paragraph's best sentence (or run of `span`
 * consecutive sentences), with each word counted as well as it matched the paragraph.
 *
 * It reads the word positions and sentence numbers the rescoring window computes anyway
 * (`proximity.ts`): no re-tokenising of its own.
 */

export interface SentenceCoverage {
  /** The best sentence's share of the query's weight, 0–1. */
  share: number;
  /** The first sentence of every run reaching `share` (ties are all kept). */
  best: ReadonlySet<number>;
}

/**
 * The best run of `span` consecutive sentences by the query weight it holds. `positions` are word
 * positions by query word (`positionsOf`), `sentenceOf` each word's sentence (`sentenceOfWords`),
 * `credit(t)` what query word `t` adds when present (its share of the query's weight times how well
 * it matched).
 */
export function sentenceCoverage(
  positions: ReadonlyMap<number, readonly number[]>,
  sentenceOf: readonly number[],
  credit: (term: number) => number,
  span = 1,
): SentenceCoverage {
  const runs = new Map<number, number>();
  for (const [term, list] of positions) {
    const starts = new Set<number>();
    for (const at of list) {
      const sentence = sentenceOf[at];
      if (sentence === undefined) continue;
      for (let start = Math.max(0, sentence - span + 1); start <= sentence; start++) starts.add(start);
    }
    const value = credit(term);
    for (const start of starts) runs.set(start, (runs.get(start) ?? 0) + value);
  }
  let share = 0;
  const best = new Set<number>();
  for (const [start, value] of runs) {
    if (value > share + 1e-12) {
      share = value;
      best.clear();
    }
    if (Math.abs(value - share) <= 1e-12) best.add(start);
  }
  return { share, best };
}

/** The positions of `matched` that stand in one of the best runs (`span` sentences from each start). */
export function inBestSentences(
  matched: Iterable<number>,
  sentenceOf: readonly number[],
  coverage: SentenceCoverage,
  span = 1,
): Set<number> {
  const kept = new Set<number>();
  for (const at of matched) {
    const sentence = sentenceOf[at];
    if (sentence === undefined) continue;
    for (let start = sentence - span + 1; start <= sentence; start++)
      if (coverage.best.has(start)) kept.add(at);
  }
  return kept;
}
