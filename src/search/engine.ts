/**
 * The answer engine: everything the bot and the CLI say comes from here.
 *
 * It loads a corpus, builds (or loads from cache) the paragraph index, and answers a query with
 * the best paragraphs, each as structure: the verbatim paragraph, where the matched words are in
 * it, the window to quote, and a citation. Pure of Discord and of any markup: the CLI, the bot
 * and the tests all call this class, and `src/render/` decides how an answer looks.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Glossary } from '../corpus/glossary.ts';
import {
  type Corpus,
  type CorpusProblem,
  corpusFingerprint,
  loadCorpus,
  problemLogMessage,
} from '../corpus/load.ts';
import type { Article } from '../corpus/types.ts';
import { loadEnglishWords } from '../text/english.ts';
import { startsWithCapital } from '../text/terms.ts';
import { CACHE_FILE, CACHE_MISS_MESSAGE, indexFingerprint, loadIndexCache, saveIndexCache } from './cache.ts';
import { type Completion, complete, WordLists } from './complete.ts';
import { asksWhy } from './discourse.ts';
import { questionFocus } from './focus.ts';
import { type Hit, HitBuilder, type ParagraphView } from './hits.ts';
import { type BuiltIndex, buildIndex } from './inverted-index.ts';
import { listedWords, offeredNames } from './listed.ts';
import { ParagraphTable } from './paragraphs.ts';
import { cleanQuery, type QueryTerm, queryTerms } from './query.ts';
import { type RankContext, type Ranked, type Ranking, type RankOptions, rank } from './rank.ts';
import { RecentRankings } from './recent.ts';
import { type ParagraphReference, splitReference } from './reference.ts';
import { inEnglish } from './russian.ts';
import { questionShape } from './shape.ts';
import { didYouMean } from './suggest.ts';

export type { Completion } from './complete.ts';
export type { ExcerptWindow } from './excerpt.ts';
export type { Span } from './highlight.ts';
export type { Hit, ParagraphView } from './hits.ts';
export { RECENT_QUESTIONS } from './recent.ts';

/** The best paragraphs for a query, as structure: `src/render/` decides how they look. */
export interface Answer {
  /** The query as searched: cleaned and possibly shortened. */
  query: string;
  /** How many paragraphs matched in all. */
  total: number;
  /** Best first; `limit` of them starting at `offset`. */
  results: Hit[];
  /** "Did you mean" alternatives, only when nothing matched. */
  suggestions: string[];
}

/** Which page of an answer to return. */
export interface AnswerOptions {
  /** Results to return, 1–10 (default 3). */
  limit?: number;
  /** Results to skip, for "More" (default 0). */
  offset?: number;
}

/** What the engine holds, for status and logs. */
export interface EngineStats {
  articles: number;
  paragraphs: number;
  /** Distinct terms in the index. */
  terms: number;
  /** Milliseconds spent building the index, or loading it from the cache. */
  indexMs: number;
  indexSource: 'built' | 'cache';
}

export interface OpenOptions {
  /** The corpus directory: `.md`/`.txt` articles and the glossaries (`src/corpus/load.ts`). */
  corpusDir: string;
  /** Where the index cache lives; omitted, the index is always built and never saved. */
  dataDir?: string;
  /** Where skipped files and cache trouble are reported; omitted, nothing is logged. */
  logger?: Logger;
}

/** Results per answer when the caller does not say. */
const DEFAULT_LIMIT = 3;
/** The most results one answer returns (a page of "More"). */
export const MAX_LIMIT = 10;
/** Autocomplete suggestions when the caller does not say how many (a renderer asks for what it can show). */
const DEFAULT_COMPLETIONS = 20;

/** A change to the corpus, already read and parsed: see `LiveCorpus`. */
export interface CorpusChange {
  /** Articles added or changed. */
  upserts: readonly Article[];
  /** Files whose articles are gone. */
  removedFiles: readonly string[];
  /** A changed glossary (what highlighting uses). */
  glossary?: Glossary;
  /** Hash of every file now answering, by name. */
  files: ReadonlyMap<string, string>;
  /** Files that failed to parse; their previous version keeps answering. */
  problems: readonly CorpusProblem[];
  /** The whole new index, built off the event loop (the reload worker). */
  built: BuiltIndex;
}

/** Only the engine's own factories construct it: they know where the corpus and its index come from. */
const CONSTRUCT: unique symbol = Symbol('AnswerEngine');

