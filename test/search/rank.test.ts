/**
 * The relevance model's weights (src/search/rank.ts) on small corpora written for these tests:
 * each test reproduces one rule of docs/ranking.md and fails without it.
 */
import { describe, expect, it } from 'vitest';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

describe('names', () => {
  it('when a name is mistyped, it still weighs as a name: its paragraph beats one holding the other, commoner words', async () => {
    const filler = 'The committee met again on Tuesday to review the figures.';
    const engine = await engineOf({
      'a.md': markdownArticle(
        'A',
        [
          'Turkmenistan skipped the summit.',
          filler,
          'The minister said that, whatever the papers wrote, the summit had gone well.',
          filler,
          'Officials said the summit agenda was not yet final.',
          filler,
        ].join('\n\n'),
      ),
    });
    // `turkmenistn` is one typo from the name, as rare as `minister`, a plain word.
    expect(first(engine.answer('turkmenistn summit minister'))).toBe('a#1');
  });
});
