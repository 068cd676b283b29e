/**
 * "Did you mean": near spellings of a query's words that do occur in the corpus, written as the
 * corpus writes them, for a question that matched nothing. Private to the engine (`engine.ts`).
 */
import type { BuiltIndex } from './inverted-index.ts';
import type { QueryTerm } from './query.ts';

const MAX_SUGGESTIONS = 3;

export function didYouMean({ index, vocabulary }: BuiltIndex, terms: readonly QueryTerm[]): string[] {
  if (terms.length === 0) return [];
  const query = terms.map((term) => term.term).join(' ');
  const suggestions = index.autoSuggest(query, {
    fuzzy: 0.4,
    maxFuzzy: 2,
    prefix: true,
    combineWith: 'OR',
  });
  const seen = new Set<string>();
  const written: string[] = [];
  for (const suggestion of suggestions) {
    const text = suggestion.terms.map((term) => vocabulary.get(term)?.surface ?? term).join(' ');
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    written.push(text);
    if (written.length === MAX_SUGGESTIONS) break;
  }
  return written;
}
