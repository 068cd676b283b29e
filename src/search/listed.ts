/**
 * What autocomplete lists from an index, derived once per index version: the vocabulary in prefix
 * order (completing a word being typed) and the names most written about (an empty box).
 *
 * Sorting some 60,000 words or ranking some 28,000 names at 100,000 paragraphs takes 10–100 ms,
 * which no keystroke should wait for: both are derived where the index is packed (the reload
 * worker, a cache save; the cache keeps them) or when the engine starts, and kept on the
 * `BuiltIndex` until an article comes or goes (`inverted-index.ts` forgets them then).
 */
import { mostWrittenAbout } from '../text/names.ts';
import { foldWord } from '../text/terms.ts';
import type { BuiltIndex, ListedWord } from './inverted-index.ts';

/** How many names an empty box can be offered (more than Discord's 25 choices). */
const OFFERED_NAMES = 50;

/** The names an empty autocomplete box offers, most written about first (`names.ts`). */
export function offeredNames(built: BuiltIndex): readonly string[] {
  built.offered ??= mostWrittenAbout(built.names, OFFERED_NAMES);
  return built.offered;
}

/** The vocabulary by folded word, the more frequent first among words folding alike. */
export function listedWords(built: BuiltIndex): readonly ListedWord[] {
  built.listed ??= [...built.vocabulary.values()]
    .map(({ surface, count }) => ({ folded: foldWord(surface), surface, count }))
    .sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : b.count - a.count));
  return built.listed;
}
