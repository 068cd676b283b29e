import { quoteExcerpt } from '../../src/render/quote.ts';
import type { Hit } from '../../src/search/engine.ts';

/** A result's excerpt as the bot posts it (Discord markdown, matches in bold); '' when there is no result. */
export function excerptOf(hit: Hit | undefined): string {
  return hit ? quoteExcerpt(hit) : '';
}

/**
 * A hit on a one-paragraph article `a`, for renderers' tests: the paragraph quoted whole with the
 * given highlights unless `excerpt` says otherwise.
 */
export function hitOn(text: string, fields: Partial<Hit> = {}): Hit {
  return {
    id: 'a#1',
    articleId: 'a',
    title: 'A',
    paragraph: 1,
    section: null,
    score: 1,
    text,
    highlights: [],
    excerpt: { start: 0, end: text.length, cutBefore: false, cutAfter: false },
    citation: 'A, ¶1',
    url: null,
    article: {
      id: 'a',
      title: 'A',
      source: null,
      published: null,
      url: null,
      rights: null,
      license: null,
      inferred: [],
      file: 'a.md',
    },
    ...fields,
  };
}
