/**
 * Correcting a misspelt word as written, before stemming (`correct.ts`): what the stem's typo
 * budget cannot reach (`leving` stems to `leve`, two edits from `leave`'s `leav`).
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { type CorpusWords, correction, oneEditAway, withCorrections } from '../../src/search/correct.ts';
import { buildIndex } from '../../src/search/inverted-index.ts';
import { queryTerms } from '../../src/search/query.ts';
import { wordTerms } from '../../src/text/terms.ts';
import { makeCorpus, markdownArticle } from '../support/corpus.ts';
import { engineOf } from '../support/engine.ts';

/** How often a small corpus of sentences uses each stem. */
function frequencyOf(sentences: readonly string[]): (term: string) => number {
  const counts = new Map<string, number>();
  for (const sentence of sentences)
    for (const word of sentence.split(/\s+/))
      for (const term of wordTerms(word)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return (term) => counts.get(term) ?? 0;
}

const SENTENCES = [
  'Officials said the country was not leaving the alliance.',
  'Talk of leaving grew louder after the summit, and some urged the government to leave.',
  'Living costs rose in the capital.',
  'The border guards were on the level crossing.',
];

describe('oneEditAway', () => {
  it('holds every deletion, swap, replacement and insertion, and not the word itself', () => {
    const edits = oneEditAway('leving');
    for (const spelling of ['leaving', 'living', 'elving', 'levng', 'levings'])
      expect(edits).toContain(spelling);
    expect(edits).not.toContain('leving');
    expect(edits).not.toContain('leavings');
  });
});

describe('correction', () => {
  const frequency = frequencyOf(SENTENCES);

  it('when a common word is mistyped in a way its stem hides, it is corrected to the stem the corpus uses most', () => {
    expect(correction('leving', 'leve', frequency)).toBe('leav');
  });

  it('when a word is English, it is left alone even though the corpus never uses it', () => {
    // `lending` is one edit from `leving`'s neighbours, but a word of its own.
    expect(correction('lending', 'lend', frequency)).toBeNull();
    expect(correction('sparked', 'spark', frequencyOf(['The spare tyre was flat.']))).toBeNull();
  });

  it('when a word is short, or not in Latin letters, or nothing one edit away is in the corpus, there is no correction', () => {
    expect(correction('lev', 'lev', frequency)).toBeNull();
    expect(correction('левинг', 'левинг', frequency)).toBeNull();
    expect(correction('qwxyzz', 'qwxyzz', frequency)).toBeNull();
  });
});

describe('withCorrections', () => {
  /** The corpus words of an index built over the sentences, as ranking reads them. */
  async function corpusOf(sentences: readonly string[]): Promise<CorpusWords> {
    const corpus = await loadCorpus(makeCorpus({ 'a.md': markdownArticle('A', sentences) }));
    const { index, vocabulary } = buildIndex(corpus.articles, corpus.glossary);
    return {
      index,
      known: (term) => vocabulary.has(term),
      frequency: (term) => vocabulary.get(term)?.count ?? 0,
    };
  }

  it('adds the correction of a word the corpus does not hold, and leaves known words alone', async () => {
    const corpus = await corpusOf(SENTENCES);
    const typed = queryTerms('alliance leving capital ');
    const [alliance, leving, capital] = withCorrections(typed, corpus);
    expect(leving?.variants).toContain('leav');
    expect(alliance).toBe(typed[0]);
    expect(capital).toBe(typed[2]);
  });

  it('leaves the word being typed alone while the corpus has words it begins, and corrects it when none', async () => {
    const corpus = await corpusOf(SENTENCES);
    const unfinished = queryTerms('the allia');
    expect(withCorrections(unfinished, corpus)[0]).toBe(unfinished[0]);
    const [mistyped] = withCorrections(queryTerms('the leving'), corpus);
    expect(mistyped?.prefix).toBe('leving');
    expect(mistyped?.variants).toContain('leav');
  });

  it('corrects by the corpus it is given: a new index, new words', async () => {
    const typed = queryTerms('leving ');
    expect(withCorrections(typed, await corpusOf(SENTENCES))[0]?.variants).toContain('leav');
    const other = await corpusOf(['Living costs rose in the capital.', 'People living there left.']);
    expect(withCorrections(typed, other)[0]?.variants).toContain('live');
  });
});

describe('in an answer', () => {
  it('when a reader mistypes a common word, the paragraph using it ranks first', async () => {
    const engine = await engineOf([
      'Armenia and the alliance held talks.',
      'Armenia is not leaving the alliance for now, its prime minister told reporters.',
    ]);
    const answer = engine.answer('armenia leving the alliance');
    expect(answer.results[0]?.id).toBe('a#2');
    const hit = answer.results[0];
    expect(hit?.highlights.map((span) => hit.text.slice(span.start, span.end))).toContain('leaving');
    // Last, it is read as the word being typed; no word of the corpus begins with it, so it is corrected too.
    expect(engine.answer('armenia alliance leving').results[0]?.id).toBe('a#2');
  });
});
