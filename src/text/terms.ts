/**
 * Term processing shared by indexing, querying, highlighting and the glossary.
 *
 * Everything that decides whether two words are "the same" lives here, so that the index, the
 * query and the excerpt highlighter can never disagree: a word is highlighted exactly when its
 * processed form is one of the terms the search matched.
 */
import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';
import { americanSpelling } from './british.ts';
import { memoize } from './memo.ts';
import { numberTerm, numberWordsTerm, ORDINAL_TERM } from './numbers.ts';

/** A word of a text with its position, so excerpts can quote and highlight the original. */
export interface Token {
  /** The word as written. */
  surface: string;
  start: number;
  end: number;
}

/**
 * Letters, marks and digits, joined by apostrophes or hyphens (`Russia’s`, `Nagorno-Karabakh`)
 * and, between digits only, by `.` or `,` (`7,644`, `3.5`). Everything else separates words.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’\u2010\u2011-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;
/** What joins the parts of a hyphenated word (`Nagorno-Karabakh`, `киргизско-таджикский`, `70-летие`). */
export const HYPHENS = /['’]?[\u2010\u2011-]/u;
const NUMBER = /^\p{N}[\p{N}.,]*$/u;
const STOP_WORDS: ReadonlySet<string> = new Set(englishStopWords);

/** Stemming dominates indexing time. */
const stem: (word: string) => string = memoize(stemmer);

/**
 * Format characters (soft hyphen, zero-width space and joiner, direction marks) are invisible and never
 * separate words: the corpus and queries both drop them, so `Arme\u00adnia` is `Armenia` on either side.
 */
export function removeFormatCharacters(text: string): string {
  return text.replace(/\p{Cf}/gu, '');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ surface: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const CAPITAL = /^\p{Lu}/u;

/** A possessive ending as written (`Russia’s`, `RUSSIA'S`). */
export const POSSESSIVE = /['’]s$/iu;

/** Whether a word as written starts with a capital: how names are told from other words. */
export function startsWithCapital(surface: string): boolean {
  const code = surface.charCodeAt(0);
  // ASCII first: most words of a corpus, and a Unicode class test costs far more (index builds ask per word).
  if (code < 128) return code >= 65 && code <= 90;
  return CAPITAL.test(surface);
}

/**
 * Lowercases, strips diacritics (`Toqaev` and `Toqäev` are one word), unifies apostrophes and
 * drops a possessive ending (`Russia’s` → `russia`).
 */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/'s?$/, '')
    .replace(/'/g, '');
}

/**
 * Spelling folds applied to each folded word part before stemming (see `spelling.ts`): the
 * index, the query, the highlighter and the glossary must all use the same corpus's folds.
 */
export interface Folds {
  fold(part: string): string;
}

/** British/American endings only: for text analysed without a corpus's transliteration table. */
export const BRITISH_ONLY: Folds = { fold: americanSpelling };

/** A search term and the part of the word it came from, as written (for suggestions). */
export interface WordTerm {
  term: string;
  surface: string;
}

/** The parts of a hyphenated word, folded; a single-element array for a plain word. */
function wordParts(surface: string): string[] {
  return foldWord(surface)
    .split(HYPHENS)
    .filter((part) => part.length > 0);
}

/**
 * The search terms of one word: stop words dropped, the rest stemmed. Numbers lose their
 * thousands separators and are never stemmed; number words become figures (`numbers.ts`), a
 * hyphenated one whole (`forty-four` → `44`). A hyphenated word yields its parts and, when
 * `joined` is set (at index time), also the parts written together, so `nagornokarabakh` and
 * `Nagorno Karabakh` both find `Nagorno-Karabakh`.
 */
export function analyzeWord(surface: string, joined = false, folds: Folds = BRITISH_ONLY): WordTerm[] {
  const parts = wordParts(surface);
  const written = surface.replace(/['’]s?$/, '').split(HYPHENS);
  const number = parts.length > 1 ? numberWordsTerm(parts) : null;
  if (number !== null) return [{ term: number, surface: written.join('-') }];
  const terms: WordTerm[] = [];
  parts.forEach((part, index) => {
    const term = partTerm(part, folds);
    if (term !== null) terms.push({ term, surface: written[index] ?? part });
  });
  if (joined && parts.length > 1)
    terms.push({ term: stem(parts.map((part) => folds.fold(part)).join('')), surface: written.join('-') });
  return terms;
}

export function wordTerms(surface: string, joined = false, folds: Folds = BRITISH_ONLY): string[] {
  return analyzeWord(surface, joined, folds).map((word) => word.term);
}

/** The search term of one folded word part (see `wordParts`), or null for a stop word. */
export function partTerm(part: string, folds: Folds = BRITISH_ONLY): string | null {
  const number = numberTerm(part);
  if (number !== null) return number;
  if (NUMBER.test(part)) return part.replace(/,/g, '');
  if (part.length < 2 || STOP_WORDS.has(part)) return null;
  return stem(folds.fold(part));
}

/**
 * A word's key for phrase matching in the glossary: folded and stemmed but stop words kept,
 * so that `give up` is a phrase of two keys and never matches a bare `give`.
 */
export function phraseKeys(surface: string, folds: Folds = BRITISH_ONLY): string[] {
  const parts = wordParts(surface);
  const number = parts.length > 1 ? numberWordsTerm(parts) : null;
  if (number !== null) return [number];
  return parts.map(
    (part) => numberTerm(part) ?? (NUMBER.test(part) ? part.replace(/,/g, '') : stem(folds.fold(part))),
  );
}

/**
 * True when a term is a figure (years, counts, ordinals like `70th`, number words folded to
 * them): such terms are never matched fuzzily.
 */
export function isNumericTerm(term: string): boolean {
  return NUMBER.test(term) || ORDINAL_TERM.test(term);
}
