/**
 * Word families the stemmer cannot join (src/text/families.ts), on a small corpus written for
 * this test: inflected forms that stem apart from their base word still reach the family.
 */
import { describe, expect, it } from 'vitest';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

describe('word families', () => {
  it('when a question says "died" and the text "death toll", the paragraph is found ("died" stems to "di", not "die")', async () => {
    const engine = await engineOf({
      'a.md': markdownArticle(
        'A',
        ['The death toll from the valley clashes rose to 41.', 'The valley road reopened in May.'].join(
          '\n\n',
        ),
      ),
    });
    expect(first(engine.answer('how many died in the valley clashes'))).toBe('a#1');
    expect(first(engine.answer('how many people dying'))).toBe('a#1');
  });
});
