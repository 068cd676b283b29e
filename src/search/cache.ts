/**
 * The index cache: building the index is the slow part of starting, so the built index is saved
 * under DATA_DIR with a fingerprint of everything it was built from (corpus files, glossary,
 * index settings). A cache that is missing, stale or unreadable in any way is rebuilt — it can
 * cost time, never a wrong answer. The file is Node's structured serialization (`v8.serialize`)
 * of the index's own structures, not JSON: a start reads it back as they were.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import MiniSearch from 'minisearch';
import {
  type BuiltIndex,
  FIELD_BOOST,
  INDEX_OPTIONS,
  INDEX_VERSION,
  type IndexedParagraph,
  type Vocabulary,
} from './inverted-index.ts';

export const CACHE_FILE = 'index-cache.v8';

/**
 * MiniSearch's in-memory state, by its (7.x) field names. The cache holds these structures as
 * they are, written with Node's structured serializer, so loading rebuilds nothing: no JSON text
 * to parse, no posting list re-inserted term by term (what `MiniSearch.loadJSON` does, and most
 * of a start's time at 100k paragraphs). The id → short id map is the one thing derived on load.
 */
interface MiniSearchState {
  _index: { _tree: Map<string, unknown> };
  _documentCount: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

const SAVED = [
  '_documentCount',
  '_documentIds',
  '_fieldIds',
  '_fieldLength',
  '_avgFieldLength',
  '_nextId',
  '_storedFields',
  '_dirtCount',
] as const;

/**
 * The field names of a MiniSearch instance: part of the fingerprint, so a MiniSearch release that
 * changes its internals invalidates caches written by the previous one instead of misreading them.
 */
const MINISEARCH_LAYOUT = Object.keys(new MiniSearch(INDEX_OPTIONS)).sort().join(',');

/** What the index depends on besides the corpus: changing the code's index settings invalidates it. */
export function indexFingerprint(corpusFingerprint: string): string {
  return createHash('sha256')
    .update(`${corpusFingerprint}:${INDEX_VERSION}:${JSON.stringify(FIELD_BOOST)}:${MINISEARCH_LAYOUT}`)
    .digest('hex');
}

type CacheFile = { fingerprint: string; tree: unknown; vocabulary: unknown } & Pick<
  MiniSearchState,
  (typeof SAVED)[number]
>;

export type CacheMiss = 'missing' | 'stale' | 'corrupt';

export async function loadIndexCache(
  path: string,
  fingerprint: string,
  expectedDocuments: number,
): Promise<BuiltIndex | CacheMiss> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    return 'missing';
  }
  try {
    const data = deserialize(raw) as CacheFile;
    if (data?.fingerprint !== fingerprint) return 'stale';
    const { tree, vocabulary, _documentIds: ids } = data;
    if (!(tree instanceof Map) || !(vocabulary instanceof Map) || !(ids instanceof Map)) return 'corrupt';
    if (data._documentCount !== expectedDocuments || ids.size !== expectedDocuments) return 'corrupt';
    const index = new MiniSearch<IndexedParagraph>(INDEX_OPTIONS);
    const state = index as unknown as MiniSearchState;
    for (const key of SAVED) Object.assign(state, { [key]: data[key] });
    state._index._tree = tree;
    state._idToShortId = new Map([...ids].map(([shortId, id]) => [id, shortId]));
    return { index, vocabulary: vocabulary as Vocabulary };
  } catch {
    return 'corrupt';
  }
}

/**
 * Writes to a temporary file and renames it, so a crash mid-write never leaves half a cache; a write
 * that fails (a full disk) removes its temporary file rather than leave it taking the space.
 */
export async function saveIndexCache(path: string, fingerprint: string, built: BuiltIndex): Promise<void> {
  const state = built.index as unknown as MiniSearchState;
  const data = { fingerprint, tree: state._index._tree, vocabulary: built.vocabulary } as CacheFile;
  for (const key of SAVED) Object.assign(data, { [key]: state[key] });
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, serialize(data));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
