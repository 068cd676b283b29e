/**
 * Ranking metrics over one query's ranked list of relevance grades (2 answers, 1 helps, 0 not).
 * Ranks are 1-based; `null` means no answering paragraph was returned.
 */

export const ANSWERS = 2;

/** Rank of the first paragraph that answers, or null. */
export function firstAnswerRank(grades: readonly number[]): number | null {
  const index = grades.findIndex((grade) => grade >= ANSWERS);
  return index === -1 ? null : index + 1;
}

/** 1 when an answering paragraph is among the first k, else 0. */
export function hitAt(rank: number | null, k: number): number {
  return rank !== null && rank <= k ? 1 : 0;
}

/** 1/rank of the first answering paragraph, 0 when none was returned. */
export function reciprocalRank(rank: number | null): number {
  return rank === null ? 0 : 1 / rank;
}

/**
 * nDCG@k with linear gains: DCG = Σ grade_i / log2(i + 1) over the first k results, divided by
 * the DCG of the best possible order of every relevant paragraph in the corpus (`ideal`).
 */
export function ndcgAt(grades: readonly number[], ideal: readonly number[], k: number): number {
  const dcg = (list: readonly number[]) =>
    list.slice(0, k).reduce((sum, grade, index) => sum + grade / Math.log2(index + 2), 0);
  const best = dcg([...ideal].sort((a, b) => b - a));
  return best === 0 ? 0 : dcg(grades) / best;
}

/** The p-th percentile (0–100) of a list, nearest-rank method; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
