/**
 * Quoting a paragraph: the engine gives the verbatim text, where its highlights are and which
 * window of it to quote (`src/search/excerpt.ts`); a style decides how that looks. Discord gets
 * escaped markdown with the highlights in bold; a terminal gets text (`src/render/text.ts`).
 */
import type { ExcerptWindow } from '../search/excerpt.ts';
import type { Span } from '../search/highlight.ts';
import { bold, escapeMarkdown } from './markdown.ts';

/** Marks text cut short: an excerpt's cut sides, a shortened field or choice. */
export const ELLIPSIS = '…';

/** How one medium writes quoted text. */
export interface QuoteStyle {
  /** Text outside the highlights, verbatim. */
  plain(text: string): string;
  /** One highlight's text, verbatim. */
  highlight(text: string): string;
}

/** Discord: the corpus's text is shown literally, its highlights in bold. */
const MARKDOWN: QuoteStyle = {
  plain: escapeMarkdown,
  highlight: (text) => bold(escapeMarkdown(text)),
};

/** A paragraph as the engine returns it: verbatim text and its highlights (offsets into it, in order). */
export interface Highlighted {
  text: string;
  highlights: readonly Span[];
}

/** `text[window]` with the parts of highlights inside the window written as highlights. */
function written({ text, highlights }: Highlighted, window: Span, style: QuoteStyle): string {
  let out = '';
  let at = window.start;
  for (const highlight of highlights) {
    const start = Math.max(highlight.start, at);
    const end = Math.min(highlight.end, window.end);
    if (end <= start) continue;
    out += style.plain(text.slice(at, start)) + style.highlight(text.slice(start, end));
    at = end;
  }
  return out + style.plain(text.slice(at, window.end));
}

/** An excerpt: its window of the paragraph, with "…" on the sides where the paragraph was cut. */
export function quoteExcerpt(
  paragraph: Highlighted & { excerpt: ExcerptWindow },
  style: QuoteStyle = MARKDOWN,
): string {
  const { excerpt } = paragraph;
  const body = written(paragraph, excerpt, style);
  return `${excerpt.cutBefore ? ELLIPSIS : ''}${body}${excerpt.cutAfter ? ELLIPSIS : ''}`;
}

/** The whole paragraph with its highlights, for "Full paragraph". */
export function quoteParagraph(paragraph: Highlighted, style: QuoteStyle = MARKDOWN): string {
  return written(paragraph, { start: 0, end: paragraph.text.length }, style);
}
