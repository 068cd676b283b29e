import { on } from 'node:events';
import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/search/engine.ts';
import { LiveCorpus } from '../../src/search/live.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';
import { excerptOf } from '../support/hits.ts';

const logger = pino({ level: 'silent' });
let live: LiveCorpus | undefined;
afterEach(() => live?.stop());

async function setUp() {
  const corpusDir = makeCorpus({
    'drills.md': markdownArticle('Drills', 'Kyrgyzstan canceled the drills.'),
    'border.md': markdownArticle('Border', 'Clashes on the Tajik border.'),
    'synonyms.txt': 'canceled => called off\n',
  });
  const dataDir = tempDir();
  const engine = await AnswerEngine.open({ corpusDir, dataDir, logger });
  live = new LiveCorpus({ engine, corpusDir, dataDir, logger });
  return { corpusDir, dataDir, engine, live };
}

/**
 * Adds the glossary file `file` to the corpus, reloads, and expects `query` (which found nothing before)
 * to find the text written `highlighted`; then removes it, reloads, and expects `query` to find nothing again.
 */
async function addThenRemoveGlossary(file: string, content: string, query: string, highlighted: string) {
  const { corpusDir, engine, live } = await setUp();
  expect(engine.answer(query).total).toBe(0);
  writeFileSync(join(corpusDir, file), content);
  expect((await live.reload()).glossaryChanged).toBe(true);
  expect(excerptOf(engine.answer(query).results[0])).toContain(`**${highlighted}**`);
  // The corpus's English glossary (`canceled => called off`) still applies beside the new file.
  expect(engine.answer('called off').total).toBe(1);
  unlinkSync(join(corpusDir, file));
  expect((await live.reload()).glossaryChanged).toBe(true);
  expect(engine.answer(query).total).toBe(0);
}

describe('live corpus updates', () => {
  it('when a transliteration table is added and then removed, reloads fold the new spellings and then stop', async () => {
    await addThenRemoveGlossary('transliterations.txt', 'Tajik = Tadzhik\n', 'Tadzhik', 'Tajik');
  });

  it('when a Russian glossary is added and then removed, reloads read Russian queries with it and then without', async () => {
    // A word of the corpus's own glossary (the general dictionary has no `тренировки`).
    await addThenRemoveGlossary('synonyms.ru.txt', 'тренировки = drills\n', 'тренировки', 'drills');
  });

  it('when a file is added, edited or deleted, a reload applies exactly that change', async () => {
    const { corpusDir, engine, live } = await setUp();
    const offered = () => engine.complete('').map((choice) => (choice.kind === 'query' ? choice.text : ''));
    expect(offered()).not.toContain('Batken');
    writeFileSync(join(corpusDir, 'uzbek.md'), markdownArticle('Uzbek', 'Uzbekistan quit the bloc.'));
    writeFileSync(join(corpusDir, 'border.md'), markdownArticle('Border', 'Shelling near Batken.'));
    unlinkSync(join(corpusDir, 'drills.md'));
    const summary = await live.reload();
    expect(summary).toMatchObject({
      added: ['uzbek.md'],
      changed: ['border.md'],
      removed: ['drills.md'],
      failed: [],
    });
    expect(engine.answer('uzbekistan').total).toBe(1);
    expect(engine.answer('batken').total).toBe(1);
    expect(engine.answer('tajik').total).toBe(0);
    expect(engine.answer('drills').total).toBe(0);
    expect(engine.articles.map((article) => article.id).sort()).toEqual(['border', 'uzbek']);
    expect(engine.complete('uzbe')).toContainEqual({ kind: 'query', text: 'Uzbekistan' });
    // The empty box's names follow the corpus.
    expect(offered()).toContain('Batken');
  });

  it('when nothing changed, a reload changes nothing', async () => {
    const { engine, live } = await setUp();
    const before = engine.answer('drills');
    expect(await live.reload()).toMatchObject({ added: [], changed: [], removed: [] });
    expect(engine.answer('drills')).toEqual(before);
  });

  it('when an edited file fails to parse, its previous version keeps answering and the failure is reported', async () => {
    const { corpusDir, engine, live } = await setUp();
    writeFileSync(join(corpusDir, 'drills.md'), 'front matter lost in a bad edit');
    const summary = await live.reload();
    expect(summary.failed).toEqual([{ file: 'drills.md', reason: expect.stringContaining('front matter') }]);
    expect(engine.answer('drills').total).toBe(1);
    // Fixed again: the new version answers.
    writeFileSync(
      join(corpusDir, 'drills.md'),
      markdownArticle('Drills', 'Kyrgyzstan postponed the exercises.'),
    );
    expect((await live.reload()).changed).toEqual(['drills.md']);
    expect(engine.answer('postponed').total).toBe(1);
  });

  it('when the glossary changes, glossary queries follow it', async () => {
    const { corpusDir, engine, live } = await setUp();
    expect(engine.answer('called off').total).toBe(1);
    writeFileSync(join(corpusDir, 'synonyms.txt'), 'canceled => nixed\n');
    expect((await live.reload()).glossaryChanged).toBe(true);
    expect(engine.answer('nixed').total).toBe(1);
    expect(engine.answer('called off').total).toBe(0);
    unlinkSync(join(corpusDir, 'synonyms.txt'));
    await live.reload();
    expect(engine.answer('nixed').total).toBe(0);
  });

  it('when the corpus directory disappears, the last corpus keeps answering; when it returns, it is read again', async () => {
    const { corpusDir, engine, live } = await setUp();
    const aside = `${corpusDir}-aside`;
    renameSync(corpusDir, aside);
    const summary = await live.reload();
    expect(summary.error).toContain(corpusDir);
    expect(engine.answer('drills').total).toBe(1);
    renameSync(aside, corpusDir);
    writeFileSync(join(corpusDir, 'uzbek.md'), markdownArticle('Uzbek', 'Uzbekistan quit the bloc.'));
    expect((await live.reload()).added).toEqual(['uzbek.md']);
    expect(engine.answer('drills').total).toBe(1);
  });

  it('when watching, a new file answers without a reload call, as soon as the watcher reports its reload', async () => {
    const { corpusDir, engine, live } = await setUp();
    live.start();
    const reloads = on(live, 'reload');
    writeFileSync(join(corpusDir, 'uzbek.md'), markdownArticle('Uzbek', 'Uzbekistan quit the bloc.'));
    // A slow write can be seen half-done first (that reload reports it failed): wait for the one that adds it.
    for await (const [summary] of reloads) if (summary.added.includes('uzbek.md')) break;
    expect(live.lastReload?.added).toEqual(['uzbek.md']);
    expect(engine.answer('uzbekistan').total).toBe(1);
  });

  it('after a reload, the next start loads the refreshed cache and answers the new corpus', async () => {
    const { corpusDir, dataDir, live } = await setUp();
    writeFileSync(join(corpusDir, 'uzbek.md'), markdownArticle('Uzbek', 'Uzbekistan quit the bloc.'));
    await live.reload();
    const restarted = await AnswerEngine.open({ corpusDir, dataDir, logger });
    expect(restarted.stats.indexSource).toBe('cache');
    expect(restarted.answer('uzbekistan').total).toBe(1);
  });

  it('when the directory is removed for good, the engine stays usable', async () => {
    const { corpusDir, engine, live } = await setUp();
    live.start();
    rmSync(corpusDir, { recursive: true, force: true });
    const summary = await live.reload();
    expect(summary.error).toBeDefined();
    expect(engine.answer('drills').total).toBe(1);
    mkdirSync(corpusDir);
  });
});
