/**
 * Names carried over from the paragraphs before (docs/ranking.md, rule 15).
 *
 * A news paragraph often leaves its subject to the paragraph before it: "Of the Kremlin's five
 * partners in the bloc, only Belarus…" after a paragraph naming the CSTO; "Uzbekistan … rejoined the
 * group in 2005" after one naming the CSTO. A question that names the subject ("how many partners
 * does Russia have in the CSTO") then ranks that paragraph below one that names the subject but
 * does not answer. So a query word a paragraph lacks counts, at a low quality, when one of the two
 * paragraphs before it in its article writes it inside a name (`namesIn`: people, places, bodies,
 * with the glossary's other names for them, `CSTO` for `Collective Security Treaty Organization`).
 *
 * Only names are carried: carrying every rare word of the paragraph before lost vocabulary queries
 * (a paragraph's own topic words are what it is about, not its referents). Only the head of the
 * ranking is rescored (`rank.ts`), so a paragraph holding none of the query's words does not enter.
 * Measured and not kept: an index field of the carried names (the same ranks, a third more
 * postings), a paragraph opening with an anaphor (`he`, `the bloc`…) as a condition, higher qualities.
 */
import { namesIn } from '../text/names.ts';
import type { Token } from '../text/terms.ts';
import type { ParagraphTerms } from './highlight.ts';
import type { QueryTerm } from './query.ts';

/**
 * What a carried word counts next to the word written (the other qualities in rank.ts): 0.15 and
 * 0.2 lift answers and lower none first; 0.25 and more rank a paragraph after the answer, which
 * names the subject again by carriage, above the answer (docs/ranking-experiments.md).
 */
export const CARRIED_QUALITY = 0.2;
/** How many paragraphs before carry their names: 1 misses "the bloc" two paragraphs on, 3 gains nothing more. */
const CARRIED_PARAGRAPHS = 2;

/** What carrying reads of a ranked paragraph: its article's paragraphs and its place among them. */
export interface InArticle {
  article: { paragraphs: readonly { id: string; text: string }[] };
  paragraph: { number: number };
}

/** A possessive ending, as `namesIn` drops it from a name's last word. */
const POSSESSIVE = /['’]s$/u;

/** The name terms of a paragraph, by its analysis: analyses are kept by the engine, so are these. */
const nameTermsByAnalysis = new WeakMap<ParagraphTerms, ReadonlySet<string>>();

/**
 * The terms of the names a paragraph writes (`namesIn`): each name word's terms, and the reader
 * words of a glossary phrase written within names (`CSTO` for `Collective Security Treaty Organization`).
 */
export function nameTerms(text: string, analysis: ParagraphTerms): ReadonlySet<string> {
  const known = nameTermsByAnalysis.get(analysis);
  if (known) return known;
  const tokens: Token[] = analysis.words.map(({ start, end }) => ({
    surface: text.slice(start, end),
    start,
    end,
  }));
  const nameWords = new Set(namesIn(text, tokens).flatMap((name) => name.split(/[ /]/u)));
  const terms = new Set<string>();
  const inName = tokens.map((token) => nameWords.has(token.surface.replace(POSSESSIVE, '')));
  tokens.forEach((_, at) => {
    if (inName[at]) for (const term of analysis.words[at]?.terms ?? []) terms.add(term);
  });
  // A glossary phrase counts when it lies within names: `Zatulin stated` (→ `said`) says more than who.
  for (const alias of analysis.aliases) {
    const within = tokens.every(
      (token, at) => inName[at] || token.end <= alias.start || token.start >= alias.end,
    );
    if (within) for (const word of alias.words) terms.add(word.term);
  }
  nameTermsByAnalysis.set(analysis, terms);
  return terms;
}

/**
 * The terms of the names written in the `CARRIED_PARAGRAPHS` paragraphs before `place` in its
 * article (none for its first paragraph).
 */
function carriedNames(
  place: InArticle,
  analysis: (id: string) => ParagraphTerms | undefined,
): ReadonlySet<string>[] {
  const carried: ReadonlySet<string>[] = [];
  // Paragraph numbers are 1-based: the one before number n is at index n - 2.
  for (let back = 1; back <= CARRIED_PARAGRAPHS; back++) {
    const before = place.article.paragraphs[place.paragraph.number - 1 - back];
    const analysed = before && analysis(before.id);
    if (before && analysed) carried.push(nameTerms(before.text, analysed));
  }
  return carried;
}

/**
 * What a paragraph gains, as IDF weight, for the query words it lacks that a paragraph before it
 * names: each such word's `weight` times `CARRIED_QUALITY` times how it matched there (as written,
 * or as a word of its family or country group: `quality`, as rank.ts counts those).
 */
export function carriedWeight(
  terms: readonly QueryTerm[],
  weight: readonly number[],
  lacks: (term: number) => boolean,
  place: InArticle,
  analysis: (id: string) => ParagraphTerms | undefined,
  quality: { variant: number; demonym: number },
): number {
  if (!terms.some((_, t) => lacks(t))) return 0;
  const carried = carriedNames(place, analysis);
  if (carried.length === 0) return 0;
  const named = (term: string) => carried.some((names) => names.has(term));
  let gain = 0;
  terms.forEach((term, t) => {
    if (!lacks(t)) return;
    const as =
      named(term.term) || term.alternatives.some(named)
        ? 1
        : term.demonyms.some(named)
          ? quality.demonym
          : term.variants.some(named)
            ? quality.variant
            : 0;
    gain += (weight[t] as number) * as * CARRIED_QUALITY;
  });
  return gain;
}
