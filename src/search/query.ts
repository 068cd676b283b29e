/**
 * Turning what a reader typed into a MiniSearch query tree.
 *
 * Each term is its own node so it can carry its own fuzziness and prefix flag: typo tolerance
 * grows with word length (none up to 4 letters, 1 edit from 5, 2 from 9), numbers are never
 * fuzzy, and only the last word — the one still being typed — is matched as a prefix.
 */
import type { Query } from 'minisearch';
import type { RussianGlossary } from '../corpus/russian-glossary.ts';
import { demonymStems } from '../text/demonyms.ts';
import { familyStems } from '../text/families.ts';
import { numberPhrases, numberWordsBeginning, ordinalVariant } from '../text/numbers.ts';
import { sliceText } from '../text/slice.ts';
import {
  analyzeWord,
  BRITISH_ONLY,
  type Folds,
  foldWord,
  isNumericTerm,
  removeFormatCharacters,
  startsWithCapital,
  type Token,
  tokenize,
  type WordTerm,
} from '../text/terms.ts';
import { synonymStems } from '../text/thesaurus.ts';
import { FIELD_BOOST } from './inverted-index.ts';
import { type ReadWord, readRussian } from './russian.ts';

/** Longer input is cut (at a word boundary): nobody asks a 5,000-character question. */
export const MAX_QUERY_CHARS = 200;
/** Distinct terms beyond this add cost but no precision. */
export const MAX_QUERY_TERMS = 12;
/** Shorter prefixes match too much of the vocabulary to be worth their cost. */
const MIN_PREFIX_CHARS = 3;
/**
 * What a synonym (`thesaurus.ts`) counts next to the word typed, in coverage (rank.ts) and in
 * MiniSearch's score alike: enough to rank a paragraph that says `erupted` for "start" above those
 * holding only the question's other words, far below one that says `start` as well (0.25–0.4 rank
 * alike on the judged set, 0.2 loses the vocabulary gain: docs/ranking.md).
 */
export const SYNONYM_WEIGHT = 0.3;
const SYNONYM_BOOST = Object.fromEntries(
  Object.entries(FIELD_BOOST).map(([field, boost]) => [field, boost * SYNONYM_WEIGHT]),
);

export interface QueryTerm {
  term: string;
  /**
   * Length that decides typo tolerance: the stem's, not the written word's, because edits are
   * counted on the stem (`organization` is searched as `organ`, 2 edits from `began`).
   */
  length: number;
  /**
   * The word being typed — the last one, when the query does not end in a space or punctuation —
   * folded but not stemmed, to match as a prefix: the stem of a partial word is not a prefix of
   * anything (`kyrgy` stems to `kyrgi`). Null for every other word.
   */
  prefix: string | null;
  /**
   * A question or auxiliary word (`when`, `went`, `not`, `many`, `long`): it says what kind of
   * answer is wanted, not what the answer is about, so it never decides which paragraphs match.
   */
  auxiliary: boolean;
  /**
   * Other terms that count as this word (a Russian word's other English readings, see
   * `russian.ts`: `учения` is `drills` or `exercises`); empty for a word typed in English.
   */
  alternatives: readonly string[];
  /**
   * The stems of the word's family that the stemmer does not join (`invade` → `invas`, see
   * `families.ts`), a number's other reading (`70` → `70th`) and, while typed, the number words it
   * begins (`sevent` → `70`, `70th`: see `numbers.ts`): they count as the word, a little less than
   * the word itself.
   */
  variants: readonly string[];
  /**
   * The variants that are the word's country group (`demonyms.ts`: `kyrgyz` → `kyrgyzstan`,
   * `kyrgyzstani`): a subset of `variants`, counting well below a word-family variant
   * (`QUALITY.demonym` in owners.ts).
   */
  demonyms: readonly string[];
  /**
   * The stems of the word's synonyms in news English (`help` → `aid`, `assist`; see `thesaurus.ts`):
   * they count as the word, well below the word itself, and are matched exactly, never fuzzily.
   */
  synonyms: readonly string[];
  /**
   * The word as typed, folded but not stemmed (`leving`), for correcting it as written
   * (`correct.ts`); absent for terms not read from typed text.
   */
  written?: string;
}

/**
 * Question and auxiliary words that the stop-word list keeps (it drops `what`, `who`, `how`,
 * `many`, `did`…), folded and unstemmed. Kept short on purpose: a content word here would be
 * ignored whenever it shares a query with another word.
 */
const AUXILIARY_WORDS: ReadonlySet<string> = new Set([
  'when',
  'why',
  'how',
  'whom',
  'whose',
  'many',
  'much',
  'long',
  'does',
  'did',
  'not',
  'didnt',
  'doesnt',
  'dont',
  'isnt',
  'wasnt',
  'werent',
  'arent',
  'cant',
  'couldnt',
  'wont',
  'wouldnt',
  'hasnt',
  'havent',
  'hadnt',
  'went',
  'go',
  'goes',
  'gone',
  'happen',
  'happens',
  'happened',
  'mean',
  'means',
  'meant',
  'tell',
  'ever',
  'exactly',
  // `according to X` names a source, not an accord (whose thesaurus line reaches `treaty`).
  'according',
]);

