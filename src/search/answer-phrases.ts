/**
 * Phrases that answer a kind of question, found at a word of a paragraph (`shape.ts` decides which
 * kind a question asks for and where to look):
 * - "which countries / states / members…" → a list of names: two capitalised words joined by a
 *   comma or `and` (`Azerbaijan, Georgia and Uzbekistan`);
 * - a question about a refusal ("why didn't…", "was told no", "refused") → a negation or refusal:
 *   `not`, `no`, `never`, `refused`, `declined`, `rejected`, `without`, `…n't`, `ruled out`,
 *   `turned down`, `stayed out`, `kept out`.
 * General English, not corpus data.
 */
import type { ParagraphTerms } from './highlight.ts';

/** A paragraph's words as these phrases read them. */
export interface WordView {
  length: number;
  /** The word as written ('' outside the paragraph). */
  surface: (at: number) => string;
  /** What is written between a word and the next (`, `, ` `). */
  gap: (at: number) => string;
  /** The sentence of each word (`sentenceOfWords`). */
  sentenceOf: readonly number[];
}

export function wordView(text: string, analysis: ParagraphTerms, sentenceOf: readonly number[]): WordView {
  const { words } = analysis;
  return {
    length: words.length,
    surface: (at) => {
      const word = words[at];
      return word ? text.slice(word.start, word.end) : '';
    },
    gap: (at) => {
      const word = words[at];
      const next = words[at + 1];
      return word && next ? text.slice(word.end, next.start) : '';
    },
    sentenceOf,
  };
}

/** A word written with a capital and then a small letter: a name, or a sentence's first word. */
export function isCapitalised(surface: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(surface);
}

/** Two names in a list starting at `at`: `X, Y`, `X and Y` or `X, and Y`, in one sentence. */
export function nameListAt(view: WordView, at: number): boolean {
  if (!isCapitalised(view.surface(at))) return false;
  const comma = /^\s*,\s*$/.test(view.gap(at));
  if (!comma && !/^\s+$/.test(view.gap(at))) return false;
  let next = at + 1;
  if (view.surface(next) === 'and') next++;
  else if (!comma) return false;
  return isCapitalised(view.surface(next)) && view.sentenceOf[next] === view.sentenceOf[at];
}

const REFUSALS =
  /^(not|no|never|nothing|none|neither|nor|without|deny|denied|denies|refus\w*|declin\w*|reject\w*|fail\w*)$|n['’]t$/;
const REFUSAL_PHRASES =
  /^(rul(e|es|ed|ing) out|turn(s|ed|ing)? down|stay(s|ed|ing)? out|kept out|keep(s|ing)? out)$/;

/** A negation or refusal at `at` that is not itself a word of the query. */
export function refusalAt(view: WordView, at: number, matched: ReadonlySet<number>): boolean {
  if (matched.has(at)) return false;
  const word = view.surface(at).toLowerCase();
  return REFUSALS.test(word) || REFUSAL_PHRASES.test(`${word} ${view.surface(at + 1).toLowerCase()}`);
}
