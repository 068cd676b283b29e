/**
 * What a user could pick instead of this engine, over the same paragraphs, for the benchmark to
 * measure side by side: MiniSearch with its defaults (the library the engine is built on, used
 * plainly), and FlexSearch (the fastest JavaScript full-text library).
 *
 * Both index a paragraph's text, its section heading and its article's title. Each answers a
 * question with its own ranked list and completes a partly typed one with its own prefix search:
 * MiniSearch's `autoSuggest` (all words, the last as a prefix), FlexSearch's search over an index
 * built with the `forward` tokenizer (every word's prefixes indexed, context off: its defaults
 * otherwise). Neither builds excerpts, citations or suggestions: they show the floor a search
 * library sets, not a finished answer.
 */
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Article } from '../src/corpus/types.ts';

export interface Peer {
  name: string;
  /** Ranked matches for a question: how many. */
  answer(query: string): number;
  /** Completions for a partly typed question: how many. */
  complete(partial: string): number;
}

interface PlainDocument {
  id: string;
  text: string;
  section: string | null;
  title: string;
}

function documents(articles: readonly Article[]): PlainDocument[] {
  return articles.flatMap((article) =>
    article.paragraphs.map((paragraph) => ({
      id: paragraph.id,
      text: paragraph.text,
      section: paragraph.section,
      title: article.title,
    })),
  );
}

export function plainMiniSearch(articles: readonly Article[]): Peer {
  const index = new MiniSearch<PlainDocument>({ fields: ['text', 'section', 'title'] });
  index.addAll(documents(articles));
  return {
    name: 'plain MiniSearch',
    answer: (query) => index.search(query).length,
    complete: (partial) => index.autoSuggest(partial).length,
  };
}

/** Results FlexSearch returns per query: its ranked top, which is all a reader sees. */
const FLEX_LIMIT = 100;
const FLEX_COMPLETIONS = 25;

export function flexSearch(articles: readonly Article[]): Peer {
  const index = new FlexSearch.Index({ tokenize: 'forward', context: false });
  let id = 0;
  for (const { text, section, title } of documents(articles)) {
    index.add(id++, `${title}\n${section ?? ''}\n${text}`);
  }
  return {
    name: 'FlexSearch',
    // `suggest`: when not every word matches, the best partial matches (the engine's "any word").
    answer: (query) => index.search(query, { limit: FLEX_LIMIT, suggest: true }).length,
    complete: (partial) => index.search(partial, { limit: FLEX_COMPLETIONS, suggest: true }).length,
  };
}
