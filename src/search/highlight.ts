/**
 * Which words of a paragraph to highlight for a search result.
 *
 * MiniSearch stores no positions, so the paragraph is re-tokenized and every word run through the
 * same analyzer as the index: a word is highlighted when one of its terms matched in the text
 * field; a glossary phrase ("Collective Safety Treaty Group") is highlighted as a whole when one
 * of its reader words ("security") matched through the aliases field.
 */
import type { AliasSpan, Glossary } from '../corpus/glossary.ts';
import { memoize } from '../text/memo.ts';
import { tokenize, wordTerms } from '../text/terms.ts';

/** A stretch of a paragraph's text: offsets into it (UTF-16 code units, `end` exclusive). */
export interface Span {
  start: number;
  end: number;
}

export interface Highlight extends Span {
  /** The matched term: excerpt windows prefer covering many distinct keys. */
  key: string;
}

/** Matched index terms by field, as MiniSearch reports them in `SearchResult.match`. */
export type MatchedTerms = Record<string, readonly string[]>;

/**
 * What highlighting needs to know about a paragraph, whatever the query: each word's terms and
 * where glossary phrases stand. Computing it is most of highlighting's cost, so the engine keeps
 * it for recently cited paragraphs.
 */
export interface ParagraphTerms {
  words: { start: number; end: number; terms: string[] }[];
  aliases: AliasSpan[];
}

/** Terms of each written word, per glossary (its spelling folds): analysing a paragraph is mostly this. */
const wordMemos = new WeakMap<Glossary, (surface: string) => string[]>();

export function paragraphTerms(text: string, glossary: Glossary): ParagraphTerms {
  let termsOf = wordMemos.get(glossary);
  if (!termsOf) {
    termsOf = memoize((surface) => wordTerms(surface, true, glossary.spelling));
    wordMemos.set(glossary, termsOf);
  }
  const tokens = tokenize(text);
  return {
    words: tokens.map((token) => ({
      start: token.start,
      end: token.end,
      terms: termsOf(token.surface),
    })),
    aliases: glossary.findAliases(tokens),
  };
}

export function findHighlights(paragraph: ParagraphTerms, match: MatchedTerms): Highlight[] {
  const inText = new Set<string>();
  const inAliases = new Set<string>();
  for (const [term, fields] of Object.entries(match)) {
    if (fields.includes('text')) inText.add(term);
    if (fields.includes('aliases')) inAliases.add(term);
  }
  const highlights: Highlight[] = [];
  for (const word of paragraph.words) {
    const key = word.terms.find((term) => inText.has(term));
    if (key) highlights.push({ start: word.start, end: word.end, key });
  }
  if (inAliases.size > 0) {
    for (const span of paragraph.aliases) {
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
