/**
 * The index cache: building the index is the slow part of starting, so the built index is saved
 * under DATA_DIR with a fingerprint of everything it was built from (corpus files, glossary,
 * index settings). A cache that is missing, stale or unreadable in any way is rebuilt — it can
 * cost time, never a wrong answer.
 *
 * The file is Node's structured serialization (`v8.serialize`) of the index packed into a few
 * typed arrays (`packIndex`): every posting in three arrays (`postings.ts`), paragraph ids and
 * field lengths in arrays, the radix tree of terms as its bare shape. A start reads the arrays
 * back as they were and points the compact posting lists into them, so nothing is re-derived and
 * no posting is re-inserted one by one (what `MiniSearch.loadJSON` does, or recreating one map
 * entry per posting, what the previous format cost: 1.6 s of CPU at 100k paragraphs). MiniSearch's
 * per-paragraph maps are views of the id and field-length arrays (`short-id-maps.ts`), not one
 * entry per paragraph.
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
  type ListedWord,
  stateOf,
  type Vocabulary,
} from './inverted-index.ts';
import { listedWords, offeredNames } from './listed.ts';
import { type PackedPostings, packPostings, type TermPostings, termCount, termPostings } from './postings.ts';
import { DenseMap, FieldLengths, LazyMap } from './short-id-maps.ts';

export const CACHE_FILE = 'index-cache.v8';

/** The layout of the packed index below; part of the fingerprint, so an older layout is rebuilt. */
const PACKED_LAYOUT = 6;

/**
 * The field names of a MiniSearch instance: part of the fingerprint, so a MiniSearch release that
 * changes its internals invalidates caches written by the previous one instead of misreading them.
 */
const MINISEARCH_LAYOUT = Object.keys(new MiniSearch(INDEX_OPTIONS)).sort().join(',');

/** What the index depends on besides the corpus: changing the code's index settings invalidates it. */
export function indexFingerprint(corpusFingerprint: string): string {
  return createHash('sha256')
    .update(
      `${corpusFingerprint}:${INDEX_VERSION}:${PACKED_LAYOUT}:${JSON.stringify(FIELD_BOOST)}:${MINISEARCH_LAYOUT}`,
    )
    .digest('hex');
}

/** A built index as a few arrays and one map of the tree's shape: what the cache file holds. */
export interface PackedIndex {
  /** The radix tree's nodes, each term's value replaced by its number in `postings`. */
  tree: Map<string, unknown>;
  postings: PackedPostings;
  /** Paragraph short ids and ids, in MiniSearch's order. */
  shortIds: Int32Array;
  ids: string[];
  /** Per field, each paragraph's length in it, indexed by short id (`nextId` long). */
  fieldLengths: Float64Array[];
  avgFieldLength: number[];
  documentCount: number;
  nextId: number;
  dirtCount: number;
  vocabulary: { terms: string[]; surfaces: string[]; counts: Int32Array };
  /** Title and heading texts, and their terms joined by spaces. */
  headings: { texts: string[]; terms: string[] };
  /** Names and how many paragraphs name each. */
  names: { texts: string[]; counts: Int32Array; offered: readonly string[] };
  /** The vocabulary in prefix order (`listed.ts`), sorted where it was packed. */
  listed: { folded: string[]; surfaces: string[]; counts: Int32Array };
}

const LEAF = '';
const FIELD_COUNT = Object.keys(FIELD_BOOST).length;

/** The tree's shape, each term's postings collected in `leaves` and replaced by their number. */
function shapeOf(node: Map<string, unknown>, leaves: TermPostings[]): Map<string, unknown> {
  const shape = new Map<string, unknown>();
  for (const [key, value] of node) {
    shape.set(
      key,
      key === LEAF ? leaves.push(value as TermPostings) - 1 : shapeOf(value as Map<string, unknown>, leaves),
    );
  }
  return shape;
}

