import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CACHE_FILE, CACHE_MISS_MESSAGE, indexFingerprint } from '../../src/search/cache.ts';
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
    for (const query of [
      '',
      'called off',
      'tajikistan border',
      'kyrg',
      'why did kyrgyzstan cancel the drills',
    ]) {
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

  it.each([
    ['written by the previous version (another fingerprint)', 'stale', () => 'an older fingerprint'],
    ['of the previous layout under the current fingerprint', 'corrupt', (current: string) => current],
  ] as const)(
    'when the cache is %s, the start says why in its log and rebuilds it',
    async (_, reason, fingerprintOf) => {
      const corpusDir = makeCorpus(corpusFiles());
      const dataDir = tempDir();
      const reference = await AnswerEngine.open({ corpusDir, dataDir });
      const path = join(dataDir, CACHE_FILE);
      const current = (deserialize(readFileSync(path)) as { fingerprint: string }).fingerprint;
      expect(current).toBe(indexFingerprint((await loadCorpus(corpusDir)).fingerprint));
      // The layout before this one: MiniSearch's own maps, one entry per posting.
      const previous = {
        fingerprint: fingerprintOf(current),
        tree: new Map([['drill', new Map([['', new Map([[0, new Map([[0, 1]])]])]])]]),
        vocabulary: new Map([['drill', { surface: 'drills', count: 1 }]]),
        _documentCount: 2,
        _documentIds: new Map([
          [0, 'a#1'],
          [1, 'a#2'],
        ]),
      };
      writeFileSync(path, serialize(previous));
      const lines: { msg: string; reason: string }[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
      const engine = await AnswerEngine.open({ corpusDir, dataDir, logger });
      expect(engine.stats.indexSource).toBe('built');
      expect(lines).toContainEqual(expect.objectContaining({ reason, msg: CACHE_MISS_MESSAGE[reason] }));
      expect(engine.answer('drills')).toEqual(reference.answer('drills'));
      expect((await AnswerEngine.open({ corpusDir, dataDir })).stats.indexSource).toBe('cache');
    },
  );

  it('a cache of layout 3 (field lengths paragraph after paragraph) is refused with a log line and rebuilt', async () => {
    const corpusDir = makeCorpus(corpusFiles());
    const dataDir = tempDir();
    const reference = await AnswerEngine.open({ corpusDir, dataDir });
    const path = join(dataDir, CACHE_FILE);
    const current = deserialize(readFileSync(path)) as { fieldLengths: Float64Array[]; shortIds: Int32Array };
    const [text, aliases] = current.fieldLengths as [Float64Array, Float64Array];
    // Layout 3 kept one Int32Array of every paragraph's lengths, field after field.
    const fieldLengths = Int32Array.from(
      [...current.shortIds].flatMap((id) => [text[id] as number, aliases[id] as number]),
    );
    writeFileSync(path, serialize({ ...current, fieldLengths }));
    const lines: { msg: string; reason: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const engine = await AnswerEngine.open({ corpusDir, dataDir, logger });
    expect(engine.stats.indexSource).toBe('built');
    expect(lines).toContainEqual(
      expect.objectContaining({ reason: 'corrupt', msg: CACHE_MISS_MESSAGE.corrupt }),
    );
    expect(engine.answer('drills')).toEqual(reference.answer('drills'));
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
