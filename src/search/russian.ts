/**
 * Russian queries, read in English at query time: the one point where Cyrillic enters the search.
 *
 * Each run of Cyrillic words of a query is read, longest first, as
 * 1. a phrase of the bilingual glossary: the corpus's own (`corpus/synonyms.ru.txt`: `ОДКБ` → CSTO,
 *    `Армению` → Armenia) or the general dictionary (`src/text/russian-english.ts`: `учениях` →
 *    drills or exercises, `вышел` → leave), matched after Russian stemming;
 * 2. a Russian function word (и, в, на), which is dropped like an English stop word;
 * 3. a compound that no phrase holds (`киргизско-таджикской`), read part by part as 1, 2 or 4;
 * 4. otherwise a name, transliterated as English-language news spells it (`Токаев` → Tokayev),
 *    and also its stem transliterated when that is long enough to be a name (`Пашиняна` →
 *    Pashinyana or Pashinyan), since a name's case ending is not part of its English spelling.
 * The English words then go through the usual analysis: the corpus's transliteration table folds
 * Tokayev to the article's Toqaev, and the typo budget applies as to any typed word.
 *
 * Several one-word readings of one Russian word are alternatives (`drills` or `exercises`): they
 * count as one query word, whichever matches. A preferred reading that is a phrase (`send troops`)
 * is searched as its words, and then only it is.
 */
import { type RussianGlossary, russianKeys } from '../corpus/russian-glossary.ts';
import {
  isCyrillic,
  isRussianStopWord,
  normalizeCyrillic,
  russianStem,
  transliterate,
} from '../text/cyrillic.ts';
import { analyzeWord, type Folds, HYPHENS, type Token, tokenize, type WordTerm } from '../text/terms.ts';

/** A search term read from Russian, with the terms of its other readings, any of which may match. */
export interface ReadWord extends WordTerm {
  alternatives: readonly string[];
}

/** A stem shorter than this is not used as a name's spelling: it cut into the name (`Токаев` → `тока`). */
const MIN_NAME_STEM = 5;

interface Reading {
  /** Index of the first token read, and how many tokens the reading covers. */
  at: number;
  length: number;
  /**
   * Per part of what was read (one, or the parts of a compound: `киргизско-таджикской`), its
   * English readings, preferred first; none for a function word.
   */
  parts: (readonly string[])[];
}

function readingsOf(tokens: readonly Token[], glossary: RussianGlossary): Reading[] {
  // Every token has keys, so that a phrase can hold a number (`статья 4`).
  const keys = tokens.map((token) => russianKeys(token.surface));
  const readings: Reading[] = [];
  let at = 0;
  while (at < tokens.length) {
    const surface = (tokens[at] as Token).surface;
    if (!isCyrillic(surface)) {
      at += 1;
      continue;
    }
    const found = glossary.match(keys, at);
    // A compound that is no phrase of the glossary is read part by part.
    const parts = found ? [found.readings] : surface.split(HYPHENS).map((part) => partOf(part, glossary));
    readings.push({ at, length: found?.length ?? 1, parts });
    at += found?.length ?? 1;
  }
  return readings;
}

/** One word (or part of a compound) read alone: a glossary word, a function word, a name, or a figure. */
function partOf(part: string, glossary: RussianGlossary): readonly string[] {
  if (!isCyrillic(part)) return [part];
  const normal = normalizeCyrillic(part);
  return (
    glossary.match([russianKeys(part)], 0)?.readings ??
    (isRussianStopWord(normal) ? [] : nameSpellings(normal))
  );
}

function nameSpellings(normal: string): string[] {
  const whole = transliterate(normal);
  const stem = transliterate(russianStem(normal));
  return stem !== whole && stem.length >= MIN_NAME_STEM ? [whole, stem] : [whole];
}

/**
 * The query words of a reading: the words of the preferred reading when that is a phrase
 * (`send troops`); else one word, with the other one-word readings as its alternatives (a phrase
 * among the others, `call off`, is left out: its words would each count on their own).
 */
function wordsOf(english: readonly string[], folds: Folds): ReadWord[] {
  const analysed = english.map((phrase) =>
    tokenize(phrase).flatMap((token) => analyzeWord(token.surface, false, folds)),
  );
  const [preferred = [], ...others] = analysed;
  if (preferred.length > 1) return preferred.map((word) => ({ ...word, alternatives: [] }));
  const [main, ...rest] = [...preferred, ...others.filter((words) => words.length === 1).flat()];
  if (!main) return [];
  const alternatives = new Set(rest.map((word) => word.term).filter((term) => term !== main.term));
  return [{ ...main, alternatives: [...alternatives] }];
}

/**
 * For each token of a query, the words it is searched as when it is Cyrillic (empty for a word
 * that a preceding phrase covers, or a function word); undefined for every other token, which
 * the caller analyses as usual.
 */
export function readRussian(
  tokens: readonly Token[],
  glossary: RussianGlossary,
  folds: Folds,
): (ReadWord[] | undefined)[] {
  const words: (ReadWord[] | undefined)[] = tokens.map(() => undefined);
  for (const reading of readingsOf(tokens, glossary)) {
    words[reading.at] = reading.parts.flatMap((part) => wordsOf(part, folds));
    for (let next = reading.at + 1; next < reading.at + reading.length; next++) words[next] = [];
  }
  return words;
}

/**
 * The query with its Cyrillic phrases replaced by their preferred English reading, for what reads
 * the question's wording rather than its terms (the question's shape: `Сколько…` → `how many…`).
 */
export function inEnglish(text: string, glossary: RussianGlossary): string {
  if (!isCyrillic(text)) return text;
  const tokens = tokenize(text);
  let out = '';
  let from = 0;
  for (const reading of readingsOf(tokens, glossary)) {
    const first = tokens[reading.at] as Token;
    const last = tokens[reading.at + reading.length - 1] as Token;
    out += text.slice(from, first.start) + reading.parts.map((part) => part[0] ?? '').join(' ');
    from = last.end;
  }
  return (out + text.slice(from)).replace(/\s+/g, ' ').trim();
}
