/**
 * The MiniSearch index over paragraphs.
 *
 * MiniSearch never sees raw text: every field is handed over already analyzed by
 * `src/text/terms.ts` (space-separated terms), so indexing, querying and highlighting share one
 * analyzer and MiniSearch's own tokenizer and term processing are the identity.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Glossary } from '../corpus/glossary.ts';
import type { Article } from '../corpus/types.ts';
import { forgetMemos } from '../text/memo.ts';
import { analyzeWord, type Folds, tokenize, type WordTerm } from '../text/terms.ts';

/**
 * Bump whenever term processing, fields or boosts change: it is part of the cache fingerprint,
 * so a cache written by older code is rebuilt instead of answering with stale terms.
 */
export const INDEX_VERSION = 2;

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

const analyze = (text: string, folds: Folds): WordTerm[] =>
  tokenize(text).flatMap((token) => analyzeWord(token.surface, true, folds));
const termsOf = (words: readonly WordTerm[]) => words.map((word) => word.term).join(' ');

export interface BuiltIndex {
  index: MiniSearch<IndexedParagraph>;
  vocabulary: Vocabulary;
}

/** An article's analyzed fields: the title and each section once, every paragraph's text and aliases. */
function analyzeArticle(article: Article, glossary: Glossary) {
  const { spelling } = glossary;
  const sections = new Map<string | null, WordTerm[]>([[null, []]]);
  for (const section of article.sections) sections.set(section, analyze(section, spelling));
  return {
    title: analyze(article.title, spelling),
    sections,
    paragraphs: article.paragraphs.map((paragraph) => ({
      paragraph,
      text: analyze(paragraph.text, spelling),
      aliases: glossary.findAliases(tokenize(paragraph.text)).flatMap((span) => span.words),
    })),
  };
}

function vocabularyOf(analyzed: ReturnType<typeof analyzeArticle>): WordTerm[][] {
  return [
    analyzed.title,
    ...analyzed.sections.values(),
    ...analyzed.paragraphs.flatMap(({ text, aliases }) => [text, aliases]),
  ];
}

export function addArticle(built: BuiltIndex, article: Article, glossary: Glossary): void {
  const analyzed = analyzeArticle(article, glossary);
  for (const words of vocabularyOf(analyzed)) countWords(built.vocabulary, words, 1);
  for (const { paragraph, text, aliases } of analyzed.paragraphs) {
    built.index.add({ id: paragraph.id, text: termsOf(text), aliases: termsOf(aliases) });
  }
}

/** Takes an article out of the index (MiniSearch `discard`: no need for the original document). */
export function removeArticle(built: BuiltIndex, article: Article, glossary: Glossary): void {
  const analyzed = analyzeArticle(article, glossary);
  for (const words of vocabularyOf(analyzed)) countWords(built.vocabulary, words, -1);
  for (const paragraph of article.paragraphs) {
    if (built.index.has(paragraph.id)) built.index.discard(paragraph.id);
  }
}

export function buildIndex(articles: readonly Article[], glossary: Glossary): BuiltIndex {
  const built: BuiltIndex = { index: new MiniSearch<IndexedParagraph>(INDEX_OPTIONS), vocabulary: new Map() };
  for (const article of articles) addArticle(built, article, glossary);
  // The corpus's words are analysed now; kept, the memos would hold about 0.2 KB per paragraph.
  forgetMemos();
  return built;
}

/**
 * A built index as plain data: what the reload worker sends back (the cache file holds the index's
 * own structures instead: `cache.ts`).
 */
export interface PlainIndex {
  index: AsPlainObject;
  vocabulary: [term: string, surface: string, count: number][];
}

export function toPlainIndex(built: BuiltIndex): PlainIndex {
  return {
    index: built.index.toJSON(),
    vocabulary: [...built.vocabulary].map(([term, { surface, count }]) => [term, surface, count]),
  };
}

const vocabularyOfPlain = (plain: PlainIndex): Vocabulary =>
  new Map(plain.vocabulary.map(([term, surface, count]) => [term, { surface, count }]));

/** Restores a plain index in slices, giving way to other work in between (a running bot's reload). */
export async function fromPlainIndexAsync(plain: PlainIndex): Promise<BuiltIndex> {
  return {
    index: await MiniSearch.loadJSAsync(plain.index, INDEX_OPTIONS),
    vocabulary: vocabularyOfPlain(plain),
  };
}
