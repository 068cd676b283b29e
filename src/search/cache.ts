/**
 * The index cache: building the index is the slow part of starting, so the built index is saved
 * under DATA_DIR with a fingerprint of everything it was built from (corpus files, glossary,
 * index settings). A cache that is missing, stale or unreadable in any way is rebuilt — it can
 * cost time, never a wrong answer.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type BuiltIndex,
  FIELD_BOOST,
  fromPlainIndex,
  INDEX_VERSION,
  type PlainIndex,
  toPlainIndex,
} from './index.ts';

export const CACHE_FILE = 'index-cache.json';

/** What the index depends on besides the corpus: changing the code's index settings invalidates it. */
export function indexFingerprint(corpusFingerprint: string): string {
  return createHash('sha256')
    .update(`${corpusFingerprint}:${INDEX_VERSION}:${JSON.stringify(FIELD_BOOST)}`)
    .digest('hex');
}

interface CacheFile extends PlainIndex {
  fingerprint: string;
}

export type CacheMiss = 'missing' | 'stale' | 'corrupt';

export async function loadIndexCache(
  path: string,
  fingerprint: string,
  expectedDocuments: number,
): Promise<BuiltIndex | CacheMiss> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    return 'missing';
  }
  try {
    const data = JSON.parse(raw) as CacheFile;
    if (data.fingerprint !== fingerprint) return 'stale';
    if (!Array.isArray(data.vocabulary)) return 'corrupt';
    const built = fromPlainIndex(data);
    return built.index.documentCount === expectedDocuments ? built : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

/**
 * Writes to a temporary file and renames it, so a crash mid-write never leaves half a cache; a write
 * that fails (a full disk) removes its temporary file rather than leave it taking the space.
 */
export async function saveIndexCache(path: string, fingerprint: string, built: BuiltIndex): Promise<void> {
  const data: CacheFile = { fingerprint, ...toPlainIndex(built) };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
