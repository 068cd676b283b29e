/**
 * What the engine hands back for a ranked paragraph: a cited hit with its highlights and excerpt
 * window, the whole paragraph opened from an answer, an autocomplete preview. Structure only:
 * offsets into the verbatim text, never markup (`src/render/` decides how they look). Keeps the
 * highlighting analysis of recently cited paragraphs. Private to the engine (`engine.ts`), which
 * re-exports the types.
 */
import type { Glossary } from '../corpus/glossary.ts';
import type { Article, ArticleMeta, Paragraph } from '../corpus/types.ts';
import { citeParagraph } from './citation.ts';
import type { Completion } from './complete.ts';
import { type ExcerptWindow, excerptWindow } from './excerpt.ts';
import {
  findHighlights,
  type Highlight,
  type MatchedTerms,
  type ParagraphTerms,
  paragraphTerms,
  type Span,
} from './highlight.ts';
import { Lru } from './lru.ts';
import type { Located, ParagraphTable } from './paragraphs.ts';
import type { Ranked } from './rank.ts';
import { referenceToken } from './reference.ts';

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
  /** Where the query matched: offsets into `text`, in order, never overlapping. */
  highlights: Span[];
  /** The best window of `text` to quote, and whether it cuts the paragraph before or after. */
  excerpt: ExcerptWindow;
  citation: string;
  /** The article's URL, only when the source material states one. */
  url: string | null;
  /** The cited article's metadata, for renderers that lay the citation out themselves. */
  article: ArticleMeta;
}

/** One paragraph, whole, as "Full paragraph" shows it. */
export interface ParagraphView {
  article: Article;
  paragraph: Paragraph;
  citation: string;
  /** Where the query matched in `paragraph.text` (offsets, in order); none without a query. */
  highlights: Span[];
}

/** Paragraphs whose highlighting analysis is kept: the ones people keep being answered with. */
const ANALYSIS_CACHE_SIZE = 2000;

/** A highlight as callers see it: where it is, not which term it matched. */
function span({ start, end }: Highlight): Span {
  return { start, end };
}

export class HitBuilder {
  readonly #table: ParagraphTable;
  #glossary: Glossary;
  readonly #analyses = new Lru<string, ParagraphTerms>(ANALYSIS_CACHE_SIZE);

  constructor(table: ParagraphTable, glossary: Glossary) {
    this.#table = table;
    this.#glossary = glossary;
  }

  /** After a corpus change: highlight with its glossary, forget every analysis. */
  reset(glossary: Glossary): void {
    this.#glossary = glossary;
    this.#analyses.clear();
  }

  /** The paragraph re-tokenised with every word's terms and its glossary phrases (kept). */
  analysis(paragraph: Paragraph): ParagraphTerms {
    return (
      this.#analyses.get(paragraph.id) ??
      this.#analyses.set(paragraph.id, paragraphTerms(paragraph.text, this.#glossary))
    );
  }

  #highlights(paragraph: Paragraph, match: MatchedTerms): Highlight[] {
    return findHighlights(this.analysis(paragraph), match);
  }

  hit(result: Ranked): Hit {
    const { article, paragraph } = this.#table.byId.get(result.id) as Located;
    const highlights = this.#highlights(paragraph, result.match);
    return {
      id: paragraph.id,
      articleId: article.id,
      title: article.title,
      paragraph: paragraph.number,
      section: paragraph.section,
      score: Math.round(result.score * 1000) / 1000,
      text: paragraph.text,
      highlights: highlights.map(span),
      excerpt: excerptWindow(paragraph.text, highlights),
      citation: citeParagraph(article, paragraph),
      url: article.url,
      article,
    };
  }

  /** A located paragraph, whole, with the terms a query matched in it highlighted (none without). */
  view(entry: Located, match: MatchedTerms | undefined): ParagraphView {
    const highlights = match ? this.#highlights(entry.paragraph, match) : [];
    return {
      ...entry,
      citation: citeParagraph(entry.article, entry.paragraph),
      highlights: highlights.map(span),
    };
  }

  /** An autocomplete preview of a ranked paragraph: its text from the first matched word on. */
  preview(hit: Ranked, query: string): Completion {
    const { article, paragraph } = this.#table.byId.get(hit.id) as Located;
    const from = this.#highlights(paragraph, hit.match)[0]?.start ?? 0;
    const several = this.#table.articles.length > 1;
    return {
      kind: 'answer',
      query,
      reference: referenceToken(article.id, paragraph.number, several),
      paragraph: paragraph.number,
      title: several ? article.title : null,
      snippet: paragraph.text.slice(from),
    };
  }
}
