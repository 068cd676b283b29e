/**
 * Autocomplete: what to offer while a reader types, best first.
 *
 * 1. Answer previews: the best paragraphs for what is typed so far (the same ranking as an
 *    answer), each carrying a paragraph reference (`reference.ts`) so that picking it answers
 *    with that paragraph first.
 * 2. The text as typed, then completions of the word being typed taken from the best-ranked
 *    paragraphs' matched words — so a completion always occurs with the rest of the query, and
 *    near spellings come only from the answer path's own typo tolerance, never from a fuzzy
 *    search of their own. A single word being typed is also completed from the vocabulary,
 *    most frequent first (a prefix-sorted list built once per index version).
 * 3. Section headings holding every typed word.
 * An empty box gets the section headings and the names most written about.
 *
 * How choices look and Discord's limits are `src/render/choices.ts`'s business.
 */
import { foldWord, HYPHENS, isNumericTerm, POSSESSIVE, tokenize } from '../text/terms.ts';
import type { ListedWord, Vocabulary } from './inverted-index.ts';
import type { QueryTerm } from './query.ts';
import type { Ranked } from './rank.ts';
import { firstAtLeast, keepBest } from './sorted.ts';

export type Completion =
  | {
      kind: 'answer';
      /** What was typed (a query without a reference). */
      query: string;
      /** The paragraph reference token to append to `query` (`¶8` or `¶8:k3x9ab`). */
      reference: string;
      paragraph: number;
      /** The article's title when the corpus has several articles, else null. */
      title: string | null;
      /** The paragraph from its first matched word on, verbatim. */
      snippet: string;
    }
  | { kind: 'query'; text: string };

/** Answer previews offered first. */
const PREVIEWS = 3;
/** Best-ranked paragraphs whose matched words become completions of the word being typed. */
const COMPLETION_SOURCES = 50;

/** A section heading and its terms, as the engine lists them. */
export interface Heading {
  heading: string;
  terms: readonly string[];
}

/** Vocabulary and headings as autocomplete reads them: built once per index version. */
export class WordLists {
  readonly #vocabulary: Vocabulary;
  /** The vocabulary by folded word (`listedWords`). */
  readonly #listed: readonly ListedWord[];
  /** The names most written about, most first (`offeredNames`). */
  readonly names: readonly string[];
  readonly headings: readonly Heading[];
  #headingIndex: HeadingIndex | undefined;

  constructor(
    vocabulary: Vocabulary,
    listed: readonly ListedWord[],
    names: readonly string[],
    headings: readonly Heading[],
  ) {
    this.#vocabulary = vocabulary;
    this.#listed = listed;
    this.names = names;
    this.headings = headings;
  }

  surface(term: string): string | undefined {
    return this.#vocabulary.get(term)?.surface;
  }

  /**
   * The `max` most frequent words of the corpus beginning with a folded prefix, most frequent
   * first (ties in alphabetical order). A short prefix begins thousands of words: they are
   * scanned once, never sorted.
   */
  beginningWith(prefix: string, max: number): ListedWord[] {
    const list = this.#listed;
    function* begun() {
      for (let i = firstAtLeast(list, prefix, (word) => word.folded); i < list.length; i++) {
        const word = list[i] as ListedWord;
        if (!word.folded.startsWith(prefix)) return;
        yield word;
      }
    }
    // The more frequent first; ties keep the list's alphabetical order.
    return keepBest(begun(), max, (a, b) => b.count - a.count);
  }

  /**
   * The headings holding every query word (or, for the word being typed, a word it begins), in
   * the engine's order, each text once. Looked up in a sorted list of heading terms: a corpus of
   * thousands of sections is not scanned per keystroke.
   */
  headingsHolding(terms: readonly QueryTerm[]): string[] {
    this.#headingIndex ??= headingIndex(this.headings);
    const index = this.#headingIndex;
    if (terms.length === 0) return index.texts;
    const holding = terms
      .map((term) => {
        const found = new Set<number>(index.byTerm.get(term.term));
        const prefix = term.prefix;
        if (prefix === null) return found;
        for (let i = firstAtLeast(index.terms, prefix, (t) => t); i < index.terms.length; i++) {
          const candidate = index.terms[i] as string;
          if (!candidate.startsWith(prefix)) break;
          for (const at of index.byTerm.get(candidate) ?? []) found.add(at);
        }
        return found;
      })
      .sort((a, b) => a.size - b.size);
    const [fewest, ...others] = holding as [Set<number>, ...Set<number>[]];
    return [...fewest]
      .filter((at) => others.every((set) => set.has(at)))
      .sort((a, b) => a - b)
      .map((at) => index.texts[at] as string);
  }
}

/** Distinct heading texts and, for each heading term, which of them hold it. */
interface HeadingIndex {
  texts: string[];
  byTerm: Map<string, number[]>;
  /** The keys of `byTerm`, sorted: a prefix's terms are a run of them. */
  terms: string[];
}

