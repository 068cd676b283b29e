import { describe, expect, it } from 'vitest';
import type { ArticleMeta, Paragraph } from '../../src/corpus/types.ts';
import { escapeMarkdown } from '../../src/render/markdown.ts';
import { citeArticle, citeParagraph, compactCitation } from '../../src/search/citation.ts';
import { EXCERPT_CHARS, excerptWindow } from '../../src/search/excerpt.ts';
import type { Highlight } from '../../src/search/highlight.ts';

/** Highlights every occurrence of the given words, as the engine would for matched terms. */
function highlightsOf(text: string, ...words: string[]): Highlight[] {
  const highlights: Highlight[] = [];
  for (const word of words) {
    for (const match of text.matchAll(new RegExp(`\\b${word}\\b`, 'g'))) {
      highlights.push({ start: match.index, end: match.index + word.length, key: word.toLowerCase() });
    }
  }
  return highlights.sort((a, b) => a.start - b.start);
}

const filler = (n: number, word: string) =>
  Array.from({ length: n }, () => `${word} words fill this sentence.`).join(' ');

/** The window the engine picks, and the words of it that are highlighted. */
function windowOf(text: string, ...words: string[]) {
  const highlights = highlightsOf(text, ...words);
  const window = excerptWindow(text, highlights);
  const quoted = text.slice(window.start, window.end);
  const highlighted = highlights
    .filter((highlight) => highlight.start >= window.start && highlight.end <= window.end)
    .map((highlight) => text.slice(highlight.start, highlight.end));
  return { ...window, quoted, highlighted };
}

describe('excerpt windows', () => {
  it('when the paragraph is short, it is quoted whole and cut nowhere', () => {
    const text = 'Kyrgyzstan canceled the drills.';
    expect(windowOf(text, 'drills')).toMatchObject({
      start: 0,
      end: text.length,
      cutBefore: false,
      cutAfter: false,
    });
  });

  it('when the paragraph is long, the window holds the densest cluster of distinct matched words', () => {
    const text = `${filler(8, 'Armenia')} Then Azerbaijan attacked Armenia near the border. ${filler(8, 'Other')}`;
    const window = windowOf(text, 'Armenia', 'Azerbaijan');
    expect(window.quoted).toContain('Azerbaijan attacked Armenia');
    expect(window.quoted.length).toBeLessThanOrEqual(EXCERPT_CHARS);
  });

  it('when whole sentences fit, the window starts and ends at sentence boundaries', () => {
    const text = `${filler(10, 'Lead')} The drills were canceled. ${filler(10, 'Tail')}`;
    const window = windowOf(text, 'drills');
    expect(window).toMatchObject({ cutBefore: true, cutAfter: true });
    expect(window.quoted).toMatch(/^[A-Z].*\.$/);
    expect(window.highlighted).toEqual(['drills']);
  });

  it('when a sentence is longer than the window, the cut falls between words, without spaces at the edges', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    words[60] = 'target';
    const text = `${words.join(' ')}.`;
    const window = windowOf(text, 'target');
    expect(window).toMatchObject({ cutBefore: true, cutAfter: true, highlighted: ['target'] });
    for (const token of window.quoted.split(' ')) expect(token).toMatch(/^(word\d+|target)$/);
  });

  it('when only the start of the paragraph is cut, the window says so and runs to its end', () => {
    const text = `${filler(12, 'Lead')} Finally the drills were canceled.`;
    const window = windowOf(text, 'drills');
    expect(window).toMatchObject({ cutBefore: true, cutAfter: false, end: text.length });
    expect(window.quoted.endsWith('canceled.')).toBe(true);
  });
});

describe('escaping markdown', () => {
  it('when text starts a line with a heading, list or quote marker, the marker is escaped', () => {
    expect(escapeMarkdown('# Title')).toBe('\\# Title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first')).toBe('\\1. first');
    expect(escapeMarkdown('a-b # c')).toBe('a-b # c');
  });

  it('when text holds a mention or masked link, it is shown literally', () => {
    expect(escapeMarkdown('<@123> [x](http://e.com)')).toBe('\\<@123\\> \\[x\\](http://e.com)');
  });
});

describe('citations', () => {
  const article: ArticleMeta = {
    id: 'a',
    title: 'Bloc in Trouble',
    source: 'RFE/RL',
    published: '2022-10',
    url: null,
    rights: null,
    license: null,
    inferred: ['title', 'published'],
    file: 'a.md',
  };
  const paragraph: Paragraph = { id: 'a#8', articleId: 'a', number: 8, section: 'Bishkek Balks', text: 'x' };

  it('when fields were supplied editorially, the citation says so', () => {
    expect(citeParagraph(article, paragraph)).toBe(
      '“Bloc in Trouble” (editorial title) — Bishkek Balks, ¶8 — RFE/RL, October 2022 (inferred)',
    );
  });

  it('when the URL is known, it is cited; when it is not, nothing stands in for it', () => {
    const known = { ...article, url: 'https://www.rferl.org/a/example.html', inferred: [] };
    expect(citeArticle(known)).toBe(
      '“Bloc in Trouble” — RFE/RL, October 2022 — https://www.rferl.org/a/example.html',
    );
    expect(citeArticle(article)).not.toMatch(/https?:/);
  });

  it('when a paragraph precedes the first heading, the citation gives its number alone', () => {
    expect(
      citeParagraph({ ...article, inferred: [], published: '2022-10-12' }, { ...paragraph, section: null }),
    ).toBe('“Bloc in Trouble” — ¶8 — RFE/RL, 12 October 2022');
  });

  it('when a citation is compact, it is one short line that still names what an editor supplied', () => {
    expect(compactCitation(article)).toBe(
      '“Bloc in Trouble” · RFE/RL · October 2022 · inferred: title, date',
    );
    expect(compactCitation({ ...article, inferred: [] })).toBe('“Bloc in Trouble” · RFE/RL · October 2022');
    expect(compactCitation({ ...article, inferred: ['title', 'source', 'published'] })).toBe(
      '“Bloc in Trouble” · RFE/RL · October 2022 · all inferred',
    );
    expect(
      compactCitation({ ...article, source: null, published: null, inferred: ['title', 'source'] }),
    ).toBe('“Bloc in Trouble” · all inferred');
  });

  it('when a title is long, the compact line cuts it at a word and marks the cut', () => {
    const long = {
      ...article,
      inferred: [],
      title: 'The bloc’s hardest moment: Kyrgyzstan, Kazakhstan and Armenia',
    };
    const line = compactCitation(long);
    expect(line).toBe('“The bloc’s hardest moment…” · RFE/RL · October 2022');
    expect(line.length).toBeLessThan(citeArticle(long).length);
  });
});
