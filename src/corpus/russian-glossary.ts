/**
 * The bilingual glossary: Russian words and phrases readers type, and the English words the
 * corpus uses for them. Corpus data (`corpus/synonyms.ru.txt`), in the glossary's `=` format:
 *
 *   ОДКБ = Организация Договора о коллективной безопасности = CSTO
 *   учения = drills = exercises
 *
 * Cyrillic members are what a reader may type; Latin members are the English readings, the first
 * one preferred. Unlike the English glossary it is applied at query time (`src/search/russian.ts`):
 * a Russian query word is searched as its English readings, which then match the text and its
 * English aliases as usual, so excerpts, highlights and citations stay in the article's language.
 *
 * Words are compared by their Snowball Russian stem, as written, or without a final vowel,
 * whichever meets (`russianKeys`): a name's nominative can stem differently from its oblique forms
 * (`Казахстан` → `казахста`, but `Казахстане` → `казахстан`, the nominative itself).
 *
 * Every glossary also holds the general dictionary (`src/text/russian-english.ts`: question forms,
 * verbs, the common words of the news), after the corpus's own entries: the corpus's entry wins
 * where both have a phrase as long that the query's words match as well.
 */

import { isCyrillic, normalizeCyrillic, russianStem } from '../text/cyrillic.ts';
import { RUSSIAN_ENGLISH } from '../text/russian-english.ts';
import { tokenize } from '../text/terms.ts';
import { glossaryLineTooLong, tooManyNames } from './limits.ts';

/** The bilingual glossary's reserved name inside the corpus directory. */
export const RUSSIAN_GLOSSARY_FILE = 'synonyms.ru.txt';

const MAX_PHRASE_WORDS = 8;

/** A final vowel or soft sign: a case ending of a noun in -а, -я, -ь (`Астана`, `Беларусь`). */
const FINAL_VOWEL = /[аеиоуыэюяйь]$/u;
/** Shorter bare forms match too many other words. */
const MIN_BARE = 4;

/**
 * The forms a Russian word is compared by, normalised, itself first: itself, its Snowball stem,
 * and itself without a final vowel or soft sign. Snowball cuts a nominative deeper than its
 * oblique forms (`Астана` → `аста`, but `Астане` → `астан`; `Беларусь` → `белар`, `Беларуси` →
 * `беларус`): the bare form is what they share.
 */
export function russianKeys(word: string): string[] {
  const normal = normalizeCyrillic(word);
  const bare = normal.replace(FINAL_VOWEL, '');
  const keys = new Set([normal, russianStem(normal)]);
  if (bare.length >= MIN_BARE) keys.add(bare);
  return [...keys];
}

interface Entry {
  /** Per word of the Russian phrase, the forms that match it. */
  words: ReadonlySet<string>[];
  /** English phrases, preferred first. */
  readings: readonly string[];
}

export interface RussianGlossaryProblem {
  line: number;
  reason: string;
}

/** A Russian phrase found in a query: how many words it spans and what it reads as in English. */
export interface RussianMatch {
  length: number;
  readings: readonly string[];
}

/** The entries of a glossary text, and its bad lines (reported and skipped). */
function parseEntries(source: string): { entries: Entry[]; problems: RussianGlossaryProblem[] } {
  const entries: Entry[] = [];
  const problems: RussianGlossaryProblem[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.replace(/#.*$/, '').trim();
    if (!text) return;
    // The English glossary's limits (`limits.ts`): a careless line must not make every query slow.
    const tooLong = glossaryLineTooLong(text);
    if (tooLong) {
      problems.push({ line: index + 1, reason: tooLong });
      return;
    }
    const members = text.split('=').map((member) => member.trim());
    const russian = members.filter(isCyrillic);
    const readings = members.filter((member) => !isCyrillic(member));
    const problem =
      tooManyNames(members.length) ??
      (members.some((member) => !member) || russian.length === 0 || readings.length === 0
        ? 'expected "Russian = English", both sides non-empty'
        : readings.some(isCyrillic)
          ? 'an English reading has Cyrillic letters'
          : russian.some((phrase) => tokenize(phrase).length > MAX_PHRASE_WORDS)
            ? `a Russian phrase is longer than ${MAX_PHRASE_WORDS} words`
            : null);
    if (problem) {
      problems.push({ line: index + 1, reason: problem });
      return;
    }
    for (const phrase of russian) {
      const words = tokenize(phrase).map((token) => new Set(russianKeys(token.surface)));
      entries.push({ words, readings });
    }
  });
  return { entries, problems };
}

/** The general dictionary's entries, parsed once (it is code: a bad line fails its unit test). */
const GENERAL: readonly Entry[] = parseEntries(RUSSIAN_ENGLISH).entries;

export class RussianGlossary {
  /**
   * Entries by every form of their first word, longest phrase first, so matching is greedy; among
   * phrases as long, the corpus's entries before the general dictionary's.
   */
  readonly #byFirstWord = new Map<string, Entry[]>();
  /** The corpus's own entries (the general dictionary is not counted). */
  readonly size: number;
  readonly problems: readonly RussianGlossaryProblem[];

  private constructor(entries: Entry[], problems: RussianGlossaryProblem[]) {
    for (const entry of [...entries, ...GENERAL]) {
      for (const key of entry.words[0] as ReadonlySet<string>) {
        const list = this.#byFirstWord.get(key) ?? [];
        list.push(entry);
        this.#byFirstWord.set(key, list);
      }
    }
    // A stable sort: the corpus's entries stay before the general dictionary's of the same length.
    for (const list of this.#byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.size = entries.length;
    this.problems = problems;
  }

  /** No corpus entries: the general dictionary alone. */
  static readonly empty = new RussianGlossary([], []);

  /** Parses `Russian = … = English = …` lines; `#` starts a comment. A bad line is reported and skipped. */
  static parse(source: string): RussianGlossary {
    const { entries, problems } = parseEntries(source);
    return new RussianGlossary(entries, problems);
  }

  /**
   * The longest glossary phrase starting at word `at` of a query, each word given as its
   * `russianKeys`; among phrases as long, the one that more words match as written (`какие` is
   * the entry for `какие`, not the one for `как`, whose stem it shares). Undefined when none
   * starts there.
   */
  match(words: readonly (readonly string[])[], at: number): RussianMatch | undefined {
    const candidates = new Set((words[at] ?? []).flatMap((key) => this.#byFirstWord.get(key) ?? []));
    let best: { entry: Entry; written: number } | undefined;
    for (const entry of candidates) {
      const keysAt = (offset: number) => words[at + offset] ?? [];
      if (!entry.words.every((forms, offset) => keysAt(offset).some((key) => forms.has(key)))) continue;
      const written = entry.words.filter((forms, offset) => forms.has(keysAt(offset)[0] ?? '')).length;
      const longer = !best || entry.words.length > best.entry.words.length;
      if (longer || (entry.words.length === best?.entry.words.length && written > best.written))
        best = { entry, written };
    }
    return best && { length: best.entry.words.length, readings: best.entry.readings };
  }
}
