/**
 * The index cache on a full disk, by fault injection: `writeFile` writes part of the file, then fails
 * with ENOSPC as a full disk does. The engine must answer anyway and leave no temporary file behind.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { AnswerEngine } from '../../src/search/engine.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';

const disk = vi.hoisted(() => ({ full: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    writeFile: async (...args: Parameters<typeof actual.writeFile>) => {
      if (!disk.full) return actual.writeFile(...args);
      const [path, data] = args;
      await actual.writeFile(path, String(data).slice(0, 100));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
    },
  };
});

describe('the index cache on a full disk', () => {
  it('the save fails, the engine answers, and no index-cache temporary file is left', async () => {
    const corpusDir = makeCorpus({ 'a.md': markdownArticle('A', 'Kyrgyzstan canceled the drills.') });
    const dataDir = tempDir();
    disk.full = true;
    try {
      const engine = await AnswerEngine.open({ corpusDir, dataDir });
      expect(engine.answer('drills').total).toBe(1);
    } finally {
      disk.full = false;
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
