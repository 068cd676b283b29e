/**
 * The answer engine: everything the bot and the CLI say comes from here.
 *
 * It loads a corpus, builds (or loads from cache) the paragraph index, and answers a query with
 * the best paragraphs, each as a verbatim excerpt with the matched words bolded and a citation.
 * Pure of Discord: the CLI, the bot and the tests all call this class.
 */
import { join } from 'node:path';
import type { SearchResult } from 'minisearch';
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
import { sliceText } from '../text/slice.ts';
import { foldWord, tokenize, wordTerms } from '../text/terms.ts';
import { CACHE_FILE, indexFingerprint, loadIndexCache, saveIndexCache } from './cache.ts';
import { citeParagraph } from './citation.ts';
import { excerpt, highlightAll } from './excerpt.ts';
import { findHighlights, type ParagraphTerms, paragraphTerms } from './highlight.ts';
import { type BuiltIndex, buildIndex } from './index.ts';
import { buildQuery, cleanQuery, type QueryTerm, queryTerms } from './query.ts';

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
/** Discord's cap on autocomplete choices, and on the length of each. */
export const MAX_COMPLETIONS = 25;
export const MAX_COMPLETION_CHARS = 100;
const MAX_SUGGESTIONS = 3;
/** Paragraphs whose highlighting analysis is kept: the ones people keep being answered with. */
const ANALYSIS_CACHE_SIZE = 2000;

