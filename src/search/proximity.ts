/**
 * Where a paragraph's matched query words stand, and how close together they are.
 *
 * MiniSearch stores no positions, so positions come from re-tokenising the stored text with the
 * same analyzer (`ParagraphTerms`, kept for recently ranked paragraphs). Only a top window of
 * candidates is measured, as Elasticsearch rescores a window with a sloppy phrase query.
 */
import type { MatchedTerms, ParagraphTerms } from './highlight.ts';

/** Word positions of each query word (by index into the query's words), from matched index terms. */
export function positionsOf(
  analysis: ParagraphTerms,
  match: MatchedTerms,
  ownerOf: (indexTerm: string) => number | undefined,
): Map<number, number[]> {
  const inText = new Map<string, number>();
  const inAliases = new Map<string, number>();
  for (const [term, fields] of Object.entries(match)) {
    const owner = ownerOf(term);
    if (owner === undefined) continue;
    if (fields.includes('text')) inText.set(term, owner);
    if (fields.includes('aliases')) inAliases.set(term, owner);
  }
  const positions = new Map<number, number[]>();
  const add = (owner: number, at: number) => {
    const list = positions.get(owner);
    if (list) list.push(at);
    else positions.set(owner, [at]);
  };
  analysis.words.forEach((word, at) => {
    for (const term of word.terms) {
      const owner = inText.get(term);
      if (owner !== undefined) add(owner, at);
    }
  });
  if (inAliases.size > 0) {
    for (const span of analysis.aliases) {
      const at = analysis.words.findIndex((word) => word.start >= span.start);
      for (const word of span.words) {
        const owner = inAliases.get(word.term);
        if (owner !== undefined && at >= 0) add(owner, at);
      }
    }
  }
  for (const list of positions.values()) list.sort((a, b) => a - b);
  return positions;
}

/** The sentence of each word: a `.`, `!` or `?` between two words starts a new one. */
export function sentenceOfWords(text: string, analysis: ParagraphTerms): number[] {
  let sentence = 0;
  return analysis.words.map((word, at) => {
    const previous = analysis.words[at - 1];
    if (previous && /[.!?…]/.test(text.slice(previous.end, word.start))) sentence++;
    return sentence;
  });
}

export interface Window {
  first: number;
  last: number;
  /** How many distinct query words it holds. */
  words: number;
}

/** The shortest run of words holding one position of every query word that occurs. */
export function smallestWindow(positions: ReadonlyMap<number, readonly number[]>): Window | null {
  const events: [at: number, owner: number][] = [];
  for (const [owner, list] of positions) for (const at of list) events.push([at, owner]);
  if (events.length === 0) return null;
  events.sort((a, b) => a[0] - b[0]);
  const need = positions.size;
  const counts = new Map<number, number>();
  let best: Window | null = null;
  let left = 0;
  for (let right = 0; right < events.length; right++) {
    const [, owner] = events[right] as [number, number];
    counts.set(owner, (counts.get(owner) ?? 0) + 1);
    while (counts.size === need) {
      const [leftAt, leftOwner] = events[left] as [number, number];
      const rightAt = (events[right] as [number, number])[0];
      if (!best || rightAt - leftAt < best.last - best.first)
        best = { first: leftAt, last: rightAt, words: need };
      const count = (counts.get(leftOwner) ?? 0) - 1;
      if (count === 0) counts.delete(leftOwner);
      else counts.set(leftOwner, count);
      left++;
    }
  }
  return best;
}

/**
 * How close the query's words stand, 0–1: half for their density in the smallest window that
 * holds them all (adjacent words score 1, an average gap of four words 0.25), half for that window
 * lying inside one sentence. Fewer than two distinct words: 0.
 */
export function closeness(window: Window | null, sentenceOf: readonly number[]): number {
  if (!window || window.words < 2) return 0;
  const gap = (window.last - window.first) / (window.words - 1);
  const dense = 1 / Math.max(1, gap);
  const oneSentence = sentenceOf[window.first] === sentenceOf[window.last] ? 1 : 0;
  return 0.5 * dense + 0.5 * oneSentence;
}