export class AnswerEngine {
  #problems: readonly CorpusProblem[];
  #glossary: Glossary;
  #built: BuiltIndex;
  #files: ReadonlyMap<string, string>;
  #stats: EngineStats;
  readonly #table = new ParagraphTable();
  /** Autocomplete's word lists, built on first use after each change of the index. */
  #lists: WordLists | undefined;
  readonly #hits: HitBuilder;
  readonly #recent = new RecentRankings({
    search: (text, options) => this.#search(text, options),
    suggest: (text) => didYouMean(this.#built, this.#terms(text)),
  });

  /** Use `open`, `fromCorpus` or `fromLoadedIndex`; `key` keeps every other module out. */
  constructor(
    key: typeof CONSTRUCT,
    corpus: Corpus,
    built: BuiltIndex,
    timing: Pick<EngineStats, 'indexMs' | 'indexSource'>,
  ) {
    if (key !== CONSTRUCT) throw new TypeError('AnswerEngine is made by AnswerEngine.open or fromCorpus');
    this.#problems = corpus.problems;
    this.#glossary = corpus.glossary;
    this.#built = built;
    // Derived at start (a cache or a reload brings them derived), not on a reader's first keystroke.
    offeredNames(built);
    listedWords(built);
    this.#files = corpus.files;
    this.#stats = { articles: 0, paragraphs: 0, terms: 0, ...timing };
    this.#hits = new HitBuilder(this.#table, corpus.glossary);
    this.#setArticles(corpus.articles);
  }

  get articles(): readonly Article[] {
    return this.#table.articles;
  }

  /** Files (and glossary lines) that were skipped, with the reason. */
  get problems(): readonly CorpusProblem[] {
    return this.#problems;
  }

  get stats(): EngineStats {
    return this.#stats;
  }

  /** Hash of every corpus file the answers come from, by name. */
  get files(): ReadonlyMap<string, string> {
    return this.#files;
  }

  /** Builds the engine for an already loaded corpus, without touching the disk. */
  static fromCorpus(corpus: Corpus): AnswerEngine {
    const started = performance.now();
    const built = buildIndex(corpus.articles, corpus.glossary);
    return new AnswerEngine(CONSTRUCT, corpus, built, {
      indexMs: performance.now() - started,
      indexSource: 'built',
    });
  }

  /** An engine over an index loaded from the cache: what `open` does on a cache hit. */
  static fromLoadedIndex(corpus: Corpus, built: BuiltIndex, loadMs: number): AnswerEngine {
    return new AnswerEngine(CONSTRUCT, corpus, built, { indexMs: loadMs, indexSource: 'cache' });
  }

  /**
   * Loads the corpus directory and the index: from the cache under `dataDir` when it matches the
   * corpus, otherwise built and saved. Files that cannot be parsed are logged and skipped. The
   * English dictionary that spelling correction consults is read meanwhile (`english.ts`), so no
   * answer waits for it.
   */
  static async open({ corpusDir, dataDir, logger }: OpenOptions): Promise<AnswerEngine> {
    const [corpus] = await Promise.all([loadCorpus(corpusDir), loadEnglishWords()]);
    for (const problem of corpus.problems) logger?.warn(problem, problemLogMessage(problem));
    if (!dataDir) return AnswerEngine.fromCorpus(corpus);

    const cachePath = join(dataDir, CACHE_FILE);
    const paragraphCount = corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
    const started = performance.now();
    const cached = await loadIndexCache(cachePath, indexFingerprint(corpus.fingerprint), paragraphCount);
    if (typeof cached !== 'string')
      return AnswerEngine.fromLoadedIndex(corpus, cached, performance.now() - started);
    logger?.info({ cache: cachePath, reason: cached }, CACHE_MISS_MESSAGE[cached]);
    const engine = AnswerEngine.fromCorpus(corpus);
    await engine.saveCache(dataDir, logger);
    return engine;
  }

  /** Saves the index for the next start (or the next shard); a failure only costs that start time. */
  async saveCache(dataDir: string, logger?: Logger): Promise<void> {
    const cachePath = join(dataDir, CACHE_FILE);
    try {
      await saveIndexCache(cachePath, indexFingerprint(corpusFingerprint(this.#files)), this.#built);
    } catch (error) {
      logger?.warn({ cache: cachePath, err: error }, 'could not save the index cache; answering without it');
    }
  }

  /**
   * Applies a corpus change whose index was built elsewhere (`LiveCorpus`'s worker). Synchronous on
   * purpose: queries run on the same event loop, so none can see the corpus half swapped.
   */
  update(change: CorpusChange): void {
    const byFile = new Map(this.articles.map((article) => [article.file, article]));
    for (const file of change.removedFiles) byFile.delete(file);
    for (const article of change.upserts) byFile.set(article.file, article);
    if (change.glossary) this.#glossary = change.glossary;
    this.#built = change.built;
    this.#files = change.files;
    this.#problems = change.problems;
    this.#stats = { ...this.#stats, indexSource: 'built' };
    this.#setArticles([...byFile.values()].sort((a, b) => a.file.localeCompare(b.file)));
  }

  #setArticles(articles: readonly Article[]): void {
    this.#table.fill(articles, this.#glossary, this.#built.index, this.#built.headings);
    this.#lists = undefined;
    this.#hits.reset(this.#glossary);
    this.#recent.clear();
    this.#stats = {
      ...this.#stats,
      articles: articles.length,
      paragraphs: this.#table.byId.size,
      terms: this.#built.index.termCount,
    };
  }

  /**
   * The best paragraphs for a query, ranked by the relevance model (`rank.ts`, docs/ranking.md).
   * A paragraph reference at the end of the query (`… ¶8`, see `reference.ts`: what an
   * autocomplete preview sends) puts that paragraph first.
   */
  answer(query: string, { limit = DEFAULT_LIMIT, offset = 0 }: AnswerOptions = {}): Answer {
    const cleaned = cleanQuery(query);
    const { text, reference } = splitReference(cleaned);
    const count = Math.min(Math.max(1, Math.trunc(limit) || DEFAULT_LIMIT), MAX_LIMIT);
    const start = Math.max(0, Math.trunc(offset) || 0);
    const recent = this.#recent.question(text, start + count);
    const { ranked, total } = reference ? this.#pin(recent.ranking, reference, text) : recent.ranking;
    return {
      query: cleaned,
      total,
      results: ranked.slice(start, start + count).map((result) => this.#hits.hit(result)),
      suggestions: total === 0 ? recent.suggestions : [],
    };
  }

  /** One paragraph by id, whole, with where a query matched in it when a query is given. */
  paragraph(id: string, query?: string): ParagraphView | undefined {
    const entry = this.#table.byId.get(id);
    if (!entry) return undefined;
    // Opened from an answer: its matches are usually among the question's ranked ones.
    const text = query === undefined ? '' : splitReference(cleanQuery(query)).text;
    const match = query
      ? (this.#recent.kept(text)?.ranked.find((hit) => hit.id === id)?.match ?? this.#matchOf(text, id))
      : undefined;
    return this.#hits.view(entry, match);
  }

  /**
   * Autocomplete for a partly typed query (`complete.ts`): previews of the best paragraphs, whose
   * reference makes `answer` put them first; the text as typed; completions of the word being
   * typed that occur with the rest of the query; matching section headings. An empty box gets
   * the section headings and the most mentioned names.
   */
  complete(partial: string, limit = DEFAULT_COMPLETIONS): Completion[] {
    const typed = splitReference(cleanQuery(partial)).text;
    const typing = !/\s$/u.test(partial);
    this.#lists ??= new WordLists(
      this.#built.vocabulary,
      listedWords(this.#built),
      offeredNames(this.#built),
      this.#table.headings,
    );
    return complete(typed, typing, Math.max(1, Math.trunc(limit) || DEFAULT_COMPLETIONS), {
      lists: this.#lists,
      terms: (text) => this.#terms(text),
      rank: (text, depth) => this.#recent.typed(text, depth),
      preview: (hit, query) => this.#hits.preview(hit, query),
    });
  }

  /** A query's terms, with Cyrillic words read in English (`russian.ts`). */
  #terms(text: string): QueryTerm[] {
    return queryTerms(text, this.#glossary.spelling, this.#glossary.russian);
  }

  #search(text: string, options: RankOptions): Ranking {
    const context = { ...this.#rankContext, index: this.#built.index };
    const english = inEnglish(text, this.#glossary.russian);
    const focus = questionFocus(english);
    const focusTerm = focus === null ? null : (this.#terms(focus)[0]?.term ?? null);
    return rank(this.#terms(text), questionShape(english), context, {
      ...options,
      why: asksWhy(english),
      focus: focusTerm,
    });
  }

  /** The index terms a query matched in one paragraph (empty when none), for its highlights. */
  #matchOf(text: string, id: string): Ranked['match'] {
    return this.#search(text, { depth: 1, onlyId: id }).ranked[0]?.match ?? {};
  }

  readonly #rankContext: Omit<RankContext, 'index'> = {
    known: (term) => this.#built.vocabulary.has(term),
    frequency: (term) => this.#built.vocabulary.get(term)?.count ?? 0,
    isName: (term) => startsWithCapital(this.#built.vocabulary.get(term)?.surface ?? ''),
    headingTerms: this.#table.headingTerms,
    paragraphs: (shortId) => this.#table.byShortId(shortId),
    analysis: (id) => {
      const entry = this.#table.byId.get(id);
      return entry && this.#hits.analysis(entry.paragraph);
    },
  };

  /** Moves the referenced paragraph to the front (adding it when the text alone did not find it). */
  #pin({ ranked, total }: Ranking, reference: ParagraphReference, text: string): Ranking {
    const candidates = reference.article
      ? this.#table.articlesWithKey(reference.article).map((article) => `${article.id}#${reference.number}`)
      : this.articles.length === 1
        ? [`${this.articles[0]?.id}#${reference.number}`]
        : ranked
            .filter((hit) => this.#table.byId.get(hit.id)?.paragraph.number === reference.number)
            .map((hit) => hit.id);
    const id = candidates.find((candidate) => this.#table.byId.has(candidate));
    if (id === undefined) return { ranked, total };
    const found = ranked.find((hit) => hit.id === id);
    const match = found?.match ?? this.#matchOf(text, id);
    const pinned = { id, score: Math.max(found?.score ?? 0, ranked[0]?.score ?? 0), match };
    // Counted already when the text matched it (in the head or further down).
    const added = found || Object.keys(match).length > 0 ? 0 : 1;
    return { ranked: [pinned, ...ranked.filter((hit) => hit.id !== id)], total: total + added };
  }
}
