/**
 * Names carried over from the paragraphs before: "the group" two paragraphs after one naming the
 * Baltic Ferry League is about the league. The corpora are written here.
 */
import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.ts';
import { CARRIED_QUALITY, carriedWeight, type InArticle, nameTerms } from '../../src/search/carry.ts';
import { type ParagraphTerms, paragraphTerms } from '../../src/search/highlight.ts';
import { queryTerms } from '../../src/search/query.ts';
import { wordTerms } from '../../src/text/terms.ts';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

const glossary = Glossary.parse('BFL = Baltic Ferry League\nLeague warned => League said\n');
const analysed = (text: string) => paragraphTerms(text, glossary);
const term = (word: string) => wordTerms(word)[0] as string;

describe('nameTerms', () => {
  it('gives the terms of the names a paragraph writes, and their other names in the glossary', () => {
    const terms = nameTerms(
      'Delegates of the Baltic Ferry League met in Tallinn on Monday.',
      analysed('Delegates of the Baltic Ferry League met in Tallinn on Monday.'),
    );
    for (const word of ['Baltic', 'Ferry', 'League', 'Tallinn', 'BFL']) expect(terms).toContain(term(word));
    for (const word of ['Delegates', 'met', 'Monday']) expect(terms).not.toContain(term(word));
  });

  it('leaves out a glossary phrase that says more than a name', () => {
    const text = 'On Friday the Baltic Ferry League warned that fares would rise.';
    const terms = nameTerms(text, analysed(text));
    expect(terms).toContain(term('League'));
    expect(terms).not.toContain(term('said'));
    expect(terms).not.toContain(term('fares'));
  });
});

describe('carriedWeight', () => {
  const texts = [
    'Delegates of the Baltic Ferry League met in Tallinn on Monday.',
    'Fuel prices were the first item on the agenda.',
    'The group now counts eleven member ports.',
    'Dues are paid every spring.',
  ];
  const article: InArticle['article'] = { paragraphs: texts.map((text, i) => ({ id: `a#${i + 1}`, text })) };
  const analyses = new Map<string, ParagraphTerms>(article.paragraphs.map((p) => [p.id, analysed(p.text)]));
  const terms = queryTerms('baltic ferry league ports');
  const weight = terms.map(() => 1);
  /** The gain of paragraph `number` when it lacks every query word but `ports`. */
  const gain = (number: number) =>
    carriedWeight(
      terms,
      weight,
      (t) => terms[t]?.term !== term('ports'),
      { article, paragraph: { number } },
      (id) => analyses.get(id),
      { variant: 0.85, demonym: 0.5 },
    );

  it('counts a lacking word that one of the two paragraphs before names, at a low quality', () => {
    expect(gain(2)).toBeCloseTo(3 * CARRIED_QUALITY);
    expect(gain(3)).toBeCloseTo(3 * CARRIED_QUALITY);
  });

  it('carries nothing further, nor into the first paragraph, nor for a word the paragraph holds', () => {
    expect(gain(4)).toBe(0);
    expect(gain(1)).toBe(0);
    expect(
      carriedWeight(
        terms,
        weight,
        () => false,
        { article, paragraph: { number: 2 } },
        (id) => analyses.get(id),
        {
          variant: 0.85,
          demonym: 0.5,
        },
      ),
    ).toBe(0);
  });
});

describe('a question naming the subject', () => {
  const named = 'Delegates of the Baltic Ferry League met in Tallinn on Monday to discuss fuel prices.';
  const agenda = 'Fuel prices were the first item on a long agenda.';
  const group = 'The group now counts 11 member ports, up from seven when it was founded.';
  const dues = [
    'Member ports pay dues of 40 euros; ports that are not members pay 60 euros for every berth.',
    'Berths in winter cost less than berths in summer.',
  ];
  const engine = (league: readonly string[]) =>
    engineOf({
      'league.md': markdownArticle('Harbour news', league),
      'dues.md': markdownArticle('Fees', dues),
    });
  const question = 'how many member ports does the baltic ferry league have';

  it('finds the paragraph that refers back to it as "the group"', async () => {
    expect(first((await engine([named, agenda, group])).answer(question))).toBe('league#3');
  });

  it('carries it no further than two paragraphs: then the paragraph only naming it comes first', async () => {
    const later = await engine([named, agenda, 'The vote on the budget was put off to June.', group]);
    expect(first(later.answer(question))).toBe('league#1');
  });
});
