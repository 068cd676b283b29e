/**
 * Numbers written as words folded to figures, so that a reader's `70th` finds `seventieth`, `44 days`
 * finds `forty-four days`, `6 members` finds `six members` and `1990s` finds `the Nineties`, in the
 * index, the query, the highlighter and the glossary alike (applied where the British fold is, before
 * stemming: `terms.ts`). The highlighter marks the words as written, since it only compares terms.
 *
 * - cardinals from `two` up (`two`…`ninety-nine`, `hundred`, `thousand`, `million`) become figures:
 *   `one` is left alone, being mostly a pronoun (`one of the…`, `no one`);
 * - ordinals from `second` up become ordinal figures (`seventieth` → `70th`), and ordinal figures are
 *   written one way (`22d` and `22nd` → `22nd`): `first` is left alone, being everywhere, and a
 *   `second` that is a unit of time is rare beside the ordinal in news;
 * - hyphenated compounds (`forty-four`, `twenty-first`, `two-thousand`) become one figure; spaced ones
 *   (`forty four`, `two thousand`) are several words, each its own figure, and the phrase stands for
 *   the whole figure the way a glossary phrase stands for its reader words (`numberPhrases`);
 * - decades written as words or short figures (`the Nineties`, `the '90s`) become the term `1990s`
 *   gets (`1990`), from the thirties to the nineties: `the twenties` could be either century.
 *
 * Cardinals and ordinals stay distinct terms (`70` is not `70th`): the query widens one to the other
 * (`ordinalVariant`), weighted below the form typed.
 */

import { memoize } from './memo.ts';

const UNITS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };
/** What joins the words of a compound number (`forty-four`). */
const HYPHEN = /[\u2010\u2011-]/;

/** Ordinal words that are not their cardinal plus `th` (`fifth`, `twelfth`, `twentieth`). */
const IRREGULAR_ORDINALS: Record<string, string> = {
  second: 'two',
  third: 'three',
  fifth: 'five',
  eighth: 'eight',
  ninth: 'nine',
  twelfth: 'twelve',
};

/** Every cardinal word by its value (`one` only inside compounds: `twenty-one`). */
const CARDINALS = new Map<string, number>([
  ['one', 1],
  ...UNITS.map((word, at): [string, number] => [word, at + 2]),
  ...TEENS.map((word, at): [string, number] => [word, at + 10]),
  ['eighteen', 18],
  ['nineteen', 19],
  ...TENS.map((word, at): [string, number] => [word, (at + 2) * 10]),
  ...Object.entries(SCALES),
]);

/** The ordinal words (`second`, `fourth`, `twentieth`, `hundredth`) by the cardinal they count to. */
const ORDINALS = new Map<string, string>([
  ['first', 'one'],
  ...Object.entries(IRREGULAR_ORDINALS),
  ...[...CARDINALS.keys()]
    .filter((word) => !Object.values(IRREGULAR_ORDINALS).includes(word) && word !== 'one')
    .map((word): [string, string] => [word.endsWith('y') ? `${word.slice(0, -1)}ieth` : `${word}th`, word]),
]);

/** Decades as words, from the thirties (see the module comment). */
const DECADES = new Map(
  TENS.slice(1).map((word, at): [string, string] => [`${word.slice(0, -1)}ies`, `19${at + 3}0`]),
);

const ORDINAL_FIGURE = /^(\d[\d,]*)(?:st|nd|rd|th|d)$/;
const SHORT_DECADE = /^([3-9]0)s$/;

/** The ordinal figure of a value: `1st`, `2nd`, `3rd`, `11th`, `22nd`, `70th`. */
function ordinalFigure(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[value % 10] ?? 'th');
  return `${value}${suffix}`;
}

/**
 * The value of cardinal words in a row (`forty`, `four` → 44; `two`, `hundred` → 200), or null
 * when they are not one number (`four forty`, `twelve nine`, `thousand million`).
 */
function cardinalValue(words: readonly string[]): number | null {
  let total = 0;
  let group = 0;
  let lastScale = Number.POSITIVE_INFINITY;
  for (const word of words) {
    const value = CARDINALS.get(word);
    if (value === undefined) return null;
    if (value === 100) {
      if (group >= 100) return null;
      group = (group || 1) * 100;
    } else if (value > 100) {
      if (value >= lastScale) return null;
      total += (group || 1) * value;
      group = 0;
      lastScale = value;
    } else {
      // Below a hundred, only units after tens (`forty four`), never `four forty` or `twelve nine`.
      const small = group % 100;
      if (small !== 0 && (small < 20 || small % 10 !== 0 || value >= 10)) return null;
      group += value;
    }
  }
  return total + group;
}

/**
 * The figure that folded number words stand for: a cardinal (`44`, `200`), an ordinal figure
 * (`44th`) when the last word is an ordinal, or null when they are not a number we fold (including
 * `one` and `first` on their own).
 */