/** Puts each term's postings back in a shape read from the cache (in place); false if malformed. */
function fillShape(node: unknown, postings: PackedPostings, terms: number): boolean {
  if (!(node instanceof Map)) return false;
  for (const [key, value] of node) {
    if (key === LEAF) {
      if (!Number.isInteger(value) || value < 0 || value >= terms) return false;
      node.set(LEAF, termPostings(postings, value));
    } else if (!fillShape(value, postings, terms)) return false;
  }
  return true;
}

export function packIndex(built: BuiltIndex): PackedIndex {
  const state = stateOf(built.index);
  const leaves: TermPostings[] = [];
  const tree = shapeOf(state._index._tree, leaves);
  const fieldLengths = Array.from({ length: FIELD_COUNT }, () => new Float64Array(state._nextId));
  const shortIds = Int32Array.from(state._documentIds.keys());
  for (const shortId of shortIds) {
    const lengths = state._fieldLength.get(shortId) ?? [];
    fieldLengths.forEach((byShortId, field) => {
      byShortId[shortId] = lengths[field] ?? 0;
    });
  }
  const vocabulary = [...built.vocabulary];
  const listed = listedWords(built);
  return {
    tree,
    postings: packPostings(leaves),
    shortIds,
    ids: [...state._documentIds.values()],
    fieldLengths,
    avgFieldLength: state._avgFieldLength,
    documentCount: state._documentCount,
    nextId: state._nextId,
    dirtCount: state._dirtCount,
    vocabulary: {
      terms: vocabulary.map(([term]) => term),
      surfaces: vocabulary.map(([, { surface }]) => surface),
      counts: Int32Array.from(vocabulary, ([, { count }]) => count),
    },
    headings: {
      texts: [...built.headings.keys()],
      terms: [...built.headings.values()].map((terms) => terms.join(' ')),
    },
    names: {
      texts: [...built.names.keys()],
      counts: Int32Array.from(built.names.values()),
      offered: offeredNames(built),
    },
    listed: {
      folded: listed.map((word) => word.folded),
      surfaces: listed.map((word) => word.surface),
      counts: Int32Array.from(listed, (word) => word.count),
    },
  };
}

function wellFormed(data: PackedIndex): boolean {
  const { postings, shortIds, ids, fieldLengths, vocabulary } = data;
  return (
    data.tree instanceof Map &&
    postings?.pairStart instanceof Int32Array &&
    postings.pairField instanceof Uint8Array &&
    postings.docStart instanceof Int32Array &&
    postings.docs instanceof Int32Array &&
    (postings.freqs instanceof Uint16Array || postings.freqs instanceof Uint32Array) &&
    postings.pairStart.at(-1) === postings.pairField.length &&
    postings.docStart.length === postings.pairField.length + 1 &&
    postings.docStart.at(-1) === postings.docs.length &&
    postings.freqs.length === postings.docs.length &&
    shortIds instanceof Int32Array &&
    Array.isArray(ids) &&
    ids.length === shortIds.length &&
    Number.isInteger(data.nextId) &&
    shortIds.every(
      (shortId, at) => shortId >= 0 && shortId < data.nextId && shortId > (shortIds[at - 1] ?? -1),
    ) &&
    Array.isArray(fieldLengths) &&
    fieldLengths.length === FIELD_COUNT &&
    fieldLengths.every((lengths) => lengths instanceof Float64Array && lengths.length === data.nextId) &&
    Array.isArray(data.avgFieldLength) &&
    Array.isArray(vocabulary?.terms) &&
    Array.isArray(vocabulary.surfaces) &&
    vocabulary.counts instanceof Int32Array &&
    vocabulary.terms.length === vocabulary.surfaces.length &&
    vocabulary.terms.length === vocabulary.counts.length &&
    Array.isArray(data.headings?.texts) &&
    Array.isArray(data.headings.terms) &&
    data.headings.texts.length === data.headings.terms.length &&
    Array.isArray(data.names?.texts) &&
    data.names.counts instanceof Int32Array &&
    data.names.texts.length === data.names.counts.length &&
    Array.isArray(data.names.offered) &&
    Array.isArray(data.listed?.folded) &&
    Array.isArray(data.listed.surfaces) &&
    data.listed.counts instanceof Int32Array &&
    data.listed.folded.length === data.listed.surfaces.length &&
    data.listed.folded.length === data.listed.counts.length
  );
}

