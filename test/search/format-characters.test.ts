/** Invisible format characters are the same nothing in a question as in the corpus. */
import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/search/engine.ts';
import { makeCorpus, markdownArticle, SHIPPED_CORPUS } from '../support/corpus.ts';

describe('format characters in queries and corpus', () => {
  it('a soft hyphen, zero-width space or joiner inside a query word finds what the plain word finds', async () => {
    const engine = await AnswerEngine.open({ corpusDir: SHIPPED_CORPUS });
    const plain = engine.answer('Armenia', { limit: 10 });
    expect(plain.total).toBeGreaterThan(5);
    for (const mark of ['\u00ad', '\u200b', '\u200d', '\u2060']) {
      const marked = engine.answer(`Arme${mark}nia`, { limit: 10 });
      expect(marked.total, JSON.stringify(mark)).toBe(plain.total);
      expect(marked.results.map((hit) => hit.paragraph)).toEqual(plain.results.map((hit) => hit.paragraph));
      expect(marked.query).toBe('Armenia');
    }
  });

  it('a soft hyphen inside a corpus word: found by the plain word, and by the word with one', async () => {
    const engine = await AnswerEngine.open({
      corpusDir: makeCorpus({ 'a.md': markdownArticle('A', 'Delegates from Tajik\u00adistan arrived.') }),
    });
    expect(engine.answer('Tajikistan').total).toBe(1);
    expect(engine.answer('Tajik\u00adistan').total).toBe(1);
  });
});
