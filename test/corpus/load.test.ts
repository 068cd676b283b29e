import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { looksLikeHeading, parseArticle } from '../../src/corpus/parse.ts';
import { makeCorpus, markdownArticle, SEED_ARTICLE_ID, SHIPPED_CORPUS } from '../support/corpus.ts';

const scraped = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'seed-scraped.txt'));

describe('ingesting a scraped plain-text article', () => {
  const article = parseArticle('000_f2d3f294bb08212c.txt', scraped);

  it('when the republisher added ad slots and "Source link", they are not paragraphs', () => {
    const texts = article.paragraphs.map((paragraph) => paragraph.text);
    expect(texts).not.toContain('[ad_1]');
    expect(texts).not.toContain('[ad_2]');
    expect(texts).not.toContain('Source link');
    expect(texts[0]).toMatch(/^ALMATY — The Collective Safety Treaty Group/);
  });

  it('when a line is a short title-case heading, it becomes the section of what follows', () => {
    expect(article.sections).toEqual([
      'Bishkek Balks At Tajikistan Award',
      'Sense Of Menace For Kazakhstan',
      'Armenia Dropping The CSTO Or CSTO Dropping Armenia?',
    ]);
    expect(article.paragraphs[0]?.section).toBeNull();
    expect(article.paragraphs[7]?.section).toBe('Bishkek Balks At Tajikistan Award');
    expect(article.paragraphs[7]?.text).toMatch(/^The most recent blow/);
  });

  it('when paragraphs are numbered, headings are skipped and ids combine slug and number', () => {
    expect(article.paragraphs).toHaveLength(39);
    expect(article.paragraphs.map((paragraph) => paragraph.number)).toEqual(
      Array.from({ length: 39 }, (_, index) => index + 1),
    );
    expect(article.paragraphs[38]?.id).toBe('000-f2d3f294bb08212c#39');
  });

  it('when nothing states a title, the file name stands in and is marked inferred', () => {
    expect(article.title).toBe('000 f2d3f294bb08212c');
    expect(article.inferred).toContain('title');
    expect(article.url).toBeNull();
  });

  it('when the shipped Markdown edition is parsed, it holds exactly the scraped text', async () => {
    const corpus = await loadCorpus(SHIPPED_CORPUS);
    const shipped = corpus.articles.find((candidate) => candidate.id === SEED_ARTICLE_ID);
    expect(shipped?.paragraphs.map(({ number, section, text }) => ({ number, section, text }))).toEqual(
      article.paragraphs.map(({ number, section, text }) => ({ number, section, text })),
    );
  });
});

describe('the shipped corpus', () => {
  it('when loaded, states its metadata honestly: no URL, inferred fields marked', async () => {
    const corpus = await loadCorpus(SHIPPED_CORPUS);
    expect(corpus.problems).toEqual([]);
    const seed = corpus.articles.find((candidate) => candidate.id === SEED_ARTICLE_ID);
    expect(seed).toMatchObject({ source: 'RFE/RL', published: '2022-10', url: null });
    expect(seed?.inferred).toEqual(expect.arrayContaining(['title', 'source', 'published']));
  });

  it('when the glossary is loaded, every line is a usable rule', async () => {
    const corpus = await loadCorpus(SHIPPED_CORPUS);
    expect(corpus.glossary.problems).toEqual([]);
    expect(corpus.glossary.ruleCount).toBeGreaterThan(100);
  });
});

describe('ingesting text verbatim', () => {
  it('when text has curly quotes, dashes and odd spacing, only whitespace and Unicode form change', () => {
    const decomposed = 'Toqa\u0308ev'; // ä as a + combining diaeresis
    const article = parseArticle(
      'a.md',
      Buffer.from(markdownArticle('T', `“Quoted” —  dash\tand   ${decomposed}’s\nsoft-wrapped line`)),
    );
    expect(article.paragraphs[0]?.text).toBe('“Quoted” — dash and Toqäev’s soft-wrapped line');
  });

  it('when a Markdown body has headings, they become sections and are not numbered', () => {
    const article = parseArticle(
      'b.md',
      Buffer.from(markdownArticle('T', 'One.\n\n## Part two\n\nTwo.\n\nThree.')),
    );
    expect(article.paragraphs.map((p) => [p.number, p.section, p.text])).toEqual([
      [1, null, 'One.'],
      [2, 'Part two', 'Two.'],
      [3, 'Part two', 'Three.'],
    ]);
  });

  it('recognises headings only by shape: short, title case, no final full stop', () => {
    expect(looksLikeHeading('Sense Of Menace For Kazakhstan')).toBe(true);
    expect(looksLikeHeading('Armenia Dropping The CSTO Or CSTO Dropping Armenia?')).toBe(true);
    expect(looksLikeHeading('Sense of Menace for Kazakhstan')).toBe(true);
    expect(looksLikeHeading('The CSTO has its roots in the treaty.')).toBe(false);
    expect(looksLikeHeading('Putin Arrived.')).toBe(false);
    expect(looksLikeHeading('Hello')).toBe(false);
  });
});

describe('loading a corpus with broken files', () => {
  it('when one file cannot be parsed, it is reported with a reason and the rest loads', async () => {
    const dir = makeCorpus({
      'good.md': markdownArticle('Good', 'Armenia invoked Article 4.'),
      'no-front-matter.md': 'Just text.',
      'bad-yaml.md': '---\ntitle: [unclosed\n---\n\nText.',
      'bad-url.md': markdownArticle('Bad URL', 'Text.', 'url: javascript:alert(1)\n'),
      'binary.txt': new Uint8Array([0x66, 0x00, 0xff, 0xfe]),
      'empty.txt': '[ad_1]\n\nSource link\n',
      'notes.pdf': 'not an article type',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((article) => article.id)).toEqual(['good']);
    expect(Object.fromEntries(corpus.problems.map((problem) => [problem.file, problem.reason]))).toEqual({
      'bad-url.md': expect.stringContaining('url'),
      'bad-yaml.md': expect.stringContaining('YAML'),
      'binary.txt': expect.stringContaining('UTF-8'),
      'empty.txt': 'no paragraphs of text',
      'no-front-matter.md': expect.stringContaining('front matter'),
      'notes.pdf': expect.stringContaining('unsupported file type'),
    });
  });

  it('when the corpus directory does not exist, the error names it', async () => {
    await expect(loadCorpus('/nonexistent/corpus')).rejects.toThrow('/nonexistent/corpus');
  });
});
