import { describe, expect, it } from 'vitest';
import type { ArticleMeta, Paragraph } from '../../src/corpus/types.ts';
import { escapeMarkdown } from '../../src/render/markdown.ts';
import { citeArticle, citeParagraph, compactCitation } from '../../src/search/citation.ts';
import { ELLIPSIS, EXCERPT_CHARS, excerpt } from '../../src/search/excerpt.ts';
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

const plain = (markdown: string) => markdown.replace(/\*\*/g, '').replace(/\\(.)/g, '$1');

const filler = (n: number, word: string) =>
  Array.from({ length: n }, () => `${word} words fill this sentence.`).join(' ');

describe('excerpts', () => {
  it('when the paragraph is short, it is quoted whole without ellipses', () => {
    const text = 'Kyrgyzstan canceled the drills.';
    expect(excerpt(text, highlightsOf(text, 'drills'))).toBe('Kyrgyzstan canceled the **drills**.');
  });

  it('when the paragraph is long, the window holds the densest cluster of distinct matched words', () => {
    const text = `${filler(8, 'Armenia')} Then Azerbaijan attacked Armenia near the border. ${filler(8, 'Other')}`;
    const result = excerpt(text, highlightsOf(text, 'Armenia', 'Azerbaijan'));
    expect(result).toContain('**Azerbaijan** attacked **Armenia**');
    expect(plain(result).length).toBeLessThanOrEqual(EXCERPT_CHARS + 2);
  });

  it('when whole sentences fit, the window starts and ends at sentence boundaries', () => {
    const text = `${filler(10, 'Lead')} The drills were canceled. ${filler(10, 'Tail')}`;
    const result = excerpt(text, highlightsOf(text, 'drills'));
    expect(result.startsWith(ELLIPSIS)).toBe(true);
    expect(result.endsWith(ELLIPSIS)).toBe(true);
    // Every quoted sentence is whole: the text between the ellipses starts with a capital and ends with a full stop.
    expect(plain(result).slice(1, -1)).toMatch(/^[A-Z].*\.$/);
  });

  it('when a sentence is longer than the window, the cut falls between words and is marked', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    words[60] = 'target';
    const text = `${words.join(' ')}.`;
    const result = excerpt(text, highlightsOf(text, 'target'));
    expect(result).toContain('**target**');
    expect(result.startsWith(ELLIPSIS)).toBe(true);
    expect(result.endsWith(ELLIPSIS)).toBe(true);
    const inner = plain(result).slice(1, -1);
    for (const token of inner.split(' ')) expect(token).toMatch(/^(word\d+|target)$/);
  });

  it('when only the start of the paragraph is cut, only the start gets an ellipsis', () => {
    const text = `${filler(12, 'Lead')} Finally the drills were canceled.`;
    const result = excerpt(text, highlightsOf(text, 'drills'));
    expect(result.startsWith(ELLIPSIS)).toBe(true);
    expect(result.endsWith('canceled.')).toBe(true);
  });

  it('when the text contains markdown characters, they are escaped and only the highlights are bold', () => {
    const text = 'Use *stars*, _underscores_, `ticks`, ||spoilers|| and > quotes around drills.';
    const result = excerpt(text, highlightsOf(text, 'drills'));
    expect(result).toBe(
      'Use \\*stars\\*, \\_underscores\\_, \\`ticks\\`, \\|\\|spoilers\\|\\| and \\> quotes around **drills**.',
    );
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
