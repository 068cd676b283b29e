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
 * Kazakh, Kyrgyz and Tajik letters whose news spelling is a Russian letter's (Тоқаев is Tokayev):
 * folded to that letter, so such words also meet the glossary's Russian entries.
 */
const TO_RUSSIAN: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  і: 'и',
  ӣ: 'и',
  ӯ: 'у',
};
/** Tajik and Kazakh letters the news spells unlike any Russian letter (Раҳмон is Rahmon, not Rakhmon). */
const TO_LATIN: Readonly<Record<string, string>> = { һ: 'h', ҳ: 'h', ҷ: 'j' };
const letters = (table: Readonly<Record<string, string>>) =>
  new RegExp(`[${Object.keys(table).join('')}]`, 'gu');
const RUSSIAN_EQUIVALENT = letters(TO_RUSSIAN);
const LATIN_EQUIVALENT = letters(TO_LATIN);

export function isCyrillic(word: string): boolean {
  return CYRILLIC.test(word);
}

/**
 * Lowercase, composed, ё written е (readers write both), apostrophes dropped, and the Central
 * Asian letters that the news spells as a Russian letter written as that letter.
 */
export function normalizeCyrillic(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/['’]/g, '')
    .replace(RUSSIAN_EQUIVALENT, (letter) => TO_RUSSIAN[letter] as string);
}

/** The Snowball Russian stem of a normalised word. */
export function russianStem(word: string): string {
  return stemmer(word);
}

/** Russian function words (и, в, на, что…), which say nothing about what the answer is about. */
export function isRussianStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** A Cyrillic word in the Latin letters of English-language news, lowercase: `Токаев` → `tokayev`. */
export function transliterate(word: string): string {
  const latin = normalizeCyrillic(word).replace(LATIN_EQUIVALENT, (letter) => TO_LATIN[letter] as string);
  return translate(latin, WIKIPEDIA);
}