function headingIndex(headings: readonly Heading[]): HeadingIndex {
  const seen = new Set<string>();
  const texts: string[] = [];
  const byTerm = new Map<string, number[]>();
  for (const { heading, terms } of headings) {
    // Choices are told apart case-insensitively: a second spelling of a heading is never shown.
    const key = heading.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const at = texts.push(heading) - 1;
    for (const term of new Set(terms)) {
      const holding = byTerm.get(term);
      if (holding) holding.push(at);
      else byTerm.set(term, [at]);
    }
  }
  return { texts, byTerm, terms: [...byTerm.keys()].sort() };
}

/** What completing needs from the engine. */
export interface CompletionContext {
  lists: WordLists;
  /** The query's terms, as the engine analyses them. */
  terms: (text: string) => QueryTerm[];
  /** The best `depth` paragraphs for a text, as `answer` ranks them. */
  rank: (text: string, depth: number) => readonly Ranked[];
  /** An answer preview of a ranked paragraph for `query`. */
  preview: (hit: Ranked, query: string) => Completion;
}

/** Choices for a cleaned partial query; `typing` is false when the box ends in a space. */
export function complete(
  typed: string,
  typing: boolean,
  limit: number,
  context: CompletionContext,
): Completion[] {
  const query = (text: string): Completion => ({ kind: 'query', text });
  if (!typed) {
    // Half sections, half names, so a corpus with many sections still shows who it is about.
    const headings = context.lists.headings.slice(0, Math.ceil(limit / 2)).map(({ heading }) => heading);
    return dedupe([...headings, ...context.lists.names].map(query), limit);
  }
  const ranked = context.rank(typed, COMPLETION_SOURCES);
  const choices: Completion[] = ranked.slice(0, PREVIEWS).map((hit) => context.preview(hit, typed));
  choices.push(query(typed));

  const terms = context.terms(typed);
  // The word being typed as the tokenizer reads it (`7,6` is one word, not `6`), and of a hyphenated
  // word its last part, which is its own term: `nagorno-kar` completes to `nagorno-Karabakh`.
  // A word ending in a possessive (`russia's`) is finished: completing it would drop the `'s` (a text
  // ending in an apostrophe, `allies'`, ends in no word).
  const token = typing ? tokenize(typed).at(-1) : undefined;
  const lastWord = token?.end === typed.length ? token.surface.split(HYPHENS).at(-1) : undefined;
  const finished = lastWord !== undefined && POSSESSIVE.test(lastWord);
  // The last term is the word being typed only if that word is searched: a function word
  // (`for`, `the`) has no term, and completing the term before it would replace what was typed.
  const last = terms.at(-1);
  if (lastWord && !finished && last && (last.prefix !== null || last.written === foldWord(lastWord))) {
    const head = typed.slice(0, typed.length - lastWord.length);
    for (const surface of completionsOf(last, ranked)) choices.push(query(head + surface));
    // A word typed with nothing else to search (`cs`, `what is the cs`) is completed from the
    // vocabulary, even a word too short to search as a prefix: `CSTO` from `cs`.
    const begun = last.prefix ?? last.written;
    if (begun !== undefined && terms.every((term) => term === last || term.auxiliary)) {
      // Twice the choices shown: enough however many of them repeat a completion above.
      for (const word of context.lists.beginningWith(begun, 2 * limit))
        choices.push(query(head + word.surface));
    }
  }
  for (const heading of context.lists.headingsHolding(terms)) choices.push(query(heading));
  return dedupe(choices, limit);

  /**
   * The typed word's matches in the best paragraphs that also hold another query word (any
   * paragraph when the rest has no searchable word), weighted by their scores, as written.
   */
  function completionsOf(term: QueryTerm, hits: readonly Ranked[]): string[] {
    // A number word folded to its figure (`seventieth` is `70th`) is typed when its surface is.
    const prefix = term.prefix;
    const isTyped = (indexTerm: string) =>
      indexTerm === term.term ||
      (prefix !== null &&
        (indexTerm.startsWith(prefix) ||
          (isNumericTerm(indexTerm) && foldWord(context.lists.surface(indexTerm) ?? '').startsWith(prefix))));
    const alone = terms.every((other) => other === term || other.auxiliary);
    const weights = new Map<string, number>();
    for (const hit of hits.slice(0, COMPLETION_SOURCES)) {
      const matched = Object.keys(hit.match);
      if (!alone && matched.every(isTyped)) continue;
      for (const indexTerm of matched.filter(isTyped)) {
        weights.set(indexTerm, (weights.get(indexTerm) ?? 0) + hit.score);
      }
    }
    return [...weights]
      .sort((a, b) => b[1] - a[1])
      .map(([indexTerm]) => context.lists.surface(indexTerm))
      .filter((surface) => surface !== undefined);
  }
}

function dedupe(choices: readonly Completion[], limit: number): Completion[] {
  const seen = new Set<string>();
  const kept: Completion[] = [];
  for (const choice of choices) {
    const key = choice.kind === 'answer' ? choice.reference : choice.text.toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(choice);
    if (kept.length === limit) break;
  }
  return kept;
}
