/**
 * The answer engine: everything the bot and the CLI say comes from here.
 *
 * It loads a corpus, builds (or loads from cache) the paragraph index, and answers a query with
 * the best paragraphs, each as a verbatim excerpt with the matched words bolded and a citation.
 * Pure of Discord: the CLI, the bot and the tests all call this class.
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
import type { Article, ArticleMeta, Paragraph } from '../corpus/types.ts';
import { tokenize, wordTerms } from '../text/terms.ts';
import { CACHE_FILE, indexFingerprint, loadIndexCache, saveIndexCache } from './cache.ts';
import { citeParagraph } from './citation.ts';
import { type Completion, complete, WordLists } from './complete.ts';
import { excerpt, highlightAll } from './excerpt.ts';
import { findHighlights, type ParagraphTerms, paragraphTerms } from './highlight.ts';
import { type BuiltIndex, buildIndex } from './inverted-index.ts';
import { Lru } from './lru.ts';
import { cleanQuery, type QueryTerm, queryTerms } from './query.ts';
import {
  type Headings,
  type RankContext,
  type Ranked,
  type Ranking,
  type RankOptions,
  rank,
} from './rank.ts';
import { articleKey, type ParagraphReference, referenceToken, splitReference } from './reference.ts';
import { inEnglish } from './russian.ts';
import { questionShape } from './shape.ts';

export type { Completion } from './complete.ts';

/** One cited paragraph of an answer. */
export interface Hit {
  /** Paragraph id, `<articleId>#<number>`. */
  id: string;
  articleId: string;
  title: string;
  paragraph: number;
  section: string | null;
  score: number;
  /** The whole paragraph, verbatim. */
  text: string;
  /** Discord markdown: the best window of the paragraph, matched words in bold. */
  excerpt: string;
  citation: string;
  /** The article's URL, only when the source material states one. */
  url: string | null;
  /** The cited article's metadata, for renderers that lay the citation out themselves. */
  article: ArticleMeta;
}

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

export interface AnswerOptions {
  /** Results to return, 1–10 (default 3). */
  limit?: number;
  /** Results to skip, for "More" (default 0). */
  offset?: number;
}

export interface ParagraphView {
  article: Article;
  paragraph: Paragraph;
  citation: string;
  /** The whole paragraph as Discord markdown, with the query's matches bolded when a query is given. */
  markdown: string;
}

export interface EngineStats {
  articles: number;
  paragraphs: number;
  terms: number;
  /** Milliseconds spent building the index, or loading it from the cache. */
  indexMs: number;
  indexSource: 'built' | 'cache';
}

export interface OpenOptions {
  corpusDir: string;
  /** Where the index cache lives; omitted, the index is always built and never saved. */
  dataDir?: string;
  logger?: Logger;
}

export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;
/** Autocomplete choices when the caller does not say (the bot asks for Discord's cap). */
const DEFAULT_COMPLETIONS = 20;
const MAX_SUGGESTIONS = 3;
/** Enough of a paragraph for a preview's name; the renderer cuts it to fit. */
const SNIPPET_CHARS = 160;
/** Paragraphs whose highlighting analysis is kept: the ones people keep being answered with. */
const ANALYSIS_CACHE_SIZE = 2000;
/**
 * Questions whose ranked matches are kept, so that "More", a paragraph opened from an answer and
 * a repeated question cost no search. Ranking orders only a head of the matches (`rank.ts`: at
 * least its heading window, 200), so that head is what is kept, with the total and the
 * suggestions: a few tens of kilobytes per question.
 */
export const RECENT_QUESTIONS = 64;
/**
 * Autocomplete rankings kept by the text they rank: the text a keystroke ranks is the one before
 * it when the key was a space (a trailing space is trimmed; only the completions differ), and a
 * reader who deletes a letter goes back to a text just ranked. A few suffice: one person's last
 * keystrokes, or a few people's at once.
 */
const RECENT_COMPLETIONS = 16;
/** The depth a kept question is ranked to: ten pages of the largest page. */
const RANKED_KEPT = 100;

