/**
 * Which query word an index term matched for, and how well (docs/ranking.md): the quality a
 * match counts towards a paragraph's coverage in `rank.ts`.
 */
import { editDistance } from './edit-distance.ts';
import { type QueryTerm, SYNONYM_WEIGHT } from './query.ts';

/**
 * How much a match counts towards coverage, by how it matched. Re-tuned jointly with `WEIGHTS` in
 * rank.ts (docs/ranking.md, "Re-tuning the weights jointly"); one line each on why:
 * - `prefix` 0.9: the word being typed; 0.8 to 0.95 rank every judged query the same.
 * - `alias` 0.85 (glossary): below the word as typed, so that ranks first; 0.75 or less loses two
 *   judged queries, 0.95 a fresh one, 0.9 only swaps two judged questions (and gains a seed query).
 * - `variant` 0.85 (word family, correction): like an alias; 0.8 to 0.95 rank every query alike.
 * - `demonym` 0.5 (a people's word meeting its country, `demonyms.ts`): 0.3 and 0.4 miss one
 *   vocabulary gain, 0.6 and more trade another vocabulary query away (docs/ranking.md).
 * - `synonym` (`thesaurus.ts`): `SYNONYM_WEIGHT` in query.ts, which says why.
 * - `perTypo` 0.2 per edit: 0.25 and 0.3 rank every query alike, 0.1 and 0.15 move one a place.
 */
export const QUALITY = {
  exact: 1,
  prefix: 0.9,
  alias: 0.85,
  variant: 0.85,
  demonym: 0.5,
  synonym: SYNONYM_WEIGHT,
  perTypo: 0.2,
} as const;

/** The query word an index term matched for, and how well. */
interface Owner {
  term: number;
  quality: number;
  /** Matched as a synonym (`thesaurus.ts`): counts, but says nothing of how rare the word typed is. */
  synonym?: boolean;
}

/**
 * Which query word an index term matched for, and how well: exact, as another word of its family
 * (`invasion` for `invade`) or of its country group (`QueryTerm.demonyms`), as a prefix, or by typos.
 */
export function ownerFinder(terms: readonly QueryTerm[]): (indexTerm: string) => Owner | undefined {
  const owners = new Map<string, Owner | undefined>();
  return (indexTerm) => {
    if (owners.has(indexTerm)) return owners.get(indexTerm);
    let owner: Owner | undefined;
    const exact = terms.findIndex((term) => term.term === indexTerm || term.alternatives.includes(indexTerm));
    const variant = exact >= 0 ? -1 : terms.findIndex((term) => term.variants.includes(indexTerm));
    const synonym =
      exact >= 0 || variant >= 0 ? -1 : terms.findIndex((term) => term.synonyms.includes(indexTerm));
    if (exact >= 0) owner = { term: exact, quality: QUALITY.exact };
    else if (variant >= 0) {
      const country = (terms[variant] as QueryTerm).demonyms.includes(indexTerm);
      owner = { term: variant, quality: country ? QUALITY.demonym : QUALITY.variant };
    } else if (synonym >= 0) owner = { term: synonym, quality: QUALITY.synonym, synonym: true };
    else {
      const prefixed = terms.findIndex((term) => term.prefix !== null && indexTerm.startsWith(term.prefix));
      if (prefixed >= 0) owner = { term: prefixed, quality: QUALITY.prefix };
      else {
        terms.forEach((term, index) => {
          const typos = Math.min(
            ...[term.term, ...term.alternatives].map((spelling) => editDistance(spelling, indexTerm)),
          );
          const quality = Math.max(0.1, 1 - QUALITY.perTypo * typos);
          if (!owner || quality > owner.quality) owner = { term: index, quality };
        });
      }
    }
    owners.set(indexTerm, owner);
    return owner;
  };
}
