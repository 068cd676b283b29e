/**
 * Question shapes: what kind of answer a whole question asks for, and whether a paragraph has
 * one next to the words it matched. The stop-word list drops `how`, `many`, `who`, `what`, so the
 * shape is read from the question as typed, not from its terms.
 *
 * - "how many / how much" → a number in a sentence holding the matched words;
 * - "how long / far / big / old…" → a number followed by a unit (`1,000 kilometres`, `six
 *   weeks`, `40 percent`) there;
 * - "when", "what year/date/month", "the date(s) of…" → a date there: a year, or a month or weekday
 *   next to a figure (`September 14`); a month or weekday alone counts `BARE_DATE`;
 * - "who …" (whom, whose), "the name of …", "what was it called" → a proper name there (two
 *   capitalised words in a row, not opening the sentence);
 * - "which / what countries, states, members…" → a list of names (`X, Y and Z`) there;
 * - a question about a refusal ("why didn't…", "was told no", "refused…") → a negation or refusal
 *   there (`not`, `declined`, `ruled out`…); only when no other shape applies;
 * - "what is X", "who are X" (X of up to four words: "the members of the CSTO") → the paragraph
 *   that introduces X: the first of its article to mention X, or one that defines it (`X is/was …`;
 *   a gloss in parentheses, `X (…)`, counts half: it names X without saying what it is);
 * - a query of names alone (`Nazarbayev`) is read as "who/what is X" (`namesAlone`): the first
 *   paragraph of its article to name X.
 */

import { MONTHS, WEEKDAYS } from '../text/calendar.ts';
import { isCardinalWord } from '../text/numbers.ts';
import { isCapitalised, nameListAt, refusalAt, type WordView, wordView } from './answer-phrases.ts';
import type { ParagraphTerms } from './highlight.ts';
import type { QueryTerm } from './query.ts';

export type Shape = 'count' | 'measure' | 'date' | 'person' | 'list' | 'refusal' | 'define';

