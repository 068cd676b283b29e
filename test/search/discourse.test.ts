/**
 * "Why" questions: news states an event in one paragraph and explains it in the next, which does
 * not repeat the event's words. The corpora are written here.
 */
import { describe, expect, it } from 'vitest';
import { asksWhy, followEvent as follow, type InArticle } from '../../src/search/discourse.ts';
import type { Ranked } from '../../src/search/rank.ts';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first } from '../support/engine.ts';

describe('asksWhy', () => {
  it.each([
    'why did the council close the harbour',
    'Why is Kyrgyzstan angry with the CSTO?',
    'who explained why the drills were called off',
    'how come the ferry stopped',
    'for what reason was the mayor arrested',
    'what was the reason for the strike',
    'what were the causes of the flood',
    'what made the council close the harbour',
    'what led to the protests',
  ])('reads "%s" as a why question', (query) => {
    expect(asksWhy(query)).toBe(true);
  });

  it.each([
    'when did the council close the harbour',
    'what did the council do',
    'who asked for troops',
    'how many boats were stranded',
    'what is the CSTO',
    'harbour closure reasons',
    'whyte harbour',
  ])('does not read "%s" as one', (query) => {
    expect(asksWhy(query)).toBe(false);
  });
});

/** One article's paragraphs, as ranking reads them. */
function article(texts: readonly string[]): InArticle['article'] {
  return { paragraphs: texts.map((text, i) => ({ id: `a#${i + 1}`, text })) };
}

/** As ranking calls it: a paragraph entering the ranking matched no terms. */
const followEvent = (ranked: readonly Ranked[], placeOf: (at: number) => InArticle | undefined) =>
  follow(ranked, placeOf, (id, score) => ({ id, score, match: {} }));

describe('followEvent', () => {
  const paragraphs = article([
    'The council closed the harbour on Tuesday.',
    'Officials explained that storms had cracked the sea wall.',
    'The fish market opens at dawn.',
    'Repairs will start in June.',
  ]);
  const placeOf = (ranked: readonly Ranked[]) => (at: number) => ({
    article: paragraphs,
    paragraph: { number: Number(ranked[at]?.id.split('#')[1]) },
  });
  const hit = (id: string, score: number): Ranked => ({ id, score, match: { [id]: ['x'] } });

  it('raises the explanation after a best paragraph above it', () => {
    const ranked = [hit('a#1', 1), hit('a#3', 0.5), hit('a#2', 0.3)];
    const { ranked: out, added } = followEvent(ranked, placeOf(ranked));
    expect(out.map((r) => r.id)).toEqual(['a#2', 'a#1', 'a#3']);
    expect(out[0]?.score).toBeCloseTo(0.3 + 0.8);
    expect(added).toBe(0);
  });

  it('lets an explanation that matched nothing enter the ranking, without highlights', () => {
    const ranked = [hit('a#1', 1), hit('a#3', 0.5)];
    const { ranked: out, added } = followEvent(ranked, placeOf(ranked));
    expect(out.map((r) => r.id)).toEqual(['a#1', 'a#2', 'a#3']);
    expect(out[1]?.match).toEqual({});
    expect(added).toBe(1);
  });

  it('gives nothing to a following paragraph that explains nothing', () => {
    const ranked = [hit('a#3', 1), hit('a#4', 0.3)];
    expect(followEvent(ranked, placeOf(ranked)).ranked).toEqual(ranked);
  });

  it('follows only the best five paragraphs', () => {
    const others = ['b#1', 'b#2', 'b#3', 'b#4', 'b#5'].map((id, i) => hit(id, 2 - i * 0.1));
    const ranked = [...others, hit('a#1', 1)];
    const place = (at: number) => (at < 5 ? undefined : placeOf(ranked)(at));
    expect(followEvent(ranked, place)).toEqual({ ranked, added: 0 });
  });
});

describe('why questions over a corpus', () => {
  const harbour = (explanation: string) =>
    engineOf({
      'harbour.md': markdownArticle('Harbour news', [
        'The town council voted on Tuesday to close the harbour to fishing boats for the spring season.',
        explanation,
        'The harbour fish market will stay open, selling catches landed at the next town.',
      ]),
      'council.md': markdownArticle(
        'Council news',
        'The council also agreed a budget for the library and a new harbour ferry timetable.',
      ),
    });

  it('answers with the explanation after the event, though it barely repeats the question', async () => {
    const engine = await harbour(
      'Council engineers explained that winter storms had cracked the old sea wall and that repairs could not wait.',
    );
    expect(first(engine.answer('why did the council close the harbour'))).toBe('harbour#2');
    expect(first(engine.answer('почему council закрыл harbour'))).toBe('harbour#2');
    expect(first(engine.answer('из-за чего council закрыл harbour'))).toBe('harbour#2');
    // Asked when, the event itself answers.
    expect(first(engine.answer('when did the council close the harbour'))).toBe('harbour#1');
  });

  it('finds an explanation holding none of the question’s words', async () => {
    const engine = await harbour(
      'Engineers explained that winter storms had cracked the old sea wall and that repairs could not wait.',
    );
    const why = engine.answer('why did the council close the harbour');
    const when = engine.answer('when did the council close the harbour');
    expect(why.results.map((hit) => hit.id)).toContain('harbour#2');
    expect(why.results.find((hit) => hit.id === 'harbour#2')?.highlights).toEqual([]);
    expect(when.results.map((hit) => hit.id)).not.toContain('harbour#2');
    // Counted among the paragraphs found: "More" pages through it.
    expect(why.total).toBe(when.total + 1);
  });

  it('leaves the event first when the next paragraph gives no reason', async () => {
    const engine = await harbour(
      'Council engineers have worked on the old sea wall since the winter storms of last year.',
    );
    expect(first(engine.answer('why did the council close the harbour'))).toBe('harbour#1');
  });
});
