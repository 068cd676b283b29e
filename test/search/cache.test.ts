import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../src/search/cache.ts';
import { AnswerEngine } from '../../src/search/engine.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';

const corpusFiles = () => ({
  'a.md': markdownArticle(
    'A',
    'Kyrgyzstan canceled the drills in October.\n\n## Border\n\nClashes with Tajikistan.',
  ),
  'synonyms.txt': 'canceled => called off\n',
});

describe('the index cache', () => {
  it('when the corpus is unchanged, the next start loads the index from the cache and answers the same', async () => {
    const corpusDir = makeCorpus(corpusFiles());
    const dataDir = join(tempDir(), 'nested', 'data');
    const first = await AnswerEngine.open({ corpusDir, dataDir });
    const second = await AnswerEngine.open({ corpusDir, dataDir });
    expect(first.stats.indexSource).toBe('built');
    expect(second.stats.indexSource).toBe('cache');
    for (const query of ['called off', 'tajikistan border', 'kyrg', 'why did kyrgyzstan cancel the drills']) {
      expect(second.answer(query)).toEqual(first.answer(query));
      expect(second.complete(query)).toEqual(first.complete(query));
    }
  });

  it('when an article changes, the cache is stale and the new text answers', async () => {
    const corpusDir = makeCorpus(corpusFiles());
    const dataDir = tempDir();
    await AnswerEngine.open({ corpusDir, dataDir });
    writeFileSync(join(corpusDir, 'a.md'), markdownArticle('A', 'Uzbekistan left the bloc.'));
    const engine = await AnswerEngine.open({ corpusDir, dataDir });
    expect(engine.stats.indexSource).toBe('built');
    expect(engine.answer('uzbekistan').total).toBe(1);
    expect(engine.answer('kyrgyzstan').total).toBe(0);
  });

  it('when the glossary changes, the cache is stale too', async () => {
    const corpusDir = makeCorpus(corpusFiles());
    const dataDir = tempDir();
    await AnswerEngine.open({ corpusDir, dataDir });
    writeFileSync(join(corpusDir, 'synonyms.txt'), 'canceled => scrapped\n');
    const engine = await AnswerEngine.open({ corpusDir, dataDir });
    expect(engine.answer('scrapped').total).toBe(1);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length / 2)],
    ['garbage', () => Buffer.from('\u0000\u0001not an index')],
    [
      'readable but of the wrong shape',
      (bytes: Buffer) => serialize({ ...deserialize(bytes), tree: { nope: 1 } }),
    ],
    ['an old JSON cache', () => Buffer.from(JSON.stringify({ fingerprint: 'x', index: {}, vocabulary: [] }))],
    ['empty', () => Buffer.alloc(0)],
  ])('when the cache file is %s, the index is rebuilt and answers correctly', async (_, corrupt) => {
    const corpusDir = makeCorpus(corpusFiles());
    const dataDir = tempDir();
    const reference = await AnswerEngine.open({ corpusDir, dataDir });
    const path = join(dataDir, CACHE_FILE);
    writeFileSync(path, corrupt(readFileSync(path)));
    const engine = await AnswerEngine.open({ corpusDir, dataDir });
    expect(engine.stats.indexSource).toBe('built');
    expect(engine.answer('drills')).toEqual(reference.answer('drills'));
    // …and the rebuilt cache is good again.
    expect((await AnswerEngine.open({ corpusDir, dataDir })).stats.indexSource).toBe('cache');
  });

  it('when the data directory cannot be written, the engine still answers without a cache', async () => {
    const corpusDir = makeCorpus(corpusFiles());
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const engine = await AnswerEngine.open({ corpusDir, dataDir: join(blocker, 'data') });
    expect(engine.answer('drills').total).toBe(1);
  });
});
