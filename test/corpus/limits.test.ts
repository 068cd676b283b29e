/** The corpus limits (src/corpus/limits.ts): past each, a clear reason, and everything else still loads. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.ts';
import {
  MAX_FILE_BYTES,
  MAX_GLOSSARY_LINE_CHARS,
  MAX_NAMES_PER_ALIAS_LINE,
  MAX_PARAGRAPH_CHARS,
} from '../../src/corpus/limits.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { AnswerEngine } from '../../src/search/engine.ts';
import { LiveCorpus } from '../../src/search/live.ts';
import { tokenize } from '../../src/text/terms.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';

describe('corpus limits', () => {
  it('a file over the size limit is refused unread, with its size and the limit; the others load', async () => {
    const dir = makeCorpus({
      'big.md': markdownArticle('Big', 'word '.repeat(MAX_FILE_BYTES / 5 + 10)),
      'small.md': markdownArticle('Small', 'The summit in Dushanbe.'),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((article) => article.file)).toEqual(['small.md']);
    expect(corpus.problems).toEqual([
      {
        file: 'big.md',
        reason: 'the file is 2.0 MB, over the limit of 2.0 MB for one corpus file: split it',
      },
    ]);
  });

  it('a paragraph over the limit fails its file, naming the paragraph and the limit', async () => {
    const long = `${'The delegation spoke at length. '.repeat(MAX_PARAGRAPH_CHARS / 32 + 1)}`.trim();
    const dir = makeCorpus({ 'long.md': markdownArticle('Long', `A short opening.\n\n${long}`) });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles).toEqual([]);
    expect(corpus.problems[0]?.reason).toBe(
      `paragraph 2 is ${long.length} characters, over the limit of ${MAX_PARAGRAPH_CHARS}: split it`,
    );
  });

  it('a glossary line over the length limit or with too many names is refused; the other lines apply', () => {
    const tooLong = `spun => ${'word, '.repeat(MAX_GLOSSARY_LINE_CHARS / 6 + 1)}end`;
    const tooMany = Array.from({ length: MAX_NAMES_PER_ALIAS_LINE + 1 }, (_, i) => `Name${i}`).join(' = ');
    const glossary = Glossary.parse(`${tooLong}\n${tooMany}\nToqaev = Tokayev\n`);
    expect(glossary.problems).toEqual([
      {
        line: 1,
        reason: `the line is ${tooLong.length} characters, over the limit of ${MAX_GLOSSARY_LINE_CHARS}`,
      },
      {
        line: 2,
        reason: `${MAX_NAMES_PER_ALIAS_LINE + 1} names on one line, over the limit of ${MAX_NAMES_PER_ALIAS_LINE}: split the line`,
      },
    ]);
    expect(glossary.findAliases(tokenize('Tokayev spoke'))[0]?.words.map((word) => word.term)).toEqual([
      'toqaev',
    ]);
  });

  it('on a mutual-alias line at the limit, every name stands for all the others and not itself', () => {
    const names = Array.from(
      { length: MAX_NAMES_PER_ALIAS_LINE },
      (_, i) => `Alias${String.fromCharCode(97 + (i % 26))}${i}`,
    );
    const glossary = Glossary.parse(names.join(' = '));
    for (const name of [names[0], names[25], names.at(-1)] as string[]) {
      const words = glossary.findAliases(tokenize(`${name} arrived`))[0]?.words.map((word) => word.surface);
      expect(words).toEqual(names.filter((other) => other !== name));
    }
  });
});

describe('front-matter url: only links Discord accepts', () => {
  const withUrl = (url: string) =>
    makeCorpus({ 'a.md': markdownArticle('A', 'The summit.', `url: ${JSON.stringify(url)}\n`) });

  for (const [what, url] of [
    ['a space', 'https://news.example.org/a b'],
    ['a non-ASCII host', 'https://новости.example/a'],
    ['"_" in the host', 'https://news_site.example.org/a'],
    ['5,000 characters', `https://news.example.org/${'a'.repeat(5000)}`],
    ['another scheme', 'ftp://news.example.org/a'],
    ['a host without a dot', 'https://localhost/a'],
    ['credentials', 'https://user:pass@news.example.org/a'],
    ['a number a browser reads as an IPv4 address', 'https://8#news.example.org/a'],
    ['a backslash a browser reads as a slash', 'https://news.example.org\\a'],
    ['a third slash a browser skips', 'https:///news.example.org/a'],
  ] as const) {
    it(`refuses a URL with ${what}, naming the rule`, async () => {
      const corpus = await loadCorpus(withUrl(url));
      expect(corpus.articles).toEqual([]);
      expect(corpus.problems[0]?.reason).toMatch(/^front matter: url:? is not a link Discord accepts/);
    });
  }

  it('keeps an ordinary https URL with a path, query and fragment', async () => {
    const url = 'https://www.rferl.org/a/csto-armenia/32076543.html?utm=x#top';
    expect((await loadCorpus(withUrl(url))).articles[0]?.url).toBe(url);
  });
});

describe('refusals stay reported while they stand', () => {
  it('a glossary line over a limit is still among the problems after reloads of other files', async () => {
    const corpusDir = makeCorpus({
      'a.md': markdownArticle('A', 'The summit in Dushanbe.'),
      'synonyms.txt': `${Array.from({ length: MAX_NAMES_PER_ALIAS_LINE + 1 }, (_, i) => `N${i}x`).join(' = ')}\n`,
    });
    const dataDir = tempDir();
    const logger = pino({ level: 'silent' });
    const engine = await AnswerEngine.open({ corpusDir, dataDir, logger });
    const live = new LiveCorpus({ engine, corpusDir, dataDir, logger });
    try {
      const lineOne = [
        { file: 'synonyms.txt', line: 1, scope: 'line', reason: expect.stringContaining('limit') },
      ];
      expect(engine.problems).toEqual(lineOne);
      writeFileSync(join(corpusDir, 'b.md'), markdownArticle('B', 'The talks in Minsk.'));
      expect((await live.reload()).added).toEqual(['b.md']);
      expect(engine.problems).toEqual(lineOne);
      writeFileSync(join(corpusDir, 'synonyms.txt'), 'Minsk = Mensk\n');
      await live.reload();
      expect(engine.problems).toEqual([]);
    } finally {
      live.stop();
    }
  });
});