/**
 * Cleans a raw query for searching and echoing: Unicode NFC, control and format characters
 * removed, whitespace collapsed, cut to `MAX_QUERY_CHARS` at a word boundary.
 */
export function cleanQuery(raw: string): string {
  const text = removeFormatCharacters(raw.normalize('NFC'))
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim();
  if (text.length <= MAX_QUERY_CHARS) return text;
  const cut = sliceText(text, MAX_QUERY_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > MAX_QUERY_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trim();
}

/**
 * The distinct search terms of a cleaned query, in order, spelled with the corpus's `folds`;
 * Cyrillic words are read in English through the corpus's bilingual glossary (`russian.ts`).
 */
export function queryTerms(
  query: string,
  folds: Folds = BRITISH_ONLY,
  russian?: RussianGlossary,
): QueryTerm[] {
  const tokens = tokenize(query);
  const last = tokens.at(-1);
  const typingLastWord = last !== undefined && last.end === query.length;
  const terms = new Map<string, QueryTerm>();
  const read = russian ? readRussian(tokens, russian, folds) : [];
  const numbers = numberPhraseWords(tokens);
  for (const [at, token] of tokens.entries()) {
    const words: (WordTerm & Partial<ReadWord>)[] =
      read[at] ?? numbers.get(at) ?? analyzeWord(token.surface, false, folds);
    words.forEach((word, index) => {
      const typing = typingLastWord && token === last && index === words.length - 1;
      const folded = foldWord(word.surface);
      const prefix = typing && folded.length >= MIN_PREFIX_CHARS ? folded : null;
      const existing = terms.get(word.term);
      if (existing) existing.prefix ??= prefix;
      else if (terms.size < MAX_QUERY_TERMS) {
        const auxiliary = AUXILIARY_WORDS.has(folded) && !typing;
        const alternatives = word.alternatives ?? [];
        const ordinal = ordinalVariant(word.term);
        const begun = prefix === null ? [] : numberWordsBeginning(prefix);
        const variant = (stem: string) => !alternatives.includes(stem) && stem !== word.term;
        const demonyms = demonymStems(word.term).filter(variant);
        const variants = [
          ...familyStems(word.term),
          ...demonyms,
          ...(ordinal ? [ordinal] : []),
          ...begun,
        ].filter(variant);
        // A word capitalised after the first is part of a name (`Security Council`, `Treaty
        // Organization`): a synonym of the word is not one of the name.
        const named = at > 0 && startsWithCapital(token.surface);
        const synonyms = named
          ? []
          : synonymStems(word.term).filter((stem) => ![...alternatives, ...variants].includes(stem));
        terms.set(word.term, {
          term: word.term,
          length: word.term.length,
          prefix,
          auxiliary,
          alternatives,
          variants,
          demonyms,
          synonyms,
          written: folded,
        });
      }
    });
  }
  return [...terms.values()];
}

/**
 * A number written as several words is searched as its figure (`forty four` → `44`), as the index
 * reads it (`Glossary.findAliases`): its first word stands for the figure, the others for nothing.
 */
function numberPhraseWords(tokens: readonly Token[]): Map<number, WordTerm[]> {
  const words = new Map<number, WordTerm[]>();
  for (const { first, last, term, surface } of numberPhrases(tokens)) {
    words.set(first, [{ term, surface }]);
    for (let at = first + 1; at <= last; at++) words.set(at, []);
  }
  return words;
}

/** Meilisearch's typo budget: exact up to 4 letters, 1 edit from 5, 2 from 9; numbers exact. */
export function typoBudget(term: Pick<QueryTerm, 'term' | 'length'>): number {
  if (isNumericTerm(term.term) || term.length <= 4) return 0;
  return term.length >= 9 ? 2 : 1;
}

/**
 * The query tree. `known` says whether a term is in the index as written: such a term is not
 * matched fuzzily — it was not mistyped, and its near spellings (`russia` → `russial`) would
 * cost a large index most of its query time for matches nobody asked for.
 */
export function buildQuery(
  terms: readonly QueryTerm[],
  combineWith: 'AND' | 'OR',
  known: (term: string) => boolean = () => false,
): Query & { queries: Query[] } {
  return { combineWith, queries: terms.map((term) => termQuery(term, known(term.term))) };
}

/** One term, or any of its synonyms (exactly: a near spelling of a synonym is another word). */
function termQuery(term: QueryTerm, known: boolean): Query {
  const written = writtenQuery(term, known);
  if (term.synonyms.length === 0) return written;
  const synonyms: Query = { combineWith: 'OR', queries: [...term.synonyms], boost: SYNONYM_BOOST };
  return { combineWith: 'OR', queries: [written, synonyms] };
}

/**
 * One term (or any of its alternatives or family variants): its stem, exactly or within its typo budget, or — while
 * typed — anything it begins.
 */
function writtenQuery({ term, prefix, length, alternatives, variants }: QueryTerm, known: boolean): Query {
  const fuzzy = known ? 0 : typoBudget({ term, length });
  const queries = [term, ...alternatives, ...variants];
  if (prefix === null) return { combineWith: 'OR', queries, fuzzy };
  if (prefix === term) return { combineWith: 'OR', queries, fuzzy, prefix: true };
  return {
    combineWith: 'OR',
    queries: [
      { combineWith: 'OR', queries, fuzzy },
      { queries: [prefix], prefix: true },
    ],
  };
}
