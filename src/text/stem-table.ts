/**
 * Building the word tables a query term is expanded by (`families.ts`, `demonyms.ts`,
 * `thesaurus.ts`): each is written as lines of words and read as stems, since a query term is a stem.
 */
import { wordTerms } from './terms.ts';

/** The distinct stems of space-separated words, in order (`Kazakh Kazakhstani` → `kazakh`, `kazakhstani`). */
export function stemsOf(words: string): string[] {
  return [
    ...new Set(
      words
        .trim()
        .split(/\s+/u)
        .flatMap((word) => wordTerms(word)),
    ),
  ];
}

/**
 * A table from a stem to the stems it is expanded with, filled by `relate` while it is built:
 * each stem keeps the order its relations were added in, without repeats or itself.
 */
export function stemTable(fill: (relate: (from: readonly string[], to: readonly string[]) => void) => void) {
  const table = new Map<string, Set<string>>();
  fill((from, to) => {
    for (const stem of from) {
      const related = table.get(stem) ?? new Set<string>();
      for (const other of to) if (other !== stem) related.add(other);
      table.set(stem, related);
    }
  });
  const frozen: ReadonlyMap<string, readonly string[]> = new Map(
    [...table].map(([stem, related]) => [stem, [...related]]),
  );
  return (term: string): readonly string[] => frozen.get(term) ?? [];
}