/** A recent question's ranking, as far as anyone pages, and its "did you mean". */
interface Recent {
  ranking: Ranking;
  suggestions: string[];
}

/** A paragraph with its article and the terms of its article's title and its section heading. */
interface Located {
  article: Article;
  paragraph: Paragraph;
  headings: Headings;
}

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

export class AnswerEngine {
  #articles: readonly Article[] = [];
  #problems: readonly CorpusProblem[];
  #glossary: Glossary;
  #built: BuiltIndex;
  #files: ReadonlyMap<string, string>;
  #stats: EngineStats;
  readonly #paragraphs = new Map<string, Located>();
  /** Every title and heading term, so ranking can skip heading lookups when none applies. */
  readonly #headingTerms = new Set<string>();
  /** Articles by `articleKey`, for paragraph references in queries. */
  readonly #articlesByKey = new Map<string, Article[]>();
  #headings: { heading: string; terms: string[] }[] = [];
  /** Autocomplete's word lists, built on first use after each change of the index. */
  #lists: WordLists | undefined;
  readonly #analyses = new Lru<string, ParagraphTerms>(ANALYSIS_CACHE_SIZE);
  /** By the question's text (after any paragraph reference): what ranking reads. */
  readonly #recentQuestions = new Lru<string, Recent>(RECENT_QUESTIONS);
  /** By the typed text (after any paragraph reference): what autocomplete ranked for it. */
  readonly #recentCompletions = new Lru<string, Ranking>(RECENT_COMPLETIONS);

  private constructor(
    corpus: Corpus,
    built: BuiltIndex,
    timing: Pick<EngineStats, 'indexMs' | 'indexSource'>,
  ) {
    this.#problems = corpus.problems;
    this.#glossary = corpus.glossary;
    this.#built = built;
    this.#files = corpus.files;
    this.#stats = { articles: 0, paragraphs: 0, terms: 0, ...timing };
    this.#setArticles(corpus.articles);
  }

  get articles(): readonly Article[] {
    return this.#articles;
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
    return new AnswerEngine(corpus, built, { indexMs: performance.now() - started, indexSource: 'built' });
  }

  /** An engine over an index loaded from the cache: what `open` does on a cache hit. */
  static fromLoadedIndex(corpus: Corpus, built: BuiltIndex, loadMs: number): AnswerEngine {
    return new AnswerEngine(corpus, built, { indexMs: loadMs, indexSource: 'cache' });
  }