interface VocabularyEntry {
  folded: string;
  surface: string;
  count: number;
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
  readonly #paragraphs = new Map<string, { article: Article; paragraph: Paragraph }>();
  #headings: { heading: string; terms: string[] }[] = [];
  #sortedVocabulary: VocabularyEntry[] | undefined;
  /** Least recently used first: a Map keeps insertion order, and a hit is re-inserted. */
  readonly #analyses = new Map<string, ParagraphTerms>();

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
    this.#headings = [];
    this.#sortedVocabulary = undefined;
    this.#analyses.clear();
    for (const article of articles) {
      for (const paragraph of article.paragraphs) this.#paragraphs.set(paragraph.id, { article, paragraph });
      for (const heading of article.sections) {
        this.#headings.push({
          heading,
          terms: tokenize(heading).flatMap((token) => wordTerms(token.surface)),
        });
      }
    }
    this.#stats = {
      ...this.#stats,
      articles: articles.length,
      paragraphs: this.#paragraphs.size,
      terms: this.#built.index.termCount,
    };
  }

  /** The best paragraphs for a query: all terms first, any term when all of them find nothing. */
  answer(query: string, { limit = DEFAULT_LIMIT, offset = 0 }: AnswerOptions = {}): Answer {
    const cleaned = cleanQuery(query);
    const terms = queryTerms(cleaned);
    const results = this.#search(terms);
    const count = Math.min(Math.max(1, Math.trunc(limit) || DEFAULT_LIMIT), MAX_LIMIT);
    const start = Math.max(0, Math.trunc(offset) || 0);
    return {
      query: cleaned,
      total: results.length,
      results: results.slice(start, start + count).map((result) => this.#hit(result)),
      suggestions: results.length === 0 ? this.#suggest(terms) : [],
    };
  }

  /** One paragraph by id, whole, with a query's matches bolded when a query is given. */
  paragraph(id: string, query?: string): ParagraphView | undefined {
    const entry = this.#paragraphs.get(id);
    if (!entry) return undefined;
    const match = query ? this.#search(queryTerms(cleanQuery(query)), id)[0]?.match : undefined;
    const highlights = match ? findHighlights(this.#analysis(entry.paragraph), match) : [];
    return {
      ...entry,
      citation: citeParagraph(entry.article, entry.paragraph),
      markdown: highlightAll(entry.paragraph.text, highlights),
    };
  }

  /**
   * Autocomplete for a partly typed query: the text as typed, then section headings that match,
   * then completions (and near spellings) of the word being typed, most frequent first. Empty
   * input gets the section headings and the most mentioned names, as a menu of topics.
   */
  complete(partial: string, limit = MAX_COMPLETIONS): string[] {
    const typed = sliceText(cleanQuery(partial), MAX_COMPLETION_CHARS).trim();
    const choices: string[] = typed ? [typed] : [];
    const terms = queryTerms(typed);
    for (const { heading, terms: headingTerms } of this.#headings) {
      const matches = terms.every((term) =>
        headingTerms.some(
          (candidate) => candidate === term.term || (term.prefix && candidate.startsWith(term.term)),
        ),
      );
      if (matches) choices.push(heading);
    }
    const lastWord = /[\p{L}\p{N}'’-]+$/u.exec(typed)?.[0];
    if (lastWord) {
      const head = typed.slice(0, typed.length - lastWord.length);
      for (const surface of this.#completeWord(lastWord)) choices.push(head + surface);
    } else if (!typed) {
      choices.push(...this.#topNames());
    }
    const seen = new Set<string>();
    return choices
      .filter((choice) => choice.length > 0 && choice.length <= MAX_COMPLETION_CHARS)
      .filter((choice) => {
        const key = choice.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, Math.min(limit, MAX_COMPLETIONS));
  }

  #search(terms: readonly QueryTerm[], onlyId?: string): SearchResult[] {
    if (terms.length === 0) return [];
    // A title names the whole article: it may help a paragraph rank, but cannot make one a hit alone.
    const filter = (result: SearchResult) =>
      (onlyId === undefined || result.id === onlyId) &&
      Object.values(result.match).some((fields) => fields.some((field) => field !== 'title'));
    const options = { filter };
    const known = (term: string) => this.#built.vocabulary.has(term);
    const all = this.#built.index.search(buildQuery(terms, 'AND', known), options);
    if (all.length > 0 || terms.length === 1) return all;
    return this.#built.index.search(buildQuery(terms, 'OR', known), options);
  }

  #hit(result: SearchResult): Hit {
    const { article, paragraph } = this.#paragraphs.get(result.id) as {
      article: Article;
      paragraph: Paragraph;
    };
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
    let analysis = this.#analyses.get(paragraph.id);
    if (analysis) this.#analyses.delete(paragraph.id);
    else analysis = paragraphTerms(paragraph.text, this.#glossary);
    this.#analyses.set(paragraph.id, analysis);
    if (this.#analyses.size > ANALYSIS_CACHE_SIZE) {
      this.#analyses.delete(this.#analyses.keys().next().value as string);
    }
    return analysis;
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

  /** Vocabulary sorted by folded written form, for prefix lookups; built on first use. */
  #wordList(): VocabularyEntry[] {
    this.#sortedVocabulary ??= [...this.#built.vocabulary.values()]
      .map(({ surface, count }) => ({ folded: foldWord(surface), surface, count }))
      .sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : b.count - a.count));
    return this.#sortedVocabulary;
  }

  #completeWord(word: string): string[] {
    const folded = foldWord(word);
    const list = this.#wordList();
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((list[middle] as VocabularyEntry).folded < folded) low = middle + 1;
      else high = middle;
    }
    const matches: VocabularyEntry[] = [];
    for (let i = low; i < list.length && (list[i] as VocabularyEntry).folded.startsWith(folded); i++) {
      matches.push(list[i] as VocabularyEntry);
    }
    const completions = matches.sort((a, b) => b.count - a.count).map((entry) => entry.surface);
    if (completions.length < MAX_COMPLETIONS / 2) {
      const [term] = wordTerms(word);
      if (term) {
        for (const suggestion of this.#built.index.autoSuggest(term, {
          fuzzy: 0.3,
          maxFuzzy: 2,
          prefix: true,
        })) {
          for (const match of suggestion.terms) {
            const surface = this.#built.vocabulary.get(match)?.surface;
            if (surface) completions.push(surface);
          }
        }
      }
    }
    return completions;
  }

  /** The most frequent capitalised words: names of people, places and organisations. */
  #topNames(): string[] {
    return [...this.#built.vocabulary.values()]
      .filter(({ surface }) => /^\p{Lu}/u.test(surface) && surface.length > 2)
      .sort((a, b) => b.count - a.count)
      .map(({ surface }) => surface);
  }
}
