/**
 * What autocomplete lists from an index, derived once per index version: the vocabulary in prefix
 * order (completing a word being typed) and the names most written about (an empty box; the names
 * a paragraph writes are `src/text/names.ts`'s, counted at build by `inverted-index.ts`).
 *
 * Sorting some 60,000 words or ranking some 28,000 names at 100,000 paragraphs takes 10–100 ms,
 * which no keystroke should wait for: both are derived where the index is packed (the reload
 * worker, a cache save; the cache keeps them) or when the engine starts, and kept on the
 * `BuiltIndex` until an article comes or goes (`inverted-index.ts` forgets them then).
 */
import { foldWord } from '../text/terms.ts';
import type { BuiltIndex, ListedWord } from './inverted-index.ts';
import { keepBest } from './sorted.ts';

/** How many names an empty box can be offered (more than Discord's 25 choices). */
const OFFERED_NAMES = 50;

/** The names an empty autocomplete box offers, most written about first (`mostWrittenAbout`). */
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

/**
 * The `max` names most written about, from each name's count (paragraphs naming it), most first.
 * A name that ends a longer one is counted with it and offered as it: a surname alone
 * (`Pashinyan` with `Nikol Pashinyan`), and what is left of a name that started a sentence
 * (`Security Treaty Organization`, its first word dropped, with `Collective Security Treaty
 * Organization`). When several names end with it, the most counted of those no name ends takes it.
 */
export function mostWrittenAbout(counts: ReadonlyMap<string, number>, max: number): string[] {
  // The names each counted name ends (most names end none, and most endings are not names).
  const holders = new Map<string, string[]>();
  for (const name of counts.keys()) {
    for (const ending of endingsOf(name)) {
      if (!counts.has(ending)) continue;
      const names = holders.get(ending);
      if (names) names.push(name);
      else holders.set(ending, [name]);
    }
  }
  const totals = new Map(counts);
  const countOf = (name: string) => counts.get(name) as number;
  for (const [ending, names] of holders) {
    // Never none: the longest name ending with it is the ending of no name.
    const whole = names
      .filter((name) => !holders.has(name))
      .reduce((most, name) => (countOf(name) > countOf(most) ? name : most));
    totals.set(whole, (totals.get(whole) as number) + countOf(ending));
    totals.delete(ending);
  }
  return keepBest(totals, max, before).map(([name]) => name);
}

/** Which of two counted names comes first: the more counted, then the first alphabetically. */
const before = ([a, countA]: [string, number], [b, countB]: [string, number]): number =>
  countB - countA || (a < b ? -1 : 1);

/** A name's endings, longest first: `Nikol Pashinyan` → `Pashinyan`. */
function endingsOf(name: string): string[] {
  const endings: string[] = [];
  for (let space = name.indexOf(' '); space >= 0; space = name.indexOf(' ', space + 1))
    endings.push(name.slice(space + 1));
  return endings;
}
