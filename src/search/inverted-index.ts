/**
 * The MiniSearch index over paragraphs.
 *
 * MiniSearch never sees raw text: every field is handed over already analyzed by
 * `src/text/terms.ts` (space-separated terms), so indexing, querying and highlighting share one
 * analyzer and MiniSearch's own tokenizer and term processing are the identity.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { Glossary } from '../corpus/glossary.ts';
import type { Article } from '../corpus/types.ts';
import { forgetMemos } from '../text/memo.ts';
import { namesIn } from '../text/names.ts';
import { analyzeWord, type Folds, type Token, tokenize, type WordTerm } from '../text/terms.ts';
import { PostingsBuilder, type TermPostings, termPostings } from './postings.ts';

/**
 * Bump whenever term processing, fields or boosts change: it is part of the cache fingerprint,
 * so a cache written by older code is rebuilt instead of answering with stale terms.
 */
export const INDEX_VERSION = 6;

/**
 * One indexed paragraph; every field holds analyzed terms separated by spaces. Only what a
 * paragraph itself says can match a query word: titles and headings are not indexed, they break
 * ties in ranking (`rank.ts`).
 */
export interface IndexedParagraph {
  id: string;
  text: string;
  /** Reader words from the glossary for phrases this paragraph contains. */
  aliases: string;
}

/** Field weights: glossary expansions rank below the same word written in the text. */
export const FIELD_BOOST = { text: 1, aliases: 0.6 } as const;

const FIELDS = Object.keys(FIELD_BOOST);
const splitTerms = (text: string) => (text ? text.split(' ') : []);
const identity = (term: string) => term;

export const INDEX_OPTIONS: Options<IndexedParagraph> = {
  idField: 'id',
  fields: FIELDS,
  storeFields: [],
  tokenize: splitTerms,
  processTerm: identity,
  searchOptions: { tokenize: splitTerms, processTerm: identity, boost: { ...FIELD_BOOST } },
  autoSuggestOptions: { tokenize: splitTerms, processTerm: identity },
};

/** Surface form and frequency of each indexed term, for "did you mean" and autocomplete. */
export type Vocabulary = Map<string, { surface: string; count: number }>;

function countWords(vocabulary: Vocabulary, words: readonly WordTerm[], delta: 1 | -1): void {
  for (const { term, surface } of words) {
    const entry = vocabulary.get(term);
    if (!entry) {
      if (delta > 0) vocabulary.set(term, { surface, count: 1 });
    } else {
      entry.count += delta;
      if (entry.count <= 0) vocabulary.delete(term);
    }
  }
}

/**
 * A written word's terms, kept for one build: a corpus repeats its words (1.8 million words, 78,000
 * distinct, in 30,000 paragraphs), and each is analysed once instead of every time it is written.
 */
type WordMemo = Map<string, WordTerm[]>;

function analyzeTokens(tokens: readonly Token[], folds: Folds, memo: WordMemo): WordTerm[] {
  const words: WordTerm[] = [];
  for (const { surface } of tokens) {
    let terms = memo.get(surface);
    if (terms === undefined) {
      terms = analyzeWord(surface, true, folds);
      memo.set(surface, terms);
    }
    for (const term of terms) words.push(term);
  }
  return words;
}

const termsOf = (words: readonly WordTerm[]) => words.map((word) => word.term);

/** A word of the vocabulary as autocomplete lists it (`listed.ts`). */
export interface ListedWord {
  /** The word as written, folded: what a typed prefix is compared with. */
  folded: string;
  surface: string;
  count: number;
}

export interface BuiltIndex {
  index: MiniSearch<IndexedParagraph>;
  vocabulary: Vocabulary;
  /**
   * The terms of every article title and section heading, by text: analysed with the index (and
   * kept in its cache), so the engine's heading lookups cost no analysis at start.
   */
  headings: Map<string, string[]>;
  /** How many paragraphs name each name (`names.ts`). */
  names: Map<string, number>;
  /** Derived for autocomplete (`listed.ts`): the names most written about, and the vocabulary in prefix order. */
  offered?: readonly string[];
  listed?: readonly ListedWord[];
}

/**
 * An article's analyzed fields: the title and each section once, every paragraph's text and
 * aliases (each paragraph tokenized once for both).
 */
function analyzeArticle(article: Article, glossary: Glossary, memo: WordMemo = new Map()) {
  const analyze = (text: string) => analyzeTokens(tokenize(text), glossary.spelling, memo);
  const sections = new Map<string | null, WordTerm[]>([[null, []]]);
  for (const section of article.sections) sections.set(section, analyze(section));
  return {
    title: analyze(article.title),
    sections,
    paragraphs: article.paragraphs.map((paragraph) => {
      const tokens = tokenize(paragraph.text);
      return {
        paragraph,
        text: analyzeTokens(tokens, glossary.spelling, memo),
        aliases: glossary.findAliases(tokens).flatMap((span) => span.words),
        names: namesIn(paragraph.text, tokens),
      };
    }),
  };
}