/** Words of a question that ask about a refusal or something not done. */
const REFUSAL_QUESTION =
  /\b(didn[’']?t|did not|doesn[’']?t|does not|don[’']?t|wouldn[’']?t|won[’']?t|told no|said no|never|refused?|refusing|declined?|rejected?|turned down)\b/;

export function questionShape(query: string): Shape | null {
  const q = query
    .toLowerCase()
    .replace(/[?!.]+$/, '')
    .trim();
  if (/\bhow (many|much)\b/.test(q)) return 'count';
  if (/\bhow (long|far|big|large|old|tall|high|wide)\b/.test(q)) return 'measure';
  if (/^(when|since when|until when)\b|\b(what|which) (year|date|day|month)\b/.test(q)) return 'date';
  if (/\b(dates?|year) of\b/.test(q)) return 'date';
  if (
    /^(which|what) (countries|states|members|nations|republics|cities|towns|villages|regions|provinces|places)\b/.test(
      q,
    )
  )
    return 'list';
  if (/\bnames? of\b|\bwhat (is|was|were|are) (it|they) called\b/.test(q)) return 'person';
  if (/^(what|who)(?: is|’s|'s| are| was| were) (?:the |an? )?\S+(?: \S+){0,3}$/.test(q)) return 'define';
  if (/^(who|whom|whose)\b/.test(q)) return 'person';
  if (REFUSAL_QUESTION.test(q)) return 'refusal';
  return null;
}

/** Longest query of names alone that still asks who or what they are. */
const NAMES_ALONE = 3;

/**
 * Whether a query is names alone (`Nazarbayev`, `Zhanaozen`, `Rahmon Putin`: no question or
 * auxiliary word): it asks who or what they are, like "who is X", so the paragraph introducing
 * them (the first of its article to name them) beats a later one naming them in passing. Names
 * are the words the corpus writes capitalised.
 */
export function namesAlone(terms: readonly QueryTerm[], isName: (term: QueryTerm) => boolean): boolean {
  return terms.length <= NAMES_ALONE && terms.every(isName);
}

/** Words for amounts that are no single number: a count can start with them too. */
const AMOUNT_WORDS = new Set(['dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'billion', 'billions']);
const DATE_WORDS = new Set([...MONTHS, ...WEEKDAYS].map((name) => name.toLowerCase()));
/** Units a "how long / how far / how big" answer is given in: length, time, share. */
const UNITS =
  /^(kilomet(er|re)s?|km|miles?|met(er|re)s?|feet|foot|hours?|days?|weeks?|months?|years?|decades?|percent|per)$/;
const YEAR = /^(1[89]|20)\d\d(s)?$/;
/**
 * What a month or weekday without a day or year counts (`in October` dates little): 0.25 to 1 move
 * at most one judged answer a place (docs/ranking.md, "Re-tuning the weights jointly").
 */
const BARE_DATE = 0.5;
const FIGURE = /^\d[\d,.]*$/;

/**
 * A figure that is not a year, or a number written out (`six`, `forty-four`: `numbers.ts`), or an
 * amount (`dozens`): what a count or a measure starts with.
 */
function isQuantity(word: string): boolean {
  return (FIGURE.test(word) && !YEAR.test(word)) || isCardinalWord(word) || AMOUNT_WORDS.has(word);
}

function isAnswerWord(shape: Shape, surface: string, next: string | undefined): boolean {
  const word = surface.toLowerCase();
  switch (shape) {
    case 'count':
      return isQuantity(word);
    case 'measure':
      return isQuantity(word) && next !== undefined && UNITS.test(next.toLowerCase());
    case 'date':
      return DATE_WORDS.has(word) || YEAR.test(word);
    case 'person':
      return next !== undefined && isCapitalised(surface) && isCapitalised(next);
    default:
      return false;
  }
}

/**
 * How well a sentence holding matched words also holds the kind of answer the question asks for
 * (a word that is not itself a matched word): 1, `BARE_DATE` for a month or weekday alone, else 0.
 * `define` is judged by `definesSubject`, not here.
 */
export function hasAnswerNear(
  shape: Shape,
  text: string,
  analysis: ParagraphTerms,
  sentenceOf: readonly number[],
  matched: ReadonlySet<number>,
): number {
  if (shape === 'define') return 0;
  const view = wordView(text, analysis, sentenceOf);
  const sentences = new Set([...matched].map((at) => sentenceOf[at]));
  let best = 0;
  for (let at = 0; at < view.length && best < 1; at++) {
    if (sentences.has(sentenceOf[at])) best = Math.max(best, answerAt(shape, view, at, matched));
  }
  return best;
}

/** How well the word at `at` answers a question of `shape` (see `hasAnswerNear`). */
function answerAt(shape: Shape, view: WordView, at: number, matched: ReadonlySet<number>): number {
  if (shape === 'list') return nameListAt(view, at) ? 1 : 0;
  if (shape === 'refusal') return refusalAt(view, at, matched) ? 1 : 0;
  if (matched.has(at)) return 0;
  const sentence = view.sentenceOf[at];
  // A capitalised word that opens a sentence is not evidence of a name.
  if (shape === 'person' && (at === 0 || view.sentenceOf[at - 1] !== sentence)) return 0;
  const next =
    view.sentenceOf[at + 1] === sentence && !matched.has(at + 1) ? view.surface(at + 1) : undefined;
  const surface = view.surface(at);
  if (!isAnswerWord(shape, surface, next)) return 0;
  if (shape !== 'date' || YEAR.test(surface)) return 1;
  const figure = (other: number) => view.sentenceOf[other] === sentence && /^\d/.test(view.surface(other));
  return figure(at + 1) || (at > 0 && figure(at - 1)) ? 1 : BARE_DATE;
}

/**
 * What an acronym's gloss counts next to a definition: `Collective Security Treaty Organization
 * (CSTO)` names X, `X, usually shortened to CSTO, is a military alliance` says what it is. At 1
 * the gloss ties the definition and "what is the csto" loses its answer; 0.25 to 0.75 rank alike.
 */
const GLOSS = 0.5;

/**
 * How well the paragraph defines a matched word: 1 for `X is/was/are …` (also `X, …` and
 * `X (…) is …`), `GLOSS` for a gloss in parentheses alone (`X (…)`, `(X)`), else 0.
 */
export function definesSubject(text: string, analysis: ParagraphTerms, matched: ReadonlySet<number>): number {
  let best = 0;
  for (const at of matched) {
    const word = analysis.words[at];
    if (!word) continue;
    const before = text.slice(Math.max(0, word.start - 2), word.start);
    const after = text.slice(word.end, word.end + 7);
    if (/^\)?,?\s+(is|was|are|were)\b/.test(after)) return 1;
    if (/\($/.test(before) || /^\s*\(/.test(after)) best = GLOSS;
  }
  return best;
}
