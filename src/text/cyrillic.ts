/**
 * Cyrillic words as readers of Russian (and Kazakh, Kyrgyz, Tajik) type them: normalised,
 * stemmed with Snowball's Russian algorithm, and spelled in Latin letters the way English-language
 * news spells the region's names.
 *
 * Transliteration is `iuliia`'s "wikipedia" schema (English Wikipedia's practice: Tokayev,
 * Yerevan, Karabakh, Zelensky), which matched the news spelling for 30 of 40 of the region's names
 * against 20 of 40 for `transliteration` (docs/russian.md has the table). The letters of Kazakh,
 * Kyrgyz and Tajik that the schema passes through untouched are mapped first; names whose news
 * spelling no letter rule gives (Japarov, Rahmon, Armenia) are in the Russian glossary.
 */
import { stemmer } from '@orama/stemmers/russian';
import { translate, WIKIPEDIA } from 'iuliia';
import { rus as russianStopWords } from 'stopword';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const STOP_WORDS: ReadonlySet<string> = new Set(russianStopWords);

/**
 * Kazakh, Kyrgyz and Tajik letters, to the Russian letter with the same news spelling or straight
 * to Latin where the news spelling differs from the Russian letter's (Tajik ҳ and ҷ: Rahmon, Jamshed).
 */
const EXTRA_LETTERS: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  і: 'и',
  һ: 'h',
  ҳ: 'h',
  ҷ: 'j',
  ӣ: 'и',
  ӯ: 'у',
};
const EXTRA = new RegExp(`[${Object.keys(EXTRA_LETTERS).join('')}]`, 'gu');

export function isCyrillic(word: string): boolean {
  return CYRILLIC.test(word);
}

/** Lowercase, composed, ё written е (readers write both), apostrophes dropped. */
export function normalizeCyrillic(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/['’]/g, '');
}

/** The Snowball Russian stem of a normalised word. */
export function russianStem(word: string): string {
  return stemmer(word);
}

/** Russian function words (и, в, на, что…), which say nothing about what the answer is about. */
export function isRussianStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** A normalised Cyrillic word in the Latin letters of English-language news: `токаев` → `tokayev`. */
export function transliterate(word: string): string {
  return translate(
    word.replace(EXTRA, (letter) => EXTRA_LETTERS[letter] as string),
    WIKIPEDIA,
  );
}