  /**
   * Loads the corpus directory and the index: from the cache under `dataDir` when it matches the
   * corpus, otherwise built and saved. Files that cannot be parsed are logged and skipped.
   */
  static async open({ corpusDir, dataDir, logger }: OpenOptions): Promise<AnswerEngine> {
    const corpus = await loadCorpus(corpusDir);
    for (const problem of corpus.problems) logger?.warn(problem, problemLogMessage(problem));
    if (!dataDir) return AnswerEngine.fromCorpus(corpus);

    const cachePath = join(dataDir, CACHE_FILE);
    const paragraphCount = corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
    const started = performance.now();
    const cached = await loadIndexCache(cachePath, indexFingerprint(corpus.fingerprint), paragraphCount);
    if (typeof cached !== 'string')
      return AnswerEngine.fromLoadedIndex(corpus, cached, performance.now() - started);
    logger?.info({ cache: cachePath, reason: cached }, 'building the index');
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
    const byFile = new Map(this.#articles.map((article) => [article.file, article]));
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
    this.#articles = articles;
    this.#paragraphs.clear();
    this.#articlesByKey.clear();
    this.#headingTerms.clear();
    this.#headings = [];
    this.#lists = undefined;
    this.#analyses.clear();
    this.#recentQuestions.clear();
    this.#recentCompletions.clear();
    const termsOf = (text: string) =>
      tokenize(text).flatMap((token) => wordTerms(token.surface, true, this.#glossary.spelling));
    const none: ReadonlySet<string> = new Set();
    for (const article of articles) {
      const key = articleKey(article.id);
      this.#articlesByKey.set(key, [...(this.#articlesByKey.get(key) ?? []), article]);
      const title = new Set(termsOf(article.title));
      for (const term of title) this.#headingTerms.add(term);
      const sections = new Map<string | null, ReadonlySet<string>>();
      for (const heading of article.sections) {
        const terms = termsOf(heading);
        sections.set(heading, new Set(terms));
        for (const term of terms) this.#headingTerms.add(term);
        this.#headings.push({ heading, terms });
      }
      for (const paragraph of article.paragraphs) {
        const section = sections.get(paragraph.section) ?? none;
        this.#paragraphs.set(paragraph.id, { article, paragraph, headings: { title, section } });
      }
    }
    this.#stats = {
      ...this.#stats,
      articles: articles.length,
      paragraphs: this.#paragraphs.size,
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
    const recent = this.#recent(text);
    const kept =
      start + count <= recent.ranking.ranked.length || recent.ranking.ranked.length === recent.ranking.total;
    const ranking = kept ? recent.ranking : this.#search(text, { depth: start + count });
    const { ranked, total } = reference ? this.#pin(ranking, reference, text) : ranking;
    return {
      query: cleaned,
      total,
      results: ranked.slice(start, start + count).map((result) => this.#hit(result)),
      suggestions: total === 0 ? recent.suggestions : [],
    };
  }

  /** A question's ranking: from the recent questions, or searched and kept. */
  #recent(text: string): Recent {
    const kept = this.#recentQuestions.get(text);
    if (kept) return kept;
    const ranking = this.#search(text, { depth: RANKED_KEPT });
    const suggestions = ranking.total === 0 ? this.#suggest(this.#terms(text)) : [];
    return this.#recentQuestions.set(text, { ranking, suggestions });
  }

  /** One paragraph by id, whole, with a query's matches bolded when a query is given. */
  paragraph(id: string, query?: string): ParagraphView | undefined {
    const entry = this.#paragraphs.get(id);
    if (!entry) return undefined;
    // Opened from an answer: its matches are usually among the question's ranked ones.
    const text = query === undefined ? '' : splitReference(cleanQuery(query)).text;
    const match = query
      ? (this.#recentQuestions.get(text)?.ranking.ranked.find((hit) => hit.id === id)?.match ??
        this.#matchOf(text, id))
      : undefined;
    const highlights = match ? findHighlights(this.#analysis(entry.paragraph), match) : [];
    return {
      ...entry,
      citation: citeParagraph(entry.article, entry.paragraph),
      markdown: highlightAll(entry.paragraph.text, highlights),
    };
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
    this.#lists ??= new WordLists(this.#built.vocabulary, this.#headings);
    return complete(typed, typing, Math.max(1, Math.trunc(limit) || DEFAULT_COMPLETIONS), {
      lists: this.#lists,
      terms: (text) => this.#terms(text),
      rank: (text, depth) => this.#rankTyped(text, depth),
      preview: (hit, query) => this.#preview(hit, query),
    });
  }

  /** What autocomplete ranks: kept from a recent keystroke or question of the same text when deep enough. */
  #rankTyped(text: string, depth: number): readonly Ranked[] {
    const kept = this.#recentCompletions.get(text) ?? this.#recentQuestions.get(text)?.ranking;
    const deepEnough = kept && (kept.ranked.length >= depth || kept.ranked.length === kept.total);
    const ranking = deepEnough ? kept : this.#search(text, { depth });
    return this.#recentCompletions.set(text, ranking).ranked;
  }

  #preview(hit: Ranked, query: string): Completion {
    const { article, paragraph } = this.#paragraphs.get(hit.id) as Located;
    const highlights = findHighlights(this.#analysis(paragraph), hit.match);
    const from = highlights[0]?.start ?? 0;
    return {
      kind: 'answer',
      query,
      reference: referenceToken(article.id, paragraph.number, this.#articles.length > 1),
      paragraph: paragraph.number,
      title: this.#articles.length > 1 ? article.title : null,
      snippet: paragraph.text.slice(from, from + SNIPPET_CHARS),
    };
  }

  /** A query's terms, with Cyrillic words read in English (`russian.ts`). */
  #terms(text: string): QueryTerm[] {
    return queryTerms(text, this.#glossary.spelling, this.#glossary.russian);
  }

  #search(text: string, options: RankOptions): Ranking {
    const context = { ...this.#rankContext, index: this.#built.index };
    const shape = questionShape(inEnglish(text, this.#glossary.russian));
    return rank(this.#terms(text), shape, context, options);
  }

  /** The index terms a query matched in one paragraph (empty when none), for its highlights. */
  #matchOf(text: string, id: string): Ranked['match'] {
    return this.#search(text, { depth: 1, onlyId: id }).ranked[0]?.match ?? {};
  }

  readonly #rankContext: Omit<RankContext, 'index'> = {
    known: (term) => this.#built.vocabulary.has(term),
    frequency: (term) => this.#built.vocabulary.get(term)?.count ?? 0,
    isName: (term) => /^\p{Lu}/u.test(this.#built.vocabulary.get(term)?.surface ?? ''),
    paragraphs: this.#paragraphs,
    headingTerms: this.#headingTerms,
    locate: (id) => {
      const entry = this.#paragraphs.get(id);
      return (
        entry && { articleId: entry.article.id, number: entry.paragraph.number, text: entry.paragraph.text }
      );
    },
    analysis: (id) => {
      const entry = this.#paragraphs.get(id);
      return entry && this.#analysis(entry.paragraph);
    },
  };

  /** Moves the referenced paragraph to the front (adding it when the text alone did not find it). */
  #pin({ ranked, total }: Ranking, reference: ParagraphReference, text: string): Ranking {
    const candidates = reference.article
      ? (this.#articlesByKey.get(reference.article) ?? []).map(
          (article) => `${article.id}#${reference.number}`,
        )
      : this.#articles.length === 1
        ? [`${this.#articles[0]?.id}#${reference.number}`]
        : ranked
            .filter((hit) => this.#paragraphs.get(hit.id)?.paragraph.number === reference.number)
            .map((hit) => hit.id);
    const id = candidates.find((candidate) => this.#paragraphs.has(candidate));
    if (id === undefined) return { ranked, total };
    const found = ranked.find((hit) => hit.id === id);
    const match = found?.match ?? this.#matchOf(text, id);
    const pinned = { id, score: Math.max(found?.score ?? 0, ranked[0]?.score ?? 0), match };
    // Counted already when the text matched it (in the head or further down).
    const added = found || Object.keys(match).length > 0 ? 0 : 1;
    return { ranked: [pinned, ...ranked.filter((hit) => hit.id !== id)], total: total + added };
  }

  #hit(result: Ranked): Hit {
    const { article, paragraph } = this.#paragraphs.get(result.id) as Located;
    const highlights = findHighlights(this.#analysis(paragraph), result.match);
    return {
      id: paragraph.id,
      articleId: article.id,
      title: article.title,
      paragraph: paragraph.number,
      section: paragraph.section,
      score: Math.round(result.score * 1000) / 1000,
      text: paragraph.text,
      excerpt: excerpt(paragraph.text, highlights),
      citation: citeParagraph(article, paragraph),
      url: article.url,
      article,
    };
  }

  #analysis(paragraph: Paragraph): ParagraphTerms {
    return (
      this.#analyses.get(paragraph.id) ??
      this.#analyses.set(paragraph.id, paragraphTerms(paragraph.text, this.#glossary))
    );
  }

  /** Near spellings of the query's words that do occur in the corpus, written as the corpus writes them. */
  #suggest(terms: readonly QueryTerm[]): string[] {
    if (terms.length === 0) return [];
    const query = terms.map((term) => term.term).join(' ');
    const suggestions = this.#built.index.autoSuggest(query, {
      fuzzy: 0.4,
      maxFuzzy: 2,
      prefix: true,
      combineWith: 'OR',
    });
    const seen = new Set<string>();
    const written: string[] = [];
    for (const suggestion of suggestions) {
      const text = suggestion.terms
        .map((term) => this.#built.vocabulary.get(term)?.surface ?? term)
        .join(' ');
      const key = text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      written.push(text);
      if (written.length === MAX_SUGGESTIONS) break;
    }
    return written;
  }
}
