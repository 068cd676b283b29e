/**
 * Paragraph references inside a query: how an autocomplete preview carries its paragraph.
 *
 * Discord sends a picked choice's `value` back as the query, so a preview's value is the text
 * typed so far plus a reference token at the end — `¶8` (the paragraph number) in a one-article
 * corpus, `¶8:k3x9ab` (number and a six-character key of the article id) with several. The engine
 * answers such a query with that paragraph first, then the rest ranked by the text; the CLI reads
 * the same value the same way. A `¶8` without a key means "paragraph 8 of whichever article
 * ranks best for the text".
 */

export interface ParagraphReference {
  number: number;
  /** `articleKey` of the article, or null when the token names the number alone. */
  article: string | null;
}

const TOKEN = /(?:^|\s)¶(\d{1,5})(?::([0-9a-z]{6}))?$/u;

/** A short, stable key of an article id (FNV-1a, base 36): collisions are resolved by rank. */
export function articleKey(articleId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < articleId.length; i++) {
    hash ^= articleId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}

/** The token for a paragraph; `withArticle` false in a one-article corpus. */
export function referenceToken(articleId: string, number: number, withArticle: boolean): string {
  return withArticle ? `¶${number}:${articleKey(articleId)}` : `¶${number}`;
}

/** Splits a trailing reference token off a cleaned query. */
export function splitReference(query: string): { text: string; reference: ParagraphReference | null } {
  const found = TOKEN.exec(query);
  if (!found) return { text: query, reference: null };
  return {
    text: query.slice(0, found.index).trimEnd(),
    reference: { number: Number(found[1]), article: found[2] ?? null },
  };
}