function vocabularyOf(analyzed: ReturnType<typeof analyzeArticle>): WordTerm[][] {
  return [
    analyzed.title,
    ...analyzed.sections.values(),
    ...analyzed.paragraphs.flatMap(({ text, aliases }) => [text, aliases]),
  ];
}

function countNames(built: BuiltIndex, analyzed: ReturnType<typeof analyzeArticle>, delta: 1 | -1): void {
  for (const { names } of analyzed.paragraphs) {
    for (const name of names) {
      const count = (built.names.get(name) ?? 0) + delta;
      if (count > 0) built.names.set(name, count);
      else built.names.delete(name);
    }
  }
}

/** Keeps an article's title and headings analysed (never removed: a text's terms do not change). */
function keepHeadings(
  built: BuiltIndex,
  article: Article,
  analyzed: ReturnType<typeof analyzeArticle>,
): void {
  built.headings.set(article.title, termsOf(analyzed.title));
  for (const section of article.sections)
    built.headings.set(section, termsOf(analyzed.sections.get(section) ?? []));
}

/** What autocomplete derived from the vocabulary and the names no longer holds once an article comes or goes. */
function forgetListed(built: BuiltIndex): void {
  built.offered = undefined;
  built.listed = undefined;
}

export function addArticle(built: BuiltIndex, article: Article, glossary: Glossary): void {
  forgetListed(built);
  const analyzed = analyzeArticle(article, glossary);
  keepHeadings(built, article, analyzed);
  for (const words of vocabularyOf(analyzed)) countWords(built.vocabulary, words, 1);
  countNames(built, analyzed, 1);
  for (const { paragraph, text, aliases } of analyzed.paragraphs) {
    built.index.add({ id: paragraph.id, text: termsOf(text).join(' '), aliases: termsOf(aliases).join(' ') });
  }
}

/** Takes an article out of the index (MiniSearch `discard`: no need for the original document). */
export function removeArticle(built: BuiltIndex, article: Article, glossary: Glossary): void {
  forgetListed(built);
  const analyzed = analyzeArticle(article, glossary);
  for (const words of vocabularyOf(analyzed)) countWords(built.vocabulary, words, -1);
  countNames(built, analyzed, -1);
  for (const paragraph of article.paragraphs) {
    if (built.index.has(paragraph.id)) built.index.discard(paragraph.id);
  }
}

/**
 * MiniSearch's in-memory state, by its (7.x) names: what a whole-index build fills in one pass
 * and what the cache saves and restores (`cache.ts`) without going through `add` or `loadJSON`.
 */
export interface MiniSearchState {
  /** The radix tree of terms (`SearchableMap`); `_tree` is its root node. */
  _index: {
    set(term: string, postings: TermPostings): unknown;
    /** The terms beginning with `prefix` (a view of the tree: iterating its first is cheap). */
    atPrefix(prefix: string): Iterable<unknown>;
    _tree: Map<string, unknown>;
    /** The number of terms, counted by walking the whole tree when unset. */
    _size: number | undefined;
  };
  _documentCount: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  addDocumentId(id: string): number;
  addFieldLength(shortId: number, fieldId: number, count: number, length: number): void;
}

export const stateOf = (index: MiniSearch<IndexedParagraph>) => index as unknown as MiniSearchState;

/**
 * Builds the whole index in one pass: the same index `MiniSearch.add` would build paragraph by
 * paragraph (same numbering, field lengths, averages, terms in the same order, same postings), but
 * with each term's postings gathered in a hash map and stored in compact lists (`postings.ts`),
 * then put in MiniSearch's radix tree once per term instead of once per written word.
 */
export function buildIndex(articles: readonly Article[], glossary: Glossary): BuiltIndex {
  const index = new MiniSearch<IndexedParagraph>(INDEX_OPTIONS);
  const state = stateOf(index);
  const built: BuiltIndex = { index, vocabulary: new Map(), headings: new Map(), names: new Map() };
  const postings = new PostingsBuilder(FIELDS.length);
  const memo: WordMemo = new Map();
  for (const article of articles) {
    const analyzed = analyzeArticle(article, glossary, memo);
    keepHeadings(built, article, analyzed);
    for (const words of vocabularyOf(analyzed)) countWords(built.vocabulary, words, 1);
    countNames(built, analyzed, 1);
    for (const { paragraph, text, aliases } of analyzed.paragraphs) {
      if (index.has(paragraph.id)) throw new Error(`MiniSearch: duplicate ID ${paragraph.id}`);
      const doc = state.addDocumentId(paragraph.id);
      [text, aliases].forEach((words, field) => {
        const distinct = postings.add(doc, field, termsOf(words));
        state.addFieldLength(doc, field, state._documentCount - 1, distinct);
      });
    }
  }
  const { terms, packed } = postings.finish();
  terms.forEach((term, at) => {
    state._index.set(term, termPostings(packed, at));
  });
  state._index._size = terms.length;
  // The corpus's words are analysed now; kept, the memos would hold about 0.2 KB per paragraph.
  forgetMemos();
  return built;
}