export function numberWordsTerm(words: readonly string[]): string | null {
  const last = words.at(-1);
  if (last === undefined) return null;
  if (words.length === 1) {
    if (last === 'one' || last === 'first') return null;
    const decade = DECADES.get(last);
    if (decade) return decade;
  }
  const ordinal = ORDINALS.get(last);
  const value = cardinalValue(ordinal === undefined ? words : [...words.slice(0, -1), ordinal]);
  if (value === null) return null;
  return ordinal === undefined ? String(value) : ordinalFigure(value);
}

/**
 * The term of one folded word part when it is a number we fold: a number word, an ordinal figure
 * (`22d` → `22nd`) or a short decade (`90s` → `1990`); null otherwise. Plain figures are left to
 * the caller (`terms.ts` drops their thousands separators).
 */
export function numberTerm(part: string): string | null {
  const ordinal = ORDINAL_FIGURE.exec(part);
  if (ordinal) return ordinalFigure(Number((ordinal[1] as string).replace(/,/g, '')));
  const decade = SHORT_DECADE.exec(part);
  if (decade) return `19${decade[1]}`;
  return numberWordsTerm([part]);
}

const FIGURE = /^\d+$/;
/** An ordinal figure as a term (`70th`), after `numberTerm` has written it one way. */
export const ORDINAL_TERM = /^(\d+)(?:st|nd|rd|th)$/;

/**
 * Whether a word as written, lower case, is a cardinal from two up (`six`, `forty-four`, `hundred`):
 * a count written out, for question shapes (`shape.ts`).
 */
export function isCardinalWord(word: string): boolean {
  const value = cardinalValue(word.split(HYPHEN));
  return value !== null && value >= 2;
}

/** Below this, an ordinal is an everyday word whose sense differs from the count: see `ordinalVariant`. */
const WIDEN_FROM = 10;

/**
 * The other reading of a number term, for the query to widen to (`70` → `70th`, `70th` → `70`: a
 * reader's "turned 70" meets "seventieth birthday"); null below ten, where the ordinal (`second`,
 * `third`) is an everyday word and "two rounds" is not "the second round", and for years.
 */
export function ordinalVariant(term: string): string | null {
  if (FIGURE.test(term)) {
    const value = Number(term);
    return value >= WIDEN_FROM && value < 1_000 ? ordinalFigure(value) : null;
  }
  const ordinal = ORDINAL_TERM.exec(term);
  if (!ordinal) return null;
  const value = Number(ordinal[1]);
  return value >= WIDEN_FROM ? String(value) : null;
}

/** Every single number word that folds, with its term. */
const FOLDED_WORDS: readonly [string, string][] = [...CARDINALS.keys(), ...ORDINALS.keys(), ...DECADES.keys()]
  .map((word): [string, string | null] => [word, numberWordsTerm([word])])
  .filter((entry): entry is [string, string] => entry[1] !== null);

/**
 * The terms of the number words that a partly typed word begins (`sevent` → `70`, `70th`, `17`,
 * `17th`…), other than the word itself: folded to figures, they no longer begin with what is typed,
 * so the word being typed is widened to them as it would be to any word it begins.
 */
export function numberWordsBeginning(prefix: string): string[] {
  return FOLDED_WORDS.filter(([word]) => word.length > prefix.length && word.startsWith(prefix)).map(
    ([, term]) => term,
  );
}

/** A word of a text with its place, as `terms.ts` tokenizes it. */
interface Written {
  surface: string;
  start: number;
  end: number;
}

/** A number written as several words (`forty four`, `two thousand`) and the term of its figure. */
export interface NumberPhrase {
  /** Indexes of its first and last words in the tokens. */
  first: number;
  last: number;
  term: string;
  /** The phrase as written. */
  surface: string;
}

/**
 * The folded parts of a word when every one is a number word (`Forty-Four` → forty, four), else
 * null; memoized, since every word of every paragraph is asked at index time.
 */
const numberParts = memoize((surface: string): readonly string[] | null => {
  if (surface.length > 24 || !/^[a-z]/i.test(surface)) return null;
  const parts = surface.toLowerCase().split(HYPHEN);
  return parts.every((part) => CARDINALS.has(part) || ORDINALS.has(part)) ? parts : null;
});

/**
 * Numbers written as several words, separated by one space each (`forty four`, `two hundred`,
 * `twenty first`): runs of number words that read as one number. A run that does not (`four forty`,
 * `second two`) is no phrase; one word alone is left to `numberTerm`.
 */
export function numberPhrases(tokens: readonly Written[]): NumberPhrase[] {
  const phrases: NumberPhrase[] = [];
  let at = 0;
  while (at < tokens.length) {
    const parts = numberParts((tokens[at] as Written).surface);
    if (parts === null) {
      at += 1;
      continue;
    }
    const words = [...parts];
    let last = at;
    for (;;) {
      const next = tokens[last + 1];
      const parts =
        next && next.start - (tokens[last] as Written).end === 1 ? numberParts(next.surface) : null;
      if (parts === null) break;
      words.push(...parts);
      last += 1;
    }
    const term = last > at ? numberWordsTerm(words) : null;
    if (term !== null) {
      const surface = tokens
        .slice(at, last + 1)
        .map((token) => token.surface)
        .join(' ');
      phrases.push({ first: at, last, term, surface });
    }
    at = last + 1;
  }
  return phrases;
}
