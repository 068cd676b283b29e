/**
 * The engine's table of the corpus's paragraphs, rebuilt whenever the corpus changes: each
 * paragraph with its article and the terms of the article's title and of its section heading
 * (what ranking weighs), the articles by key (what a paragraph reference names) and every section
 * heading (what autocomplete offers). Private to the engine (`engine.ts`).
 */
import type MiniSearch from 'minisearch';
import type { Glossary } from '../corpus/glossary.ts';
import type { Article, Paragraph } from '../corpus/types.ts';
import { tokenize, wordTerms } from '../text/terms.ts';
import type { Heading } from './complete.ts';
import { type IndexedParagraph, stateOf } from './inverted-index.ts';
import type { Headings } from './rank.ts';
import { articleKey } from './reference.ts';
import { firstAtLeast } from './sorted.ts';

/**
 * Every title and heading term: whether a query word is one, or (the word being typed) begins
 * one. A prefix is looked up in a sorted copy, made on the first such question after a change:
 * scanning thousands of terms per answer cost about a tenth of the answer path at 100k paragraphs.
 */
export class HeadingTerms {
  readonly #terms = new Set<string>();
  #sorted: string[] | undefined;

  add(term: string): void {
    this.#terms.add(term);
    this.#sorted = undefined;
  }

  clear(): void {
    this.#terms.clear();
    this.#sorted = undefined;
  }

  has(term: string): boolean {
    return this.#terms.has(term);
  }

  /** The terms beginning with `prefix`, in sorted order. */
  beginning(prefix: string): string[] {
    this.#sorted ??= [...this.#terms].sort();
    const sorted = this.#sorted;
    const first = firstAtLeast(sorted, prefix, (term) => term);
    let end = first;
    while (end < sorted.length && (sorted[end] as string).startsWith(prefix)) end++;
    return sorted.slice(first, end);
  }
}

/** A paragraph with its article and the terms of its article's title and its section heading. */
export interface Located {
  article: Article;
  paragraph: Paragraph;
  headings: Headings;
}

export class ParagraphTable {
  /** By paragraph id. The same map for the engine's life: ranking's context holds it. */
  readonly byId = new Map<string, Located>();
  /**
   * By MiniSearch's short id in the index the table was filled with (`null`: no such paragraph):
   * what ranking reads for its candidates (`RankContext.paragraphs`). Filled as ranking asks —
   * a paragraph's first lookup goes through its id — so a start pays nothing per paragraph.
   */
  #byShortId: (Located | null | undefined)[] = [];
  #idOf: ReadonlyMap<number, string> = new Map();
  /** Every title and heading term, so ranking can skip heading lookups when none applies. */
  readonly headingTerms = new HeadingTerms();
  /** Articles by `articleKey`, for paragraph references in queries. */
  readonly #articlesByKey = new Map<string, Article[]>();
  #headings: Heading[] = [];
  #articles: readonly Article[] = [];

  get articles(): readonly Article[] {
    return this.#articles;
  }

  /** Section headings in corpus order, with their terms. */
  get headings(): readonly Heading[] {
    return this.#headings;
  }

  /** The articles whose id has this `articleKey` (usually one). */
  articlesWithKey(key: string): readonly Article[] {
    return this.#articlesByKey.get(key) ?? [];
  }

  /** The paragraph of a short id of the index the table was filled with. */
  byShortId(shortId: number): Located | undefined {
    let located = this.#byShortId[shortId];
    if (located === undefined) {
      const id = this.#idOf.get(shortId);
      located = (id !== undefined && this.byId.get(id)) || null;
      this.#byShortId[shortId] = located;
    }
    return located ?? undefined;
  }

  /**
   * Refills the table for a corpus's articles, read with the glossary's spellings and numbered as
   * in `index`. `analysed` holds title and heading terms already analysed with the index
   * (`BuiltIndex.headings`, kept in its cache): a start from the cache then analyses none of them.
   */
  fill(
    articles: readonly Article[],
    glossary: Glossary,
    index: MiniSearch<IndexedParagraph>,
    analysed?: ReadonlyMap<string, string[]>,
  ): void {
    this.#articles = articles;
    this.byId.clear();
    this.#articlesByKey.clear();
    this.headingTerms.clear();
    this.#headings = [];
    this.#idOf = stateOf(index)._documentIds;
    this.#byShortId = new Array<Located | null | undefined>(stateOf(index)._nextId).fill(undefined);
    const termsOf = (text: string) =>
      analysed?.get(text) ??
      tokenize(text).flatMap((token) => wordTerms(token.surface, true, glossary.spelling));
    const none: ReadonlySet<string> = new Set();
    for (const article of articles) {
      const key = articleKey(article.id);
      this.#articlesByKey.set(key, [...this.articlesWithKey(key), article]);
      const title = new Set(termsOf(article.title));
      for (const term of title) this.headingTerms.add(term);
      // One headings object per section, shared by its paragraphs (100,000 fewer objects at 100k).
      const sections = new Map<string | null, Headings>();
      for (const heading of article.sections) {
        const terms = termsOf(heading);
        sections.set(heading, { title, section: new Set(terms) });
        for (const term of terms) this.headingTerms.add(term);
        this.#headings.push({ heading, terms });
      }
      const untitled: Headings = { title, section: none };
      for (const paragraph of article.paragraphs) {
        const headings = sections.get(paragraph.section) ?? untitled;
        this.byId.set(paragraph.id, { article, paragraph, headings });
      }
    }
  }
}
