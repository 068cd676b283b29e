/**
 * Word families the stemmer cannot join (src/text/families.ts), on small corpora written for
 * these tests: inflected forms that stem apart from their base word still reach the family, a
 * verb meets its noun and a noun its agent, the word as typed still ranks first, and the pairs
 * left out (a word with another frequent sense) stay apart.
 */
import { describe, expect, it } from 'vitest';
import { familyStems } from '../../src/text/families.ts';
import { wordTerms } from '../../src/text/terms.ts';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

const stemOf = (word: string) => wordTerms(word)[0] as string;
/** Whether a query word reaches a written word through its family. */
const joins = (typed: string, written: string) => familyStems(stemOf(typed)).includes(stemOf(written));

const article = (...paragraphs: string[]) => ({ 'a.md': markdownArticle('A', paragraphs.join('\n\n')) });

describe('word families', () => {
  it('when a question says "died" and the text "death toll", the paragraph is found ("died" stems to "di", not "die")', async () => {
    const engine = await engineOf(
      article('The death toll from the valley clashes rose to 41.', 'The valley road reopened in May.'),
    );
    expect(first(engine.answer('how many died in the valley clashes'))).toBe('a#1');
    expect(first(engine.answer('how many people dying'))).toBe('a#1');
  });

  // Each corpus also writes the query's own form elsewhere (the last paragraph), so the query word is
  // known to the index and never matched by typos: only its family reaches the paragraph that answers.
  it.each([
    {
      reads:
        '"brigade deployed" finds the brigade\'s deployment ("deployed" stems to "deploi", "deployment" to "deploy")',
      paragraphs: [
        'Weeks of talks ended with the deployment of the brigade to the northern valley.',
        'The brigade trained for months.',
        'Two ships were deployed to the gulf.',
      ],
      queries: ['brigade deployed'],
    },
    {
      reads: '"who explained the ferry decision" finds the paragraph giving the explanation',
      paragraphs: [
        "Reporters found the minister's explanation of the ferry decision hard to follow.",
        'The ferry decision was announced.',
        'Nobody explained the delay.',
      ],
      queries: ['who explained the ferry decision'],
    },
    {
      reads: 'a question about a fight meets the fighters, one about a killing the killers',
      paragraphs: [
        'Armed fighters held the bridge, and the killers of the mayor were never caught.',
        'The bridge was closed when the mayor opened the fair.',
        'The fight lasted a day and two men were killed in the crash.',
      ],
      queries: ['fight for the bridge', 'who killed the mayor'],
    },
  ])('$reads', async ({ paragraphs, queries }) => {
    const engine = await engineOf(article(...paragraphs));
    for (const query of queries) expect(first(engine.answer(query)), query).toBe('a#1');
  });

  it('the word as typed ranks above its family: "violence" first finds violence, "violent" first the violent storm', async () => {
    const engine = await engineOf(
      article('Violence returned to the harbour town.', 'A violent storm hit the harbour town.'),
    );
    expect(first(engine.answer('harbour town violence'))).toBe('a#1');
    expect(first(engine.answer('violent harbour town'))).toBe('a#2');
  });

  it('joins general-English families whose stems differ', () => {
    expect(joins('deployed', 'deployment')).toBe(true);
    expect(joins('explain', 'explanation')).toBe(true);
    expect(joins('violent', 'violence')).toBe(true);
    expect(joins('weaken', 'weak')).toBe(true);
    expect(joins('evacuated', 'evacuees')).toBe(true);
    expect(joins('diplomacy', 'diplomats')).toBe(true);
    expect(joins('migrate', 'migrants')).toBe(true);
  });

  it('leaves apart words with another frequent sense, and nouns that name a standing or an office', () => {
    expect(joins('founded', 'foundation')).toBe(false); // `found` is also `find`
    expect(joins('leads', 'leader')).toBe(false); // `lead to`: a cause, not a leader
    expect(joins('member', 'membership')).toBe(false);
    expect(joins('secretary', 'secretariat')).toBe(false);
    expect(joins('train', 'trainees')).toBe(false);
  });
});
