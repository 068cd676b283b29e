/**
 * Question shapes: what kind of answer a whole question asks for, and whether a paragraph has
 * one next to the words it matched. The stop-word list drops `how`, `many`, `who`, `what`, so the
 * shape is read from the question as typed, not from its terms.
 *
 * - "how many / how much" → a number in a sentence holding the matched words;
 * - "how long / far / big / old…" → a number followed by a unit (`1,000 kilometres`, `six
 *   weeks`, `40 percent`) there;
 * - "when", "what year/date/month", "the date(s) of…" → a date there (a month, a weekday or a year);
 * - "who did / who said …", "the name of …", "what was it called" → a proper name there (two
 *   capitalised words in a row, not opening the sentence);
 * - "what is X", "who are X" (X of up to four words: "the members of the CSTO") → the paragraph
 *   that introduces X: the first of its article to mention X, or one that defines it (`X is/was …`;
 *   a gloss in parentheses, `X (…)`, counts half: it names X without saying what it is);
 * - a query of names alone (`Nazarbayev`) is read as "who/what is X" (`namesAlone`): the first
 *   paragraph of its article to name X.
 */
import { MONTHS } from './citation.ts';
import type { ParagraphTerms } from './highlight.ts';
import type { QueryTerm } from './query.ts';

export type Shape = 'count' | 'measure' | 'date' | 'person' | 'define';

export function questionShape(query: string): Shape | null {
  const q = query
    .toLowerCase()
    .replace(/[?!.]+$/, '')
    .trim();
  if (/\bhow (many|much)\b/.test(q)) return 'count';
  if (/\bhow (long|far|big|large|old|tall|high|wide)\b/.test(q)) return 'measure';
  if (/^(when|since when|until when)\b|\b(what|which) (year|date|day|month)\b/.test(q)) return 'date';
  if (/\b(dates?|year) of\b/.test(q)) return 'date';
  if (/\bnames? of\b|\bwhat (is|was|were|are) (it|they) called\b/.test(q)) return 'person';
  if (/^(what|who)(?: is|’s|'s| are| was| were) (?:the |an? )?\S+(?: \S+){0,3}$/.test(q)) return 'define';
  if (/^(who|whom|whose)\b/.test(q)) return 'person';
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

const NUMBER_WORDS = new Set([
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'dozen',
  'dozens',
  'hundred',
  'hundreds',
  'thousand',
  'thousands',
  'million',
  'millions',
  'billion',
  'billions',
]);
const DATE_WORDS = new Set([
  ...MONTHS.map((month) => month.toLowerCase()),
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
/** Units a "how long / how far / how big" answer is given in: length, time, share. */
const UNITS =
  /^(kilomet(er|re)s?|km|miles?|met(er|re)s?|feet|foot|hours?|days?|weeks?|months?|years?|decades?|percent|per)$/;
const YEAR = /^(1[89]|20)\d\d(s)?$/;
const FIGURE = /^\d[\d,.]*$/;

/** A figure that is not a year, or a number written out: what a count or a measure starts with. */
function isQuantity(word: string): boolean {
  return (FIGURE.test(word) && !YEAR.test(word)) || NUMBER_WORDS.has(word);
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
      return next !== undefined && /^\p{Lu}\p{Ll}/u.test(surface) && /^\p{Lu}\p{Ll}/u.test(next);
    default:
      return false;
  }
}

/**
 * 1 when a sentence holding matched words also holds the kind of answer the question asks for
 * (a word that is not itself a matched word), else 0. `define` is judged by `definesSubject`.
 */
export function hasAnswerNear(
  shape: Shape,
  text: string,
  analysis: ParagraphTerms,
  sentenceOf: readonly number[],
  matched: ReadonlySet<number>,
): number {
  if (shape === 'define') return 0;
  const sentences = new Set([...matched].map((at) => sentenceOf[at]));
  const words = analysis.words;
  for (let at = 0; at < words.length; at++) {
    if (matched.has(at) || !sentences.has(sentenceOf[at])) continue;
    const word = words[at] as ParagraphTerms['words'][number];
    const next = words[at + 1];
    const nextSurface =
      next && sentenceOf[at + 1] === sentenceOf[at] && !matched.has(at + 1)
        ? text.slice(next.start, next.end)
        : undefined;
    // A capitalised word that opens a sentence is not evidence of a name.
    if (shape === 'person' && (at === 0 || sentenceOf[at - 1] !== sentenceOf[at])) continue;
    if (isAnswerWord(shape, text.slice(word.start, word.end), nextSurface)) return 1;
  }
  return 0;
}

/**
 * What an acronym's gloss counts next to a definition: `Collective Security Treaty Organization
 * (CSTO)` names X, `X, usually shortened to CSTO, is a military alliance` says what it is.
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
