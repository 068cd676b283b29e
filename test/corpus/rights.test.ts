/**
 * Rights as part of every article's metadata: `rights:` and `license:` in the front matter are
 * parsed and validated, a file that cannot state them says they are unknown, and the bot shows
 * them where a reader checks a source (`/csto-sources`, the end of a Full ¶ view).
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CorpusFileError, parseArticle } from '../../src/corpus/parse.ts';
import { paragraphMessage, sourcesMessage } from '../../src/render/messages.ts';
import { rightsLine } from '../../src/search/citation.ts';
import { AnswerEngine } from '../../src/search/engine.ts';
import { makeCorpus, markdownArticle, SEED_ARTICLE_ID, SHIPPED_CORPUS } from '../support/corpus.ts';

const md = (extra: string) =>
  parseArticle('wire.md', Buffer.from(markdownArticle('Wire Story', 'Delegates met in Dushanbe.', extra)));

describe('rights in the front matter', () => {
  it('when rights and a license are given, both are parsed; the license id in its canonical case', () => {
    const article = md('rights: "© Test Wire; quoted with permission"\nlicense: cc-by-4.0\n');
    expect(article.rights).toBe('© Test Wire; quoted with permission');
    expect(article.license).toBe('CC-BY-4.0');
  });

  it('when neither is given, both are null', () => {
    expect(md('')).toMatchObject({ rights: null, license: null });
  });

  it('when the license is not an SPDX id, the file is refused with the reason', () => {
    expect(() => md('license: "Creative Commons, probably"\n')).toThrow(CorpusFileError);
    expect(() => md('license: "Creative Commons, probably"\n')).toThrow(/license.*not an SPDX license id/);
    expect(() => md('license: MIT OR Apache-2.0\n')).toThrow(/not an SPDX license id/);
  });

  it('when rights is empty or not text, the file is refused', () => {
    expect(() => md('rights: ""\n')).toThrow(/rights/);
    expect(() => md('rights: [a, b]\n')).toThrow(/rights/);
  });

  it('when the article is plain text, its rights are unknown and its rights line says so', () => {
    const article = parseArticle('scraped.txt', Buffer.from('Delegates met in Dushanbe on Friday.\n'));
    expect(article).toMatchObject({ rights: null, license: null });
    expect(rightsLine(article)).toBe('Rights: unknown (the corpus file does not state them)');
  });

  it('when a rights line is made, it shows what is stated and nothing else', () => {
    expect(rightsLine({ rights: '© A', license: null })).toBe('Rights: © A');
    expect(rightsLine({ rights: null, license: 'CC0-1.0' })).toBe('License: CC0-1.0');
    expect(rightsLine({ rights: '© A', license: 'CC-BY-4.0' })).toBe('Rights: © A · License: CC-BY-4.0');
  });

  it('when the shipped article is loaded, it states its publisher’s copyright, the republication and its use as a sample', async () => {
    const corpus = await loadCorpus(SHIPPED_CORPUS);
    const seed = corpus.articles.find((article) => article.id === SEED_ARTICLE_ID);
    expect(seed?.license).toBeNull();
    expect(seed?.rights).toMatch(/^© RFE\/RL/);
    expect(seed?.rights).toContain('republication');
    expect(seed?.rights).toContain('not relicensed');
    expect(seed?.rights).toContain('sample corpus');
  });
});

describe('rights where a reader checks a source', () => {
  const corpus = makeCorpus({
    'open.md': markdownArticle('Open Text', 'Delegates met in Dushanbe.', 'license: CC-BY-4.0\n'),
    'scraped.txt': 'Delegates argued in Bishkek about the drills.\n',
  });

  it('when the sources are listed, each article shows its rights line and its title once', async () => {
    const engine = await AnswerEngine.open({ corpusDir: corpus });
    const embeds = sourcesMessage(engine.articles).embeds;
    expect(embeds.map((embed) => embed.title)).toEqual(['“Open Text”', '“scraped” (editorial title)']);
    expect(embeds[0]?.description?.split('\n').slice(0, 2)).toEqual([
      'Test Wire, 1 May 2024',
      'License: CC-BY-4.0',
    ]);
    expect(embeds[1]?.description?.split('\n')[0]).toBe(
      'Rights: unknown (the corpus file does not state them)',
    );
    for (const embed of embeds) expect(embed.description).not.toContain(embed.title);
  });

  it('when a whole paragraph is shown, it ends with the full citation and then the rights line', async () => {
    const engine = await AnswerEngine.open({ corpusDir: corpus });
    const view = engine.paragraph('open#1', 'dushanbe');
    if (!view) throw new Error('open#1 not found');
    const lines = paragraphMessage(view).embeds[0]?.description?.split('\n');
    expect(lines).toEqual([
      'Delegates met in **Dushanbe**.',
      '-# “Open Text” — ¶1 — Test Wire, 1 May 2024',
      '-# License: CC-BY-4.0',
    ]);
  });

  it('when a paragraph is too long for one embed, it is shortened and the rights line still ends the view', async () => {
    const long = `${'Delegates kept talking in Dushanbe. '.repeat(200)}End.`;
    const engine = await AnswerEngine.open({
      corpusDir: makeCorpus({ 'long.md': markdownArticle('Long', long, 'rights: "© Test Wire"\n') }),
    });
    const view = engine.paragraph('long#1');
    if (!view) throw new Error('long#1 not found');
    const description = paragraphMessage(view).embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.endsWith('\n-# Rights: © Test Wire')).toBe(true);
  });
});
