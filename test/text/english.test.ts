import * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// The synchronous read is watched: after `loadEnglishWords`, no lookup may read the file again.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

/** A fresh copy of the module, with no dictionary loaded yet. */
async function english() {
  vi.resetModules();
  return import('../../src/text/english.ts');
}

/** Synchronous reads of any file so far, by anything this test file loads. */
const syncReads = () => vi.mocked(fs.readFileSync).mock.calls.length;

describe('loadEnglishWords (what AnswerEngine.open awaits)', () => {
  it('loads the dictionary so that lookups then never read the file synchronously', async () => {
    const { isEnglishWord, loadEnglishWords } = await english();
    await Promise.all([loadEnglishWords(), loadEnglishWords()]);
    const before = syncReads();
    expect(isEnglishWord('sparked')).toBe(true);
    expect(isEnglishWord('favouritism')).toBe(true);
    expect(isEnglishWord('leving')).toBe(false);
    expect(isEnglishWord('karabach')).toBe(false);
    expect(syncReads()).toBe(before);
  });
});

describe('isEnglishWord without loadEnglishWords (engines built by fromCorpus: tests, bench)', () => {
  it('reads the dictionary on the first lookup, once', async () => {
    const { isEnglishWord } = await english();
    const before = syncReads();
    expect(isEnglishWord('fleeing')).toBe(true);
    expect(isEnglishWord('misson')).toBe(false);
    expect(syncReads()).toBe(before + 1);
  });

  it('knows English words with their inflections and British spellings', async () => {
    const { isEnglishWord } = await english();
    for (const word of ['leaving', 'sparked', 'fleeing', 'favouritism', 'aa', 'zyzzyvas'])
      expect(isEnglishWord(word)).toBe(true);
  });

  it('finds words the list sets out of order', async () => {
    const { isEnglishWord } = await english();
    // The list has `manlihood` after `manlily` and `sharrowed` after `sharrows`.
    for (const word of ['manlihood', 'manlikely', 'manlily', 'sharrowed', 'sharrows', 'shart'])
      expect(isEnglishWord(word)).toBe(true);
  });

  it('does not know misspellings, names or anything not lower-case a–z', async () => {
    const { isEnglishWord } = await english();
    for (const word of ['leving', 'misson', 'colective', 'karabach', 'Leaving', '', 'a b'])
      expect(isEnglishWord(word)).toBe(false);
  });
});
