/**
 * Which words of a paragraph to highlight for a search result.
 *
 * MiniSearch stores no positions, so the paragraph is re-tokenized and every word run through the
 * same analyzer as the index: a word is highlighted when one of its terms matched in the text
 * field; a glossary phrase ("Collective Safety Treaty Group") is highlighted as a whole when one
 * of its reader words ("security") matched through the aliases field.
 */
import type { Glossary } from '../corpus/glossary.ts';
import { tokenize, wordTerms } from '../text/terms.ts';

export interface Highlight {
  start: number;
  end: number;
  /** The matched term: excerpt windows prefer covering many distinct keys. */
  key: string;
}

/** Matched index terms by field, as MiniSearch reports them in `SearchResult.match`. */
export type MatchedTerms = Record<string, readonly string[]>;

export function findHighlights(text: string, match: MatchedTerms, glossary: Glossary): Highlight[] {
  const inText = new Set<string>();
  const inAliases = new Set<string>();
  for (const [term, fields] of Object.entries(match)) {
    if (fields.includes('text')) inText.add(term);
    if (fields.includes('aliases')) inAliases.add(term);
  }
  const tokens = tokenize(text);
  const highlights: Highlight[] = [];
  for (const token of tokens) {
    const key = wordTerms(token.surface, true).find((term) => inText.has(term));
    if (key) highlights.push({ start: token.start, end: token.end, key });
  }
  if (inAliases.size > 0) {
    for (const span of glossary.findAliases(tokens)) {
      const word = span.words.find((candidate) => inAliases.has(candidate.term));
      if (word) highlights.push({ start: span.start, end: span.end, key: word.term });
    }
  }
  return mergeOverlaps(highlights);
}

/** A glossary phrase may contain a word that matched literally: show one highlight, not two. */
function mergeOverlaps(highlights: Highlight[]): Highlight[] {
  const sorted = highlights.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const highlight of sorted) {
    const previous = merged.at(-1);
    if (previous && highlight.start < previous.end) previous.end = Math.max(previous.end, highlight.end);
    else merged.push({ ...highlight });
  }
  return merged;
}
