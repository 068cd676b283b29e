/**
 * Correcting a misspelt word that the stemmer has pushed out of reach of the typo budget.
 *
 * Typos are matched on stems (`query.ts`), which is right for most words but not for a common
 * word mistyped in its first letters: `leving` stems to `leve`, two edits from `leaving`'s stem
 * `leav` and, at four letters, allowed none. So a written word whose stem the corpus does not hold
 * is corrected as written, before stemming (Norvig's corrector): every spelling one edit away
 * (a letter deleted, inserted, replaced, or two swapped) is stemmed, and the stem the corpus uses
 * most wins. Only Latin words of `MIN_LETTERS` letters or more: shorter ones have too many
 * neighbours one edit away (`bad`: `bid`, `bed`, `band`) to guess which was meant.
 */

import type MiniSearch from 'minisearch';
import { isEnglishWord } from '../text/english.ts';
import { partTerm } from '../text/terms.ts';
import { type IndexedParagraph, stateOf } from './inverted-index.ts';
import type { QueryTerm } from './query.ts';

/** Written words shorter than this are not corrected. */
const MIN_LETTERS = 5;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** What the corrector reads of the corpus: how often it uses a stem (0 when never). */
type Frequency = (term: string) => number;

/** Every spelling one edit from `word` (deletion, transposition, replacement, insertion). */
export function oneEditAway(word: string): Set<string> {
  const edits = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    const after = word.slice(i);
    if (after) edits.add(before + after.slice(1));
    if (after.length > 1) edits.add(before + after[1] + after[0] + after.slice(2));
    for (const letter of LETTERS) {
      if (after) edits.add(before + letter + after.slice(1));
      edits.add(before + letter + after);
    }
  }
  edits.delete(word);
  return edits;
}

/**
 * The stem the corpus most likely meant by `written` (a folded word as typed), or null: none of
 * its one-edit spellings stems to a stem the corpus holds, or the word is not one to correct.
 * `term` is its own stem, never returned.
 */
export function correction(written: string, term: string, frequency: Frequency): string | null {
  if (written.length < MIN_LETTERS || !/^[a-z]+$/.test(written) || isEnglishWord(written)) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const spelling of oneEditAway(written)) {
    const stem = partTerm(spelling);
    if (stem === null || stem === term) continue;
    const count = frequency(stem);
    if (count > bestCount) {
      best = stem;
      bestCount = count;
    }
  }
  return best;
}

/** What correcting reads of the corpus (the ranking's context has it). */
export interface CorpusWords {
  index: MiniSearch<IndexedParagraph>;
  /** Whether a term is in the index as written. */
  known: (term: string) => boolean;
  frequency: Frequency;
}

/** Whether any term of `index` begins with `prefix`. */
function beginsSomeTerm(index: MiniSearch<IndexedParagraph>, prefix: string): boolean {
  for (const _ of stateOf(index)._index.atPrefix(prefix)) return true;
  return false;
}

/** Corrections made, by written word, per index: the same words come back keystroke after keystroke. */
interface Memo {
  documents: number;
  nextId: number;
  corrections: Map<string, string | null>;
}
const memos = new WeakMap<object, Memo>();
/** Distinct written words kept per index; past it the memo starts again. */
const MEMO_LIMIT = 10_000;

/** `correction`, remembered per index (forgotten when the index changes: new paragraphs, new words). */
function correctionIn(corpus: CorpusWords, written: string, term: string): string | null {
  const state = stateOf(corpus.index);
  let memo = memos.get(corpus.index);
  if (!memo || memo.documents !== state._documentCount || memo.nextId !== state._nextId) {
    memo = { documents: state._documentCount, nextId: state._nextId, corrections: new Map() };
    memos.set(corpus.index, memo);
  }
  let corrected = memo.corrections.get(written);
  if (corrected === undefined) {
    if (memo.corrections.size >= MEMO_LIMIT) memo.corrections.clear();
    corrected = correction(written, term, corpus.frequency);
    memo.corrections.set(written, corrected);
  }
  return corrected;
}

/**
 * `terms` with each word the corpus does not hold (`known` false; not a number) also searching
 * its correction, which counts as the word's family does (`QueryTerm.variants`): a little less
 * than the word as typed. The word being typed is corrected only when no term of the corpus
 * begins with it: otherwise it is a word not finished (`armen`), not a misspelt one.
 */
export function withCorrections(terms: readonly QueryTerm[], corpus: CorpusWords): QueryTerm[] {
  return terms.map((term) => {
    if (term.written === undefined || corpus.known(term.term)) return term;
    if (term.prefix !== null && beginsSomeTerm(corpus.index, term.prefix)) return term;
    const corrected = correctionIn(corpus, term.written, term.term);
    return corrected === null || term.variants.includes(corrected)
      ? term
      : { ...term, variants: [...term.variants, corrected] };
  });
}