/** The index a packed one stands for, or null when the data is not a well-formed packed index. */
export function unpackIndex(data: PackedIndex): BuiltIndex | null {
  if (!wellFormed(data)) return null;
  const { tree, postings, shortIds, ids, fieldLengths } = data;
  if (!fillShape(tree, postings, termCount(postings))) return null;
  const index = new MiniSearch<IndexedParagraph>(INDEX_OPTIONS);
  const state = stateOf(index);
  state._index._tree = tree;
  state._index._size = termCount(postings);
  // Short ids are 0, 1, 2… unless paragraphs were discarded before the index was saved.
  let byShortId: (string | undefined)[] = ids;
  if (shortIds.length !== data.nextId) {
    byShortId = new Array<string | undefined>(data.nextId).fill(undefined);
    shortIds.forEach((shortId, at) => {
      byShortId[shortId] = ids[at];
    });
  }
  Object.assign(state, {
    _documentIds: new DenseMap(byShortId, ids.length),
    _idToShortId: new LazyMap<string, number>((set) => {
      shortIds.forEach((shortId, at) => {
        set(ids[at] as string, shortId);
      });
    }),
    _fieldLength: new FieldLengths(fieldLengths, shortIds),
    _avgFieldLength: data.avgFieldLength,
    _documentCount: data.documentCount,
    _nextId: data.nextId,
    _dirtCount: data.dirtCount,
  });
  const { terms, surfaces, counts } = data.vocabulary;
  const vocabulary: Vocabulary = new Map(
    terms.map((term, at) => [term, { surface: surfaces[at] as string, count: counts[at] as number }]),
  );
  const { texts, terms: headingTerms } = data.headings;
  const headings = new Map(
    texts.map((text, at) => [text, headingTerms[at] ? (headingTerms[at] as string).split(' ') : []]),
  );
  const names = new Map(data.names.texts.map((text, at) => [text, data.names.counts[at] as number]));
  const listed: ListedWord[] = data.listed.folded.map((folded, at) => ({
    folded,
    surface: data.listed.surfaces[at] as string,
    count: data.listed.counts[at] as number,
  }));
  return { index, vocabulary, headings, names, offered: data.names.offered, listed };
}

type CacheFile = { fingerprint: string } & PackedIndex;

export type CacheMiss = 'missing' | 'stale' | 'corrupt';

/** The log line for each reason a start builds the index instead of loading it. */
export const CACHE_MISS_MESSAGE: Record<CacheMiss, string> = {
  missing: 'no index cache yet: building the index',
  stale: 'the index cache was built from other corpus files or by another version: rebuilding the index',
  corrupt: 'the index cache is unreadable or of an unknown layout: rebuilding the index',
};

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
    if (data.documentCount !== expectedDocuments || data.ids?.length !== expectedDocuments) return 'corrupt';
    return unpackIndex(data) ?? 'corrupt';
  } catch {
    return 'corrupt';
  }
}

/** Saves a built index, packed (`savePackedIndex`). */
export async function saveIndexCache(path: string, fingerprint: string, built: BuiltIndex): Promise<void> {
  await savePackedIndex(path, fingerprint, packIndex(built));
}

/**
 * Saves an index already packed (the reload worker packs it once, to send and to save). Writes to a
 * temporary file and renames it, so a crash mid-write never leaves half a cache; a write that fails
 * (a full disk) removes its temporary file rather than leave it taking the space.
 */
export async function savePackedIndex(path: string, fingerprint: string, packed: PackedIndex): Promise<void> {
  const data: CacheFile = { fingerprint, ...packed };
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
