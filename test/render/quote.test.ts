import { describe, expect, it } from 'vitest';
import { ELLIPSIS, quoteExcerpt, quoteParagraph } from '../../src/render/quote.ts';
import type { Span } from '../../src/search/engine.ts';

/** The spans of every occurrence of the given words, as the engine reports highlights. */
function spansOf(text: string, ...words: string[]): Span[] {
  const spans: Span[] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length))
      spans.push({ start: at, end: at + word.length });
  }
  return spans.sort((a, b) => a.start - b.start);
}

const whole = (text: string) => ({ start: 0, end: text.length, cutBefore: false, cutAfter: false });

describe('quoting an excerpt as Discord markdown', () => {
  it('when the paragraph is quoted whole, the highlights are bold and no ellipsis is added', () => {
    const text = 'Kyrgyzstan canceled the drills.';
    const highlights = spansOf(text, 'Kyrgyzstan', 'drills');
    expect(quoteExcerpt({ text, highlights, excerpt: whole(text) })).toBe(
      '**Kyrgyzstan** canceled the **drills**.',
    );
  });

  it('when markdown characters stand around and inside highlights, they are escaped and only the highlights are bold', () => {
    const text = 'Use *stars*, _under_scores_, `ticks`, ||spoilers|| and > quotes around drills.';
    const highlights = spansOf(text, '*stars*', '_under_scores_', 'drills');
    expect(quoteExcerpt({ text, highlights, excerpt: whole(text) })).toBe(
      'Use **\\*stars\\***, **\\_under\\_scores\\_**, \\`ticks\\`, \\|\\|spoilers\\|\\| and \\> quotes around **drills**.',
    );
  });

  it('when a highlight follows a line-start marker, the marker is escaped and the highlight stays bold', () => {
    const text = '- drills\n# Armenia';
    const highlights = spansOf(text, 'drills', 'Armenia');
    expect(quoteExcerpt({ text, highlights, excerpt: whole(text) })).toBe('\\- **drills**\n\\# **Armenia**');
  });

  it('when the window cuts the paragraph, each cut side gets an ellipsis and only the window is quoted', () => {
    const text = 'First sentence here. The drills were canceled. Last sentence there.';
    const highlights = spansOf(text, 'drills');
    const start = text.indexOf('The');
    const end = text.indexOf(' Last');
    const quote = (cutBefore: boolean, cutAfter: boolean) =>
      quoteExcerpt({ text, highlights, excerpt: { start, end, cutBefore, cutAfter } });
    expect(quote(true, true)).toBe(`${ELLIPSIS}The **drills** were canceled.${ELLIPSIS}`);
    expect(quote(true, false)).toBe(`${ELLIPSIS}The **drills** were canceled.`);
    expect(quote(false, true)).toBe(`The **drills** were canceled.${ELLIPSIS}`);
  });

  it('when a highlight straddles the window’s edge, only its part inside the window is bold', () => {
    const text = 'Collective Safety Treaty Group met.';
    const highlights = [{ start: 0, end: 'Collective Safety Treaty Group'.length }];
    const start = text.indexOf('Treaty');
    expect(
      quoteExcerpt({
        text,
        highlights,
        excerpt: { start, end: text.length, cutBefore: true, cutAfter: false },
      }),
    ).toBe(`${ELLIPSIS}**Treaty Group** met.`);
  });

  it('when a highlight lies outside the window, it is not quoted at all', () => {
    const text = 'Armenia asked. Then drills began.';
    const highlights = spansOf(text, 'Armenia', 'drills');
    const start = text.indexOf('Then');
    expect(
      quoteExcerpt({
        text,
        highlights,
        excerpt: { start, end: text.length, cutBefore: true, cutAfter: false },
      }),
    ).toBe(`${ELLIPSIS}Then **drills** began.`);
  });
});

describe('quoting a whole paragraph', () => {
  it('when the paragraph has highlights, all of them are bold and the rest escaped', () => {
    const text = 'Armenia [asked] for help; the drills <went> ahead.';
    expect(quoteParagraph({ text, highlights: spansOf(text, 'Armenia', 'drills') })).toBe(
      '**Armenia** \\[asked\\] for help; the **drills** \\<went\\> ahead.',
    );
  });

  it('when there is no query, the paragraph is quoted escaped and nothing is bold', () => {
    expect(quoteParagraph({ text: '1. Armenia *asked*', highlights: [] })).toBe('\\1. Armenia \\*asked\\*');
  });
});
