/**
 * What a corpus editor is told: glossary lines that merge or fail, corpus files that parse with a
 * real title, fail with the file line at fault, or are not corpus files at all, and the corpus check
 * that lists all of it (`npm run corpus:check`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { checkCorpus, formatCheck } from '../../src/corpus/check.ts';
import { Glossary } from '../../src/corpus/glossary.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseArticle } from '../../src/corpus/parse.ts';
import { AnswerEngine } from '../../src/search/engine.ts';
import { LiveCorpus } from '../../src/search/live.ts';
import { runScript } from '../support/bot.ts';
import { makeCorpus, markdownArticle, SHIPPED_CORPUS, tempDir } from '../support/corpus.ts';

const RIGHTS = 'rights: "© Test Wire"\n';

describe('glossary edits', () => {
  const corpus = () =>
    makeCorpus({
      'talks.md': markdownArticle('Talks', 'Envoys flew to Yerevan on Monday.', RIGHTS),
      'synonyms.txt': 'Yerevan = Erevan = Erivan\n# a later line for the same name\nYerevan = Ереван\n',
    });

  it('when a later line names a phrase that already has a rule, its words are added, not ignored', async () => {
    const engine = await AnswerEngine.open({ corpusDir: corpus() });
    expect(engine.answer('Ереван').results.map((hit) => hit.id)).toEqual(['talks#1']);
    expect(engine.answer('Erivan').results.map((hit) => hit.id)).toEqual(['talks#1']);
  });

  it('when a line is malformed, it is reported with its line number and reason; the other lines still apply', () => {
    const glossary = Glossary.parse(
      'give up => quit\nthis line is broken ==> nope\nTokayev = Toqaev\nfolks =>> people\n',
    );
    expect(glossary.problems).toEqual([
      { line: 2, reason: expect.stringContaining('"=>"') },
      { line: 4, reason: expect.stringContaining('"=>"') },
    ]);
    expect(glossary.ruleCount).toBe(3);
  });

  it('when a glossary line is skipped, the log says a glossary line was skipped, never a corpus file', async () => {
    const lines: { msg: string; file: string; line?: number }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    await AnswerEngine.open({
      corpusDir: makeCorpus({
        'talks.md': markdownArticle('Talks', 'Envoys met.', RIGHTS),
        'synonyms.txt': 'envoys => diplomats\nthis line is broken ==> nope\n',
      }),
      logger,
    });
    expect(lines.map(({ msg, file, line }) => ({ msg, file, line }))).toEqual([
      { msg: 'glossary line skipped', file: 'synonyms.txt', line: 2 },
    ]);
  });

  it('when the glossary is edited on a running bot, a bad line is logged as a skipped glossary line and the good ones apply', async () => {
    const corpusDir = makeCorpus({
      'talks.md': markdownArticle('Talks', 'Envoys flew to Yerevan on Monday.', RIGHTS),
      'synonyms.txt': 'Yerevan = Erevan\n',
    });
    const dataDir = tempDir();
    const lines: { msg: string; file: string; line?: number }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const engine = await AnswerEngine.open({ corpusDir, dataDir, logger });
    writeFileSync(
      join(corpusDir, 'synonyms.txt'),
      'Yerevan = Erevan\nthis line is broken ==> nope\nYerevan = Ереван\n',
    );
    writeFileSync(join(corpusDir, 'talks.html'), '<p>saved from a browser</p>');
    await new LiveCorpus({ engine, corpusDir, dataDir, logger }).reload();
    expect(lines.map(({ msg, file, line }) => ({ msg, file, line }))).toEqual([
      { msg: 'corpus file skipped', file: 'talks.html', line: undefined },
      { msg: 'glossary line skipped', file: 'synonyms.txt', line: 2 },
    ]);
    expect(engine.answer('Ереван').total).toBe(1);
  });
});

describe('corpus files', () => {
  it('when a plain-text file starts with a headline, that is the title as written, not a section', () => {
    const article = parseArticle(
      'caspian-sturgeon-report.txt',
      Buffer.from(
        'Caspian Sturgeon Report\nFishers in Atyrau say the catch fell again.\nNew Quotas Ahead\nThe ministry will set quotas.\n',
      ),
    );
    expect(article.title).toBe('Caspian Sturgeon Report');
    expect(article.inferred).not.toContain('title');
    expect(article.sections).toEqual(['New Quotas Ahead']);
    expect(article.paragraphs[0]).toMatchObject({ number: 1, section: null });
  });

  it('when a plain-text file starts with a paragraph, the title still comes from the file name, marked inferred', () => {
    const article = parseArticle(
      'caspian-sturgeon-report.txt',
      Buffer.from('Fishers in Atyrau say the catch fell.\n'),
    );
    expect(article.title).toBe('caspian sturgeon report');
    expect(article.inferred).toContain('title');
  });

  it('when the front matter is bad, the problem names the line of the file it is on', async () => {
    const corpus = await loadCorpus(
      makeCorpus({
        'yaml.md': '---\ntitle: Fine\nsource: [unclosed\n---\n\nText.\n',
        'license.md':
          '---\ntitle: Fine\nsource: Wire\nrights: © Wire\nlicense: Creative Commons\n---\n\nText.\n',
        'extra.md': '---\ntitle: Fine\nauthor: Someone\n---\n\nText.\n',
      }),
    );
    expect(corpus.problems).toEqual([
      { file: 'extra.md', line: 3, reason: 'front matter: Unrecognized key: "author"' },
      { file: 'license.md', line: 5, reason: expect.stringContaining('not an SPDX license id') },
      { file: 'yaml.md', line: 3, reason: expect.stringContaining('not valid YAML') },
    ]);
  });

  it('when a file is not a corpus file type, it is reported rather than silently ignored; dotfiles are not', async () => {
    const corpus = await loadCorpus(
      makeCorpus({
        'good.md': markdownArticle('Good', 'Text.', RIGHTS),
        'page.html': '<p>An article saved from a browser</p>',
        '.gitkeep': '',
      }),
    );
    expect(corpus.articles.map((article) => article.id)).toEqual(['good']);
    expect(corpus.problems).toEqual([
      { file: 'page.html', reason: expect.stringContaining('unsupported file type') },
    ]);
  });
});

describe('the corpus check', () => {
  const broken = () =>
    makeCorpus({
      'good.md': markdownArticle('Good', 'Text.', 'license: CC-BY-4.0\n'),
      'no-rights.md': markdownArticle('No Rights', 'Text.'),
      'scraped.txt': 'A line of scraped text.\n',
      'bad.md': '---\ntitle: Bad\nlicense: nope\n---\n\nText.\n',
      'page.html': '<p>x</p>',
      'synonyms.txt': 'fine => ok\nthis line is broken ==> nope\n',
    });

  it('when a corpus has problems, every one is listed by file and line: skipped things as errors, unstated rights as warnings', async () => {
    const findings = checkCorpus(await loadCorpus(broken()));
    expect(findings.map(({ file, line, severity }) => [file, line, severity])).toEqual([
      ['bad.md', 3, 'error'],
      ['no-rights.md', undefined, 'warning'],
      ['page.html', undefined, 'error'],
      ['scraped.txt', undefined, 'warning'],
      ['synonyms.txt', 2, 'error'],
    ]);
    expect(findings.find((finding) => finding.file === 'scraped.txt')?.reason).toContain('plain-text');
  });

  it('when written out, each finding is one file:line line and a summary counts them', () => {
    const text = formatCheck(
      [
        { file: 'synonyms.txt', line: 2, severity: 'error', reason: 'bad arrow' },
        { file: 'a.md', severity: 'warning', reason: 'no rights' },
      ],
      1,
    );
    expect(text).toBe(
      'synonyms.txt:2: error: bad arrow\na.md: warning: no rights\n1 article read; 1 error, 1 warning.\n',
    );
  });

  it('when the shipped corpus is checked, it has no problem at all', async () => {
    expect(checkCorpus(await loadCorpus(SHIPPED_CORPUS))).toEqual([]);
  });

  it('when run as npm run corpus:check, it exits 1 on an error, 0 on warnings only', async () => {
    const failing = await runScript('src/main/corpus-check.ts', { CORPUS_DIR: broken() });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('synonyms.txt:2: error:');
    expect(failing.stdout).toContain('3 errors, 2 warnings.');
    const warnOnly = await runScript('src/main/corpus-check.ts', {
      CORPUS_DIR: makeCorpus({ 'no-rights.md': markdownArticle('No Rights', 'Text.') }),
    });
    expect(warnOnly.code).toBe(0);
    expect(warnOnly.stdout).toContain('no-rights.md: warning:');
  });
});
