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
import { analyzeWord, tokenize, type WordTerm } from '../text/terms.ts';

/**
 * Bump whenever term processing, fields or boosts change: it is part of the cache fingerprint,
 * so a cache written by older code is rebuilt instead of answering with stale terms.
 */
export const INDEX_VERSION = 1;

/** One indexed paragraph; every field holds analyzed terms separated by spaces. */
export interface IndexedParagraph {
  id: string;
  text: string;
  section: string;
  title: string;
  /** Reader words from the glossary for phrases this paragraph contains. */
  aliases: string;
}

/**
 * Field weights. A heading that names the query is a strong signal; a title is shared by every
 * paragraph of an article so it only breaks ties between articles; glossary expansions rank
 * below the same word written in the text.
 */
export const FIELD_BOOST = { text: 1, section: 1.5, title: 0.3, aliases: 0.6 } as const;

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

function addToVocabulary(vocabulary: Vocabulary, words: readonly WordTerm[]): void {
  for (const { term, surface } of words) {
    const entry = vocabulary.get(term);
    if (entry) entry.count += 1;
    else vocabulary.set(term, { surface, count: 1 });
  }
}

/** Analyzes a text into its terms, recording each term's written form. */
function analyze(text: string, vocabulary: Vocabulary): string {
  const words = tokenize(text).flatMap((token) => analyzeWord(token.surface, true));
  addToVocabulary(vocabulary, words);
  return words.map((word) => word.term).join(' ');
}

export interface BuiltIndex {
  index: MiniSearch<IndexedParagraph>;
  vocabulary: Vocabulary;
}

export function buildIndex(articles: readonly Article[], glossary: Glossary): BuiltIndex {
  const index = new MiniSearch<IndexedParagraph>(INDEX_OPTIONS);
  const vocabulary: Vocabulary = new Map();
  for (const article of articles) {
    const title = analyze(article.title, vocabulary);
    const sections = new Map<string | null, string>([[null, '']]);
    for (const paragraph of article.paragraphs) {
      let section = sections.get(paragraph.section);
      if (section === undefined) {
        section = analyze(paragraph.section ?? '', vocabulary);
        sections.set(paragraph.section, section);
      }
      const aliasWords = glossary.findAliases(tokenize(paragraph.text)).flatMap((span) => span.words);
      addToVocabulary(vocabulary, aliasWords);
      index.add({
        id: paragraph.id,
        text: analyze(paragraph.text, vocabulary),
        section,
        title,
        aliases: aliasWords.map((word) => word.term).join(' '),
      });
    }
  }
  return { index, vocabulary };
}
