/**
 * Question shapes (src/search/shape.ts) on small corpora written for these tests: each test
 * reproduces one rule of docs/ranking.md and fails without it.
 */
import { describe, expect, it } from 'vitest';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first, firstFor } from '../support/engine.ts';

describe('"what is X"', () => {
  it('when one article only glosses an acronym in parentheses and another says what it is, the definition comes first', async () => {
    const files = {
      'news.md': markdownArticle(
        'News',
        'ASTANA — The Steppe Water Council (SWC) opened its spring session with a quarrel over quotas.',
      ),
      'primer.md': markdownArticle(
        'Primer',
        'The Steppe Water Council, usually called the SWC, is a treaty body that shares the rivers of four neighbouring states.',
      ),
    };
    expect(await firstFor(files, 'what is the SWC')).toBe('primer#1');
  });
});

describe('a query of names alone', () => {
  it('when a name is searched alone, the paragraph that introduces the person beats a shorter later one naming them in passing', async () => {
    const engine = await engineOf([
      'The town had been quiet for years before the strike.',
      'The strike was called by Talgat Omarov, a welder who had led the oil workers’ union since the plant opened, and who spoke for them in every round of talks.',
      'The ministry answered with a short statement.',
      'Police later detained Omarov.',
    ]);
    expect(first(engine.answer('Omarov'))).toBe('a#2');
    // A question naming the same person is ranked by its own words, not read as "who is".
    expect(first(engine.answer('who detained omarov'))).toBe('a#4');
  });
});

describe('"how long / how far…" and "the dates of…"', () => {
  it('when asked "how long", the paragraph with a number and a unit of measure near the matched words beats one with a bare count', async () => {
    const paragraphs = [
      'The river border has three crossings.',
      'Surveyors walked the whole river border last year; it runs for some 240 kilometres through the gorge.',
    ];
    expect(await firstFor(paragraphs, 'how long is the river border')).toBe('a#2');
  });

  it('when asked "how long", a number written out as words counts like a figure', async () => {
    const paragraphs = [
      'The siege of the old fortress lasted until the spring thaw.',
      'Witnesses said the siege of the old fortress, which the garrison held against all odds, lasted forty-four days.',
    ];
    expect(await firstFor(paragraphs, 'how long did the siege of the fortress last')).toBe('a#2');
  });

  it('when a query asks for "the dates of" something, the paragraph dating it comes first', async () => {
    const paragraphs = [
      'The valley clashes were fierce.',
      'Fighting in the valley began on 14 September, and the clashes ended two days later.',
    ];
    expect(await firstFor(paragraphs, 'dates of the valley clashes')).toBe('a#2');
  });
});

describe('"who are the members of X"', () => {
  it('when asked for the members of a body, the paragraph saying who its members are beats a shorter one using the words more often', async () => {
    const paragraphs = [
      'The Steppe Council was set up in 1999 to share the rivers. Its members are Kazakhstan, Uzbekistan and Turkmenistan.',
      'Steppe Council members quarrelled with Deputy Minister Aliyev over the Steppe Council budget.',
    ];
    expect(await firstFor(paragraphs, 'who are the members of the council')).toBe('a#1');
  });
});

describe('"what was the name of X"', () => {
  it('when asked for the name of something, the paragraph giving a proper name beside the matched words comes first', async () => {
    const paragraphs = [
      'The cancelled drill had been planned for months.',
      'Officials said the drill, called Steppe Shield, was cancelled after the border clashes.',
    ];
    expect(await firstFor(paragraphs, 'what was the name of the cancelled drill')).toBe('a#2');
  });
});

describe('"which countries …"', () => {
  it('when asked which countries did something, the paragraph listing names beats one using the word "countries" more often', async () => {
    const paragraphs = [
      'Countries that left the council lost its protection, the council warned its remaining countries.',
      'Tarvia, Olmen and Kesh left the council in 1999.',
      'The countries of the plain trade mostly in wool.',
      'Most countries in the region keep small armies.',
    ];
    expect(await firstFor(paragraphs, 'which countries left the council')).toBe('a#2');
  });
});

describe('a question about a refusal', () => {
  it('when asked why something was not done, the paragraph saying it was declined beats one where it was promised', async () => {
    const paragraphs = [
      'The council promised to help Tarvia at the spring talks.',
      'When Tarvia asked for troops, the council declined to help and sent observers.',
    ];
    expect(await firstFor(paragraphs, "why didn't the council help Tarvia")).toBe('a#2');
  });
});

describe('"when …": a full date', () => {
  it('when asked when something began, a day and month beat a month alone', async () => {
    const paragraphs = [
      'Border fighting flared in October.',
      'The fighting along the border, which villagers had feared for a year, broke out on 14 September and lasted three days.',
    ];
    expect(await firstFor(paragraphs, 'when did the border fighting start')).toBe('a#2');
  });
});
