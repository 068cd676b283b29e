import { quoteExcerpt } from '../../src/render/quote.ts';
import type { Hit } from '../../src/search/engine.ts';

/** A result's excerpt as the bot posts it (Discord markdown, matches in bold); '' when there is no result. */
export function excerptOf(hit: Hit | undefined): string {
  return hit ? quoteExcerpt(hit) : '';
}
